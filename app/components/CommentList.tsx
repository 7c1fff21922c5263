import { Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import { CommentForm, commentFormId } from "./CommentForm";
import { ConfirmForm } from "./ConfirmForm";
import { Markdown } from "./Markdown";
import type { AttachmentLimits, CommentData } from "../shapes";
import { AttachmentList } from "./Attachments";
import { personName } from "../person-name";
import { HiddenNotice, HideForm } from "./ModerationForms";
import { ReportForm, type Reporting } from "./ReportForm";
import { OnDemandDetails } from "./OnDemandDetails";

/** A CommentView as the loader serialises it, plus its date label. */
export type { CommentData } from "../shapes";

interface Props {
  comments: CommentData[];
  ideaUrl: string;
  /** The comment shown as an edit form (?edit=id), so editing works without JavaScript. */
  editingId: number | null;
  canReply: boolean;
  result?: FormResult;
  /** Screenshots may go with a reply as with a comment (absent: the reply form takes none). */
  attachmentLimits?: AttachmentLimits;
  /** Staff: each comment offers Hide (or, hidden, says why and offers Restore). */
  canModerate?: boolean;
  /** Members: a Report disclosure under each comment someone else wrote. */
  reporting?: Reporting;
}

/** Comments oldest first, replies one level deep under their comment. */
export function CommentList(props: Props) {
  const t = useT();
  if (props.comments.length === 0) return <p className="muted">{t("comments.none")}</p>;
  return (
    <ol className="comment-list">
      {props.comments.map((comment) => (
        <li key={comment.id}>
          <Comment comment={comment} {...props} />
        </li>
      ))}
    </ol>
  );
}

export function Comment({ comment, ideaUrl, editingId, canReply, result, attachmentLimits, canModerate, reporting = null }: Props & { comment: CommentData }) {
  const t = useT();
  const editing = comment.canEdit && editingId === comment.id;
  const replyFormId = commentFormId("comment", comment.id);
  const replies =
    comment.replies.length > 0 ? (
      <ol className="comment-list comment-list--replies">
        {comment.replies.map((reply) => (
          <li key={reply.id}>
            <Comment comment={reply} comments={[]} ideaUrl={ideaUrl} editingId={editingId} canReply={false} result={result} canModerate={canModerate} reporting={reporting} />
          </li>
        ))}
      </ol>
    ) : null;
  if (comment.removed) {
    // A member's stand-in for a hidden comment that visible replies answer.
    return (
      <article className="comment comment--removed" id={`comment-${comment.id}`} aria-label={t("moderation.removedComment")}>
        <p className="muted small">{t("moderation.removedComment")}</p>
        {replies}
      </article>
    );
  }
  return (
    <article className={[comment.internal ? "comment comment--internal" : "comment", comment.hidden ? "comment--hidden" : ""].join(" ").trim()} id={`comment-${comment.id}`} aria-labelledby={`comment-${comment.id}-author`}>
      {comment.hidden ? <HiddenNotice number={comment.ideaNumber} commentId={comment.id} reason={comment.hidden.reason} /> : null}
      <p className="comment__meta small">
        <strong id={`comment-${comment.id}-author`} dir="auto">
          {personName(t, comment.author.name)}
        </strong>
        {comment.isStaff ? <span className="staff-badge">{t("comments.staff")}</span> : null}
        {comment.internal ? <span className="internal-badge">{t("comments.internalBadge")}</span> : null}
        {comment.fromNumber ? <span className="merged-badge">{t("merge.fromIdea", { number: comment.fromNumber })}</span> : null}
        <time dateTime={comment.createdAt}>{comment.date}</time>
        {comment.edited ? <span className="muted">({t(comment.editedByStaff ? "comments.editedByStaff" : "comments.edited")})</span> : null}
      </p>
      {editing ? (
        <CommentForm intent="editComment" id={comment.id} label={t("comments.editLabel")} submitLabel={t("comments.save")} defaultValue={comment.body} result={result}>
          <Link to={`${ideaUrl}#comment-${comment.id}`} preventScrollReset>
            {t("common.cancel")}
          </Link>
        </CommentForm>
      ) : (
        // Under the page's "Comments" heading (h2).
        <Markdown html={comment.bodyHtml} headingLevel={3} />
      )}
      <AttachmentList items={comment.attachments} />
      {(comment.canEdit && !editing) || comment.canDelete ? (
        <div className="comment__actions row small">
          {comment.canEdit && !editing ? (
            <Link to={`?edit=${comment.id}#comment-${comment.id}`} preventScrollReset>
              {t("comments.edit")}
            </Link>
          ) : null}
          {comment.canDelete ? (
            <ConfirmForm
              id={`delete-comment-${comment.id}`}
              label={t("comments.delete")}
              warning={t("comments.deleteWarning")}
              confirm={t("comments.deleteConfirm")}
              fields={{ intent: "deleteComment", id: comment.id }}
            />
          ) : null}
        </div>
      ) : null}
      {canModerate && !comment.hidden ? <HideForm number={comment.ideaNumber} commentId={comment.id} /> : null}
      {!comment.hidden && !comment.internal ? <ReportForm number={comment.ideaNumber} commentId={comment.id} authorId={comment.author.id} reporting={reporting} /> : null}
      {replies}
      {/* A comment shown from a merged idea is answered on the idea it was posted on (if it is unmerged). */}
      {canReply && comment.parentId === null && !comment.fromNumber && !comment.hidden ? (
        // Keyed by the reply count so a posted reply closes and empties the form.
        <OnDemandDetails
          key={comment.replies.length}
          id={`${replyFormId}-form`}
          className="reply"
          summary={t("comments.reply")}
          param="reply"
          value={String(comment.id)}
          linkText={t("comments.replyOpen")}
          open={result?.form === replyFormId}
        >
          {() => <CommentForm intent="comment" id={comment.id} attachmentLimits={attachmentLimits} label={t("comments.replyTo", { name: personName(t, comment.author.name) })} submitLabel={t("comments.submitReply")} result={result} />}
        </OnDemandDetails>
      ) : null}
    </article>
  );
}
