import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import type { TagView } from "../shapes";
import { useSelectableStatuses } from "../statuses";
import { Field, Notice, SelectField, TextAreaField } from "./Field";
import { BULK_FORM_ID } from "./InboxList";

/** What the bulk action answered, per idea (models/bulk-actions.server.ts). */
export type BulkData = {
  bulk?: {
    action: "status" | "move" | "merge" | "reviewed" | "tag" | "untag";
    results: Array<{ number: number; ok: boolean; error?: { message: string; fields?: Record<string, string> } }>;
    succeeded: number;
    failed: number;
  };
};

/**
 * The action for the ideas ticked in the list (whose tick boxes join this form with `form=`): a
 * plain form, so it works without JavaScript. Each action reads only its own fields.
 */
export function BulkForm({ boards, tags, result }: { boards: Array<{ slug: string; name: string }>; tags: TagView[]; result?: FormResult }) {
  const t = useT();
  const statuses = useSelectableStatuses();
  const mine = result?.form === "bulk" ? result : undefined;
  const values = mine?.values;
  return (
    <section className="card bulk-form" aria-labelledby="bulk-heading">
      <h2 id="bulk-heading">{t("bulk.title")}</h2>
      <Form method="post" id={BULK_FORM_ID} noValidate>
        <input type="hidden" name="intent" value="bulk" />
        {mine?.formError ? <Notice kind="error">{mine.errors?.ideas ?? mine.formError}</Notice> : null}
        <SelectField id="bulk-action" name="action" label={t("bulk.action")} defaultValue={values?.action ?? "status"} error={mine?.errors?.action}>
          <option value="status">{t("bulk.action.status")}</option>
          <option value="move">{t("bulk.action.move")}</option>
          <option value="merge">{t("bulk.action.merge")}</option>
          <option value="reviewed">{t("bulk.action.reviewed")}</option>
          <option value="tag">{t("bulk.action.tag")}</option>
          <option value="untag">{t("bulk.action.untag")}</option>
        </SelectField>
        <div className="bulk-form__fields">
          <SelectField id="bulk-status" name="status" label={t("statusForm.status")} defaultValue={values?.status ?? "under_review"} error={mine?.errors?.status}>
            {statuses.map((status) => (
              <option key={status.key} value={status.key}>
                {status.label}
              </option>
            ))}
          </SelectField>
          <TextAreaField id="bulk-note" name="note" label={t("statusForm.note")} rows={2} defaultValue={values?.note} error={mine?.errors?.note} />
          <SelectField id="bulk-board" name="board" label={t("move.board")} defaultValue={values?.board ?? ""} error={mine?.errors?.board}>
            <option value="">{t("move.chooseBoard")}</option>
            {boards.map((b) => (
              <option key={b.slug} value={b.slug} dir="auto">
                {b.name}
              </option>
            ))}
          </SelectField>
          <SelectField id="bulk-tag" name="tag" label={t("bulk.tag")} defaultValue={values?.tag ?? ""} error={mine?.errors?.tag}>
            <option value="">{t("bulk.chooseTag")}</option>
            {tags.map((tag) => (
              <option key={tag.slug} value={tag.slug} dir="auto">
                {tag.private ? t("tags.privateOption", { name: tag.name }) : tag.name}
              </option>
            ))}
          </SelectField>
          <Field id="bulk-into" name="into" label={t("bulk.into")} inputMode="numeric" autoComplete="off" defaultValue={values?.into} error={mine?.errors?.into} />
        </div>
        <button type="submit" className="button button--primary">
          {t("bulk.submit")}
        </button>
      </Form>
    </section>
  );
}

/** What happened to each idea: a count of those done, and each refusal with its reason. */
export function BulkResults({ outcome }: { outcome: NonNullable<BulkData["bulk"]> }) {
  const t = useT();
  const failures = outcome.results.filter((r) => !r.ok);
  return (
    <Notice kind={failures.length ? "error" : "success"}>
      <p>{t("bulk.done", { count: outcome.succeeded, n: String(outcome.succeeded) })}</p>
      {failures.length ? (
        <ul>
          {failures.map((r) => (
            <li key={r.number}>
              {t("bulk.failed", { number: r.number, reason: Object.values(r.error?.fields ?? {})[0] ?? r.error?.message ?? "" })}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}
