import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { COMMENT_BODY_MAX } from "../schemas/limits";
import type { FormResult } from "../schemas/parse";
import type { AttachmentLimits, CannedReplyChoice } from "../shapes";
import { AttachmentField } from "./Attachments";
import { CannedReplyPicker } from "./CannedReplyPicker";
import { Notice, TextAreaField } from "./Field";

/** Which form a post came from: the new-comment form, a reply form, or a comment's edit form. */
export function commentFormId(intent: string, id?: number | null): string {
  if (intent === "comment") return id ? `reply-${id}` : "comment";
  return `${intent}-${id ?? ""}`;
}

interface Props {
  intent: "comment" | "editComment";
  label: string;
  submitLabel: string;
  /** The parent of a reply, or the comment being edited. */
  id?: number;
  defaultValue?: string;
  result?: FormResult;
  /** Staff: the label of a "notify followers" tick box (a staff update, emailed to followers). */
  notifyLabel?: string;
  /** Offer a screenshots field (the form is then posted as multipart/form-data). */
  attachmentLimits?: AttachmentLimits;
  /** Staff: offer "Internal note" (seen by staff only; tells no one). */
  offerInternal?: boolean;
  /** Staff: canned replies to insert into the box. */
  cannedReplies?: CannedReplyChoice[];
  children?: ReactNode;
}

export function CommentForm({ intent, label, submitLabel, id, defaultValue, result, notifyLabel, attachmentLimits, offerInternal, cannedReplies, children }: Props) {
  const t = useT();
  const formId = commentFormId(intent, id);
  const mine = result?.form === formId ? result : undefined;
  return (
    <Form method="post" encType={attachmentLimits ? "multipart/form-data" : undefined} noValidate className="comment-form" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name={intent === "comment" ? "parentId" : "id"} value={id} /> : null}
      {mine?.formError ? <Notice kind="error">{mine.formError}</Notice> : null}
      {cannedReplies ? <CannedReplyPicker replies={cannedReplies} target="body" id={`canned-${formId}`} /> : null}
      <TextAreaField
        id={`body-${formId}`}
        label={label}
        name="body"
        required
        maxLength={COMMENT_BODY_MAX}
        rows={intent === "comment" && !id ? 4 : 3}
        hint={t("comments.hint", { max: COMMENT_BODY_MAX })}
        defaultValue={mine?.values?.body ?? defaultValue}
        error={mine?.errors?.body}
      />
      {attachmentLimits ? <AttachmentField id={`attachments-${formId}`} limits={attachmentLimits} error={mine?.errors?.attachments} /> : null}
      {offerInternal ? (
        <div className="checkbox comment-form__internal">
          <input type="checkbox" id={`internal-${formId}`} name="internal" value="true" defaultChecked={mine?.values?.internal === "true"} aria-describedby={`internal-${formId}-hint`} />
          <label htmlFor={`internal-${formId}`}>{t("comments.internal")}</label>
          <span id={`internal-${formId}-hint`} className="hint">
            {t("comments.internalHint")}
          </span>
        </div>
      ) : null}
      {notifyLabel ? (
        <div className="checkbox comment-form__notify">
          <input type="checkbox" id={`notify-${formId}`} name="notify" value="true" defaultChecked={mine?.values?.notify === "true"} />
          <label htmlFor={`notify-${formId}`}>{notifyLabel}</label>
        </div>
      ) : null}
      <div className="row">
        <button type="submit" className="button button--primary">
          {submitLabel}
        </button>
        {children}
      </div>
    </Form>
  );
}
