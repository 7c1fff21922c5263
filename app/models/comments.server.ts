/**
 * Comments on an idea: markdown, oldest first, replies one level deep. The idea's comment_count changes in the same
 * statement as the comment rows. A double-clicked "post" makes one comment: posts by one author on one idea are
 * serialized by an advisory lock, and the same body on the same idea/parent within a minute returns the comment that
 * already exists. Internal notes (staff only) live here too: every read below hides them from anyone but staff,
 * they are not in comment_count, and they cause no notification (docs/decisions/0019-internal-notes.md).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { comments, ideas, users } from "../../db/schema";
import { translate } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db, keptStatements, queryRows, type Executor } from "../lib/db.server";
import { env } from "../lib/env.server";
import { blocked, commentsLocked, forbidden, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { renderMarkdown, RENDERER_VERSION } from "../lib/markdown.server";
import { consume } from "../lib/rate-limit.server";
import { canComment, canCommentOn, canDeleteComment, canEditComment, canSeeInternalNotes, canWriteInternalNote, isStaff } from "../permissions";
import { CommentForm, CommentUpdateForm, isPositiveInt4 } from "../schemas/ideas";
import { flag } from "../schemas/statuses";
import type { CommentView, Serialized } from "../shapes";
import { notifyCommentAdded, prepareNotificationJobs } from "./notification-events.server";
import { ideaAndMergedIds } from "./merge-chain.server";
import { markTriaged } from "./triage.server";
import { isForeignKeyViolation } from "./votes.server";

export type { CommentView } from "../shapes";

/** Identical posts by the same author on the same idea and parent within this window are one post. */
export const DUPLICATE_WINDOW_SECONDS = 60;

const columns = {
  id: comments.id,
  ideaId: comments.ideaId,
  ideaNumber: ideas.number,
  parentId: comments.parentId,
  body: comments.body,
  bodyHtml: comments.bodyHtml,
  htmlVersion: comments.htmlVersion,
  authorId: comments.authorId,
  authorName: users.name,
  isStaff: comments.isStaff,
  createdAt: comments.createdAt,
  updatedAt: comments.updatedAt,
  // Compared in SQL: the timestamps have microseconds, JavaScript dates only milliseconds.
  edited: sql<boolean>`${comments.updatedAt} > ${comments.createdAt}`,
  editedByStaff: comments.editedByStaff,
  internal: comments.internal,
  hiddenAt: comments.hiddenAt,
  hiddenReason: comments.hiddenReason,
};

/** A comment row as selectComments() reads it. */
type Row = Awaited<ReturnType<typeof selectComments>>[number];

function toView(row: Row, actor: SessionUser | null, ideaId?: number): CommentView {
  return {
    ...(ideaId !== undefined && row.ideaId !== ideaId ? { fromNumber: row.ideaNumber } : {}),
    id: row.id,
    ideaNumber: row.ideaNumber,
    parentId: row.parentId,
    body: row.body,
    bodyHtml: row.htmlVersion === RENDERER_VERSION ? row.bodyHtml : renderMarkdown(row.body),
    author: { id: row.authorId, name: row.authorName },
    isStaff: row.isStaff,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    edited: Boolean(row.edited),
    editedByStaff: Boolean(row.edited) && row.editedByStaff,
    internal: row.internal,
    canEdit: canEditComment(actor, row),
    canDelete: canDeleteComment(actor, row),
    hidden: row.hiddenAt === null ? null : { at: row.hiddenAt, reason: row.hiddenReason ?? "" },
    replies: [],
  };
}

/**
 * What a member sees of a hidden comment that has replies they can see: its place in the
 * thread, and nothing it said or who said it.
 */
function placeholderOf(view: CommentView): CommentView {
  return { ...view, body: "", bodyHtml: "", author: { id: 0, name: "" }, isStaff: false, edited: false, editedByStaff: false, canEdit: false, canDelete: false, hidden: null, removed: true };
}

/** Whether a comment row may be shown to `actor`: hidden comments are staff's alone. */
const visibleTo = (actor: SessionUser | null, row: { hiddenAt: Date | null }) => row.hiddenAt === null || isStaff(actor);

const selectComments = (executor: Executor = db) =>
  executor.select(columns).from(comments).innerJoin(users, eq(users.id, comments.authorId)).innerJoin(ideas, eq(ideas.id, comments.ideaId));

/** An idea's comments (those of ideas merged into it too), internal notes for staff only: two statements, built once. */
const ideaComments = keptStatements("idea_comments", (withInternal: boolean) => {
  const onIdea = sql`${comments.ideaId} = ANY(${ideaAndMergedIds(sql.placeholder("ideaId"))})`;
  return selectComments().where(withInternal ? onIdea : and(onIdea, eq(comments.internal, false))).orderBy(asc(comments.id));
});

/**
 * Top-level comments oldest first, each with its replies oldest first; one query. The comments
 * of ideas merged into this one are among them, each marked with the number it was posted on.
 */
