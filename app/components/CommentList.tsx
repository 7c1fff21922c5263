import { Form, Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { CommentForm, commentFormId, type CommentFormResult } from "./CommentForm";
import { Markdown } from "./Markdown";

/** A CommentView as the loader serialises it, plus its date label. */
export interface CommentData {
  id: number;
  parentId: number | null;
  body: string;
  bodyHtml: string;
  author: { id: number; name: string };
  isStaff: boolean;
  createdAt: string;
  date: string;
  edited: boolean;
  canEdit: boolean;
  canDelete: boolean;
  replies: CommentData[];
}

interface Props {
  comments: CommentData[];
  ideaUrl: string;
  /** The comment shown as an edit form (?edit=id), so editing works without JavaScript. */
  editingId: number | null;
  canReply: boolean;
  result?: CommentFormResult;
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

export function Comment({ comment, ideaUrl, editingId, canReply, result }: Props & { comment: CommentData }) {
  const t = useT();
  const editing = comment.canEdit && editingId === comment.id;
  const replyFormId = commentFormId("comment", comment.id);
  return (
    <article className="comment" id={`comment-${comment.id}`} aria-labelledby={`comment-${comment.id}-author`}>
      <p className="comment__meta small">
        <strong id={`comment-${comment.id}-author`}>{comment.author.name}</strong>
        {comment.isStaff ? <span className="staff-badge">{t("comments.staff")}</span> : null}
        <time dateTime={comment.createdAt}>{comment.date}</time>
        {comment.edited ? <span className="muted">({t("comments.edited")})</span> : null}
      </p>
      {editing ? (
        <CommentForm intent="editComment" id={comment.id} label={t("comments.editLabel")} submitLabel={t("comments.save")} defaultValue={comment.body} result={result}>
          <Link to={`${ideaUrl}#comment-${comment.id}`} preventScrollReset>
            {t("common.cancel")}
          </Link>
        </CommentForm>
      ) : (
        <Markdown html={comment.bodyHtml} />
      )}
      {(comment.canEdit && !editing) || comment.canDelete ? (
        <div className="comment__actions row small">
          {comment.canEdit && !editing ? (
            <Link to={`?edit=${comment.id}#comment-${comment.id}`} preventScrollReset>
              {t("comments.edit")}
            </Link>
          ) : null}
          {comment.canDelete ? (
            <details className="confirm">
              <summary>{t("comments.delete")}</summary>
              <Form method="post" className="confirm__body">
                <input type="hidden" name="intent" value="deleteComment" />
                <input type="hidden" name="id" value={comment.id} />
                <p>{t("comments.deleteWarning")}</p>
                <button type="submit" className="button button--danger">
                  {t("comments.deleteConfirm")}
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      ) : null}
      {comment.replies.length > 0 ? (
        <ol className="comment-list comment-list--replies">
          {comment.replies.map((reply) => (
            <li key={reply.id}>
              <Comment comment={reply} comments={[]} ideaUrl={ideaUrl} editingId={editingId} canReply={false} result={result} />
            </li>
          ))}
        </ol>
      ) : null}
      {canReply && comment.parentId === null ? (
        // Keyed by the reply count so a posted reply closes and empties the form.
        <details className="reply" key={comment.replies.length} open={result?.form === replyFormId || undefined}>
          <summary>{t("comments.reply")}</summary>
          <CommentForm intent="comment" id={comment.id} label={t("comments.replyTo", { name: comment.author.name })} submitLabel={t("comments.submitReply")} result={result} />
        </details>
      ) : null}
    </article>
  );
}
