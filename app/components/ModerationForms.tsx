import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { HIDE_REASON_MAX } from "../schemas/limits";
import { TextAreaField } from "./Field";
import { OnDemandDetails } from "./OnDemandDetails";

/** Staff: hide an idea or a comment, with the reason kept for the audit (folded away until needed, and only then built). */
export function HideForm({ number, commentId }: { number: number; commentId?: number }) {
  const t = useT();
  const fieldId = commentId === undefined ? "hide-idea-reason" : `hide-comment-${commentId}-reason`;
  return (
    <OnDemandDetails
      id={commentId === undefined ? "hide-idea-form" : `hide-comment-${commentId}-form`}
      className="moderation-form"
      summary={t(commentId === undefined ? "moderation.hideIdea" : "moderation.hideComment")}
      param="hide"
      value={commentId === undefined ? "idea" : String(commentId)}
      linkText={t("moderation.hideOpen")}
    >
      {() => (
        <Form method="post" action={`/ideas/${number}/moderate`} className="stack">
          <input type="hidden" name="intent" value={commentId === undefined ? "hideIdea" : "hideComment"} />
          {commentId !== undefined ? <input type="hidden" name="id" value={commentId} /> : null}
          <TextAreaField id={fieldId} name="reason" label={t("moderation.reason")} hint={t("moderation.reasonHint")} rows={2} required maxLength={HIDE_REASON_MAX} />
          <div className="row">
            <button type="submit" className="button button--danger">
              {t("moderation.hide")}
            </button>
          </div>
        </Form>
      )}
    </OnDemandDetails>
  );
}

/** Staff: what hid this idea or comment from members, and the button that puts it back. */
export function HiddenNotice({ number, commentId, reason }: { number: number; commentId?: number; reason: string }) {
  const t = useT();
  return (
    <div className="hidden-notice row small">
      <span>
        <strong>{t("moderation.hidden")}</strong> <bdi>{reason}</bdi>
      </span>
      <Form method="post" action={`/ideas/${number}/moderate`}>
        <input type="hidden" name="intent" value={commentId === undefined ? "restoreIdea" : "restoreComment"} />
        {commentId !== undefined ? <input type="hidden" name="id" value={commentId} /> : null}
        <button type="submit" className="button">
          {t(commentId === undefined ? "moderation.restoreIdea" : "moderation.restoreComment")}
        </button>
      </Form>
    </div>
  );
}

/** One staff action on the idea without input (pin, lock…): a button posting its intent, no JavaScript needed. */
function IdeaActionButton({ number, intent, label }: { number: number; intent: string; label: string }) {
  return (
    <Form method="post" action={`/ideas/${number}/moderate`}>
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className="button">
        {label}
      </button>
    </Form>
  );
}

/** Staff: pin the idea to the top of its board, or unpin it. */
export function PinForm({ number, pinned }: { number: number; pinned: boolean }) {
  const t = useT();
  return <IdeaActionButton number={number} intent={pinned ? "unpin" : "pin"} label={t(pinned ? "moderation.unpin" : "moderation.pin")} />;
}

/**
 * "Comments are locked", shown to everyone on a locked idea (in place of the comment box for
 * members); staff get the button that locks or unlocks them.
 */
export function CommentsLock({ number, locked, canLock }: { number: number; locked: boolean; canLock: boolean }) {
  const t = useT();
  if (!locked && !canLock) return null;
  return (
    <div className="comments-lock row small">
      {locked ? <p role="status">{t(canLock ? "moderation.lockedStaff" : "comments.locked")}</p> : null}
      {canLock ? (
        <IdeaActionButton number={number} intent={locked ? "unlockComments" : "lockComments"} label={t(locked ? "moderation.unlockComments" : "moderation.lockComments")} />
      ) : null}
    </div>
  );
}
