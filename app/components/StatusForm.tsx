import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import type { CannedReplyChoice } from "../shapes";
import { CannedReplyPicker } from "./CannedReplyPicker";
import { useSelectableStatuses, type IdeaStatus } from "../statuses";
import { Notice, TextAreaField } from "./Field";


interface Props {
  current: IdeaStatus;
  /** Whom the change will be told to: the followers but the staff member making it. */
  notifyCount: number;
  notifyCountText: string;
  noteMax: number;
  result?: FormResult;
  /** The email preview's address: a second button sends the form there (GET). */
  previewAction?: string;
  cannedReplies?: CannedReplyChoice[];
}

/**
 * Staff change an idea's status with a public note (markdown; required when declining), and
 * see, before they confirm, how many people will be told.
 */
export function StatusForm({ current, notifyCount, notifyCountText, noteMax, result, previewAction, cannedReplies }: Props) {
  const t = useT();
  const statuses = useSelectableStatuses();
  const mine = result?.form === "status" ? result : undefined;
  const statusError = mine?.errors?.status;
  const notifyChecked = mine?.values ? mine.values.notify !== "false" : true;
  const select = useRef<HTMLSelectElement>(null);
  // Opened from the inbox's "s" shortcut (an address ending in #status): ready to choose.
  useEffect(() => {
    if (window.location.hash === "#status") select.current?.focus();
  }, []);
  return (
    <section className="card status-form" aria-labelledby="status-form-heading" id="status">
      <h2 id="status-form-heading">{t("statusForm.title")}</h2>
      <Form method="post" noValidate preventScrollReset>
        <input type="hidden" name="intent" value="status" />
        {mine?.formError && !mine.errors ? <Notice kind="error">{mine.formError}</Notice> : null}
        <div className="field">
          <label htmlFor="status-select">{t("statusForm.status")}</label>
          <select
            id="status-select"
            ref={select}
            name="status"
            defaultValue={mine?.values?.status ?? current}
            aria-invalid={statusError ? true : undefined}
            aria-describedby={statusError ? "status-select-error" : undefined}
          >
            {statuses.map((status) => (
              <option key={status.key} value={status.key}>
                {status.key === current ? t("statusForm.currentOption", { status: status.label }) : status.label}
              </option>
            ))}
          </select>
          {statusError ? (
            <p id="status-select-error" className="field-error">
              {statusError}
            </p>
          ) : null}
        </div>
        {cannedReplies ? <CannedReplyPicker replies={cannedReplies} target="note" id="canned-status" /> : null}
        <TextAreaField
          id="status-note"
          name="note"
          label={t("statusForm.note")}
          hint={t("statusForm.noteHint", { max: noteMax })}
          maxLength={noteMax}
          rows={4}
          defaultValue={mine?.values?.note}
          error={mine?.errors?.note}
        />
        <div className="field">
          <div className="checkbox">
            {/* Unticked sends "false" (the checkbox, last, wins when ticked): the model's default is to notify. */}
            <input type="hidden" name="notify" value="false" />
            <input type="checkbox" id="status-notify" name="notify" value="true" defaultChecked={notifyChecked} aria-describedby="status-notify-hint" />
            <label htmlFor="status-notify">{t("statusForm.notify", { count: notifyCount, n: notifyCountText })}</label>
          </div>
          <span id="status-notify-hint" className="hint">
            {t("statusForm.notifyHint")}
          </span>
        </div>
        <div className="row">
          <button type="submit" className="button button--primary">
            {t("statusForm.submit")}
          </button>
          {previewAction ? (
            <button type="submit" className="button" formAction={previewAction} formMethod="get" formNoValidate>
              {t("statusForm.preview")}
            </button>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