export async function listComments(input: { actor: SessionUser | null; ideaId: number }): Promise<CommentView[]> {
  const staff = canSeeInternalNotes(input.actor);
  const rows = await ideaComments(staff ? "staff" : "others", staff).execute({ ideaId: input.ideaId });
  const top: CommentView[] = [];
  const byId = new Map<number, CommentView>();
  for (const row of rows) {
    const view = toView(row, input.actor, input.ideaId);
    if (row.parentId === null) {
      top.push(view);
      byId.set(view.id, view);
    } else if (visibleTo(input.actor, row)) {
      byId.get(row.parentId)?.replies.push(view);
    }
  }
  // A hidden comment leaves a member's view; if replies they can see answer it, a placeholder keeps the thread.
  return top.flatMap((view) => (view.hidden === null || isStaff(input.actor) ? [view] : view.replies.length ? [placeholderOf(view)] : []));
}

const isCommentId = isPositiveInt4;

export async function getComment(input: { actor: SessionUser | null; id: number }): Promise<CommentView | null> {
  if (!isCommentId(input.id)) return null;
  const [row] = await selectComments().where(eq(comments.id, input.id)).limit(1);
  // An internal note or a hidden comment does not exist for anyone but staff.
  return row && (!row.internal || canSeeInternalNotes(input.actor)) && visibleTo(input.actor, row) ? toView(row, input.actor) : null;
}

const parentInvalid = (locale: SessionUser["locale"]) => unprocessable({ parentId: translate(locale, "comment.error.parentInvalid") });

/**
 * Posts a comment or a reply from raw input (a form or a JSON body), validated here by
 * CommentForm. `notify` is the staff "notify followers" tick box ("true"/true to tick);
 * `internal` asks for a staff-only internal note (403 for anyone else). A reply to an internal
 * note is internal too: its thread is staff-only. On an idea whose comments staff locked, only staff may.
 */
export async function addComment(input: { actor: SessionUser | null; number: number; body: unknown; parentId?: unknown; notify?: unknown; internal?: unknown }): Promise<CommentView> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (actor.blocked) throw blocked();
  if (!canComment(actor)) throw forbidden();
  const parsed = parseOrRefuse(CommentForm, { body: input.body, parentId: input.parentId ?? undefined, internal: input.internal }, actor.locale);
  const { body, parentId } = parsed;
  if (parsed.internal && !canWriteInternalNote(actor)) throw forbidden();
  const notify = flag(false).safeParse(input.notify);
  if (!isPositiveInt4(input.number)) throw notFound();
  const [idea] = await db.select({ id: ideas.id, hiddenAt: ideas.hiddenAt, lockedAt: ideas.commentsLockedAt }).from(ideas).where(eq(ideas.number, input.number)).limit(1);
  if (!idea || !visibleTo(actor, idea)) throw notFound();
  if (!canCommentOn(actor, { commentsLocked: idea.lockedAt !== null })) throw commentsLocked();
  await consume("comment", String(actor.id));
  const bodyHtml = renderMarkdown(body);
  await prepareNotificationJobs();

  let row: Row | undefined;
  try {
    row = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`comment:${actor.id}:${idea.id}`}, 0))`);
      let topLevelParent: number | null = null;
      let internal = parsed.internal;
      if (parentId !== undefined) {
        const [parent] = await tx
          .select({ id: comments.id, ideaId: comments.ideaId, parentId: comments.parentId, internal: comments.internal, hiddenAt: comments.hiddenAt })
          .from(comments)
          .where(eq(comments.id, parentId))
          .limit(1);
        // A member cannot answer what they cannot see: an internal note is no parent for them.
        if (!parent || parent.ideaId !== idea.id || (parent.internal && !canSeeInternalNotes(actor)) || !visibleTo(actor, parent)) throw parentInvalid(actor.locale);
        // Replies are one level deep: answering a reply answers its thread.
        topLevelParent = parent.parentId ?? parent.id;
        internal ||= parent.internal;
      }
      const [duplicate] = await queryRows<{ id: number }>(
        tx,
        sql`SELECT id FROM comments
            WHERE author_id = ${actor.id} AND idea_id = ${idea.id} AND parent_id IS NOT DISTINCT FROM ${topLevelParent}::int
              AND body = ${body} AND internal = ${internal} AND created_at > now() - ${sql.raw(`interval '${DUPLICATE_WINDOW_SECONDS} seconds'`)}
            ORDER BY id DESC LIMIT 1`,
      );
      // Read back inside the transaction: the answer shows the comment even if it is deleted a moment later.
      const readBack = async (id: number) => (await selectComments(tx).where(eq(comments.id, id)).limit(1))[0];
      if (duplicate) return readBack(Number(duplicate.id));
      const [inserted] = await queryRows<{ id: number }>(
        tx,
        sql`WITH inserted AS (
              INSERT INTO comments (idea_id, author_id, parent_id, body, body_html, html_version, is_staff, internal)
              VALUES (${idea.id}, ${actor.id}, ${topLevelParent}::int, ${body}, ${bodyHtml}, ${RENDERER_VERSION}, ${isStaff(actor)}, ${internal})
              RETURNING id, internal
            ),
            counted AS (
              -- The public count: internal notes are not in it.
              UPDATE ideas SET comment_count = comment_count + (SELECT count(*) FROM inserted WHERE NOT internal)::int WHERE id = ${idea.id}
            )
            SELECT id FROM inserted`,
      );
      // A staff comment answers the idea: it leaves the triage inbox. An internal note answers nobody.
      if (isStaff(actor) && !internal) await markTriaged(tx, idea.id);
      // Reply / follower / staff "notify followers" events, committed with the comment. An
      // internal note tells nobody: a notification or email would carry it to a member.
      if (!internal) await notifyCommentAdded({ tx, commentId: Number(inserted.id), ideaId: idea.id, actorId: actor.id, replyToCommentId: parentId ?? null, notifyFollowers: notify.success && notify.data });
      return readBack(Number(inserted.id));
    });
  } catch (error) {
    // The idea or the parent comment was deleted while this was being posted.
    if (isForeignKeyViolation(error)) throw parentId !== undefined ? parentInvalid(actor.locale) : notFound();
    throw error;
  }
  if (!row) throw notFound();
  return toView(row, actor);
}

async function findForWrite(actor: SessionUser, id: number): Promise<{ id: number; authorId: number; ideaId: number } | null> {
  if (!isCommentId(id)) return null;
  const [row] = await db
    .select({ id: comments.id, authorId: comments.authorId, ideaId: comments.ideaId, internal: comments.internal, hiddenAt: comments.hiddenAt })
    .from(comments)
    .where(eq(comments.id, id))
    .limit(1);
  // A former staff member's own internal note is no longer theirs to see.
  return row && (!row.internal || canSeeInternalNotes(actor)) && visibleTo(actor, row) ? row : null;
}

export async function updateComment(input: { actor: SessionUser | null; id: number; body: unknown }): Promise<CommentView> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const existing = await findForWrite(actor, input.id);
  if (!existing) throw notFound();
  if (!canEditComment(actor, existing)) throw forbidden();
  const { body } = parseOrRefuse(CommentUpdateForm, { body: input.body }, actor.locale);
  await db
    .update(comments)
    // A moderator's edit of someone else's comment says so; the author's own later edit is theirs.
    .set({ body, bodyHtml: renderMarkdown(body), htmlVersion: RENDERER_VERSION, editedByStaff: actor.id !== existing.authorId, updatedAt: sql`now()` })
    .where(eq(comments.id, existing.id));
  const view = await getComment({ actor, id: existing.id });
  if (!view) throw notFound();
  return view;
}

/** Deletes a comment and its replies; the idea's comment_count drops by the rows deleted, in the same statement. */
export async function deleteComment(input: { actor: SessionUser | null; id: number }): Promise<void> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const existing = await findForWrite(actor, input.id);
  if (!existing) throw notFound();
  if (!canDeleteComment(actor, existing)) throw forbidden();
  await db.transaction(async (tx) => {
    // Lock the idea's row first, the same order a reply being posted takes its locks (its
    // counter update, then its foreign-key check on the parent): a reply either committed before
    // this (and is deleted and counted here) or waits and then fails on its missing parent.
    await tx.execute(sql`SELECT id FROM ideas WHERE id = ${existing.ideaId} FOR NO KEY UPDATE`);
    await tx.execute(sql`
      WITH deleted AS (
        DELETE FROM comments WHERE id = ${existing.id} OR parent_id = ${existing.id} RETURNING internal, hidden_at
      )
      UPDATE ideas SET comment_count = comment_count - (SELECT count(*) FROM deleted WHERE NOT internal AND hidden_at IS NULL)::int WHERE id = ${existing.ideaId}`);
  });
}

// ---------------------------------------------------------------- JSON

/** A comment in the JSON API: its view without the reader's permissions, with its page's URL. */
export type CommentJson = Omit<Serialized<CommentView>, "canEdit" | "canDelete" | "replies" | "hidden"> & {
  /** The idea's page with this comment's anchor (the page redirects to its canonical slug). */
  url: string;
  /** Staff only: the comment is hidden from members. */
  hidden?: { at: string; reason: string };
  replies: CommentJson[];
};

export function commentToJson(comment: CommentView, origin: string = env.appUrl): CommentJson {
  return {
    id: comment.id,
    url: `${origin}/ideas/${comment.ideaNumber}#comment-${comment.id}`,
    ideaNumber: comment.ideaNumber,
    parentId: comment.parentId,
    body: comment.body,
    bodyHtml: comment.bodyHtml,
    author: comment.author,
    isStaff: comment.isStaff,
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
    edited: comment.edited,
    editedByStaff: comment.editedByStaff,
    internal: comment.internal,
    ...(comment.hidden ? { hidden: { at: comment.hidden.at.toISOString(), reason: comment.hidden.reason } } : {}),
    ...(comment.removed ? { removed: true as const } : {}),
    replies: comment.replies.map((r) => commentToJson(r, origin)),
  };
}
