/**
 * Staff moderation of content: hiding an idea or a comment with a reason, and restoring it. Soft
 * and restorable: the row stays, with who hid it, when and why. A hidden idea leaves every list,
 * search, feed and count and only staff open its page; a hidden comment leaves members' view and
 * its idea's comment_count. See docs/decisions/0021-moderation.md.
 */
import { sql } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows, type Executor } from "../lib/db.server";
import { forbidden, notFound, parseOrRefuse } from "../lib/errors.server";
import { canModerate } from "../permissions";
import { HideInput } from "../schemas/moderation";
import { isPositiveInt4 } from "../schemas/limits";
import type { CommentView, IdeaDetail } from "../shapes";
import { getComment } from "./comments.server";
import { recordIdeaActivity } from "./idea-activity.server";
import { getIdea } from "./ideas.server";
import { cancelHiddenNotifications } from "./notification-events.server";
import { resolveReportsIn } from "./reports.server";
import { forgetColumnTotals } from "./roadmap.server";

function refuseUnlessModerator(actor: SessionUser | null): asserts actor is SessionUser {
  if (!canModerate(actor)) throw forbidden();
}

/** Hides idea `number` with a reason (hiding it again only replaces the reason). */
export async function hideIdea(input: { actor: SessionUser | null; number: number; reason: unknown }): Promise<IdeaDetail> {
  const { actor } = input;
  refuseUnlessModerator(actor);
  const { reason } = parseOrRefuse(HideInput, { reason: input.reason }, actor.locale);
  if (!isPositiveInt4(input.number)) throw notFound();
  await db.transaction(async (tx) => {
    if (!(await hideIdeaIn(tx, { actorId: actor.id, number: input.number, reason }))) throw notFound();
  });
  forgetColumnTotals();
  return (await getIdea({ actor, number: input.number }))!;
}

/**
 * Hides idea `number` in the caller's transaction (a reason already validated) and resolves its
 * open reports as hidden: its id, or null when there is no such idea. Staff hiding it again by hand
 * make it theirs, no longer something a block hid.
 */
export async function hideIdeaIn(tx: Executor, input: { actorId: number; number: number; reason: string }): Promise<number | null> {
  const [idea] = await queryRows<{ id: number }>(
    tx,
    sql`UPDATE ideas SET hidden_at = coalesce(hidden_at, now()), hidden_reason = ${input.reason}, hidden_by_id = ${input.actorId}::int, hidden_by_block = false
        WHERE number = ${input.number}::int RETURNING id`,
  );
  if (!idea) return null;
  const ideaId = Number(idea.id);
  await cancelHiddenNotifications(tx, { ideaId });
  await recordIdeaActivity(tx, { ideaId, actorId: input.actorId, kind: "hidden", detail: { reason: input.reason } });
  await resolveReportsIn(tx, { ideaId, commentId: null, actorId: input.actorId, outcome: "hidden" });
  return ideaId;
}

/** Puts a hidden idea back where it was: every list, search and feed. */
export async function restoreIdea(input: { actor: SessionUser | null; number: number }): Promise<IdeaDetail> {
  const { actor } = input;
  refuseUnlessModerator(actor);
  if (!isPositiveInt4(input.number)) throw notFound();
  await db.transaction(async (tx) => {
    const [idea] = await queryRows<{ id: number }>(
      tx,
      sql`UPDATE ideas SET hidden_at = NULL, hidden_reason = NULL, hidden_by_id = NULL, hidden_by_block = false WHERE number = ${input.number}::int RETURNING id`,
    );
    if (!idea) throw notFound();
    await recordIdeaActivity(tx, { ideaId: Number(idea.id), actorId: actor.id, kind: "restored" });
  });
  forgetColumnTotals();
  return (await getIdea({ actor, number: input.number }))!;
}

/**
 * Hides or restores comment `id`. The idea's row is locked first (hideCommentIn does the same), in the order deleteComment and
 * a comment being posted take theirs, and comment_count moves in the same statement by the rows
 * that actually changed (none when it already was in that state).
 */
async function setCommentHidden(actor: SessionUser, id: number, reason: string | null): Promise<CommentView> {
  if (!isPositiveInt4(id)) throw notFound();
  await db.transaction(async (tx) => {
    if (reason !== null) {
      if (!(await hideCommentIn(tx, { actorId: actor.id, id, reason }))) throw notFound();
      return;
    }
    const [idea] = await queryRows<{ id: number }>(
      tx,
      sql`SELECT id FROM ideas WHERE id = (SELECT idea_id FROM comments WHERE id = ${id}::int) FOR NO KEY UPDATE`,
    );
    if (!idea) throw notFound();
    const ideaId = Number(idea.id);
    await tx.execute(sql`
      WITH changed AS (
        UPDATE comments SET hidden_at = NULL, hidden_reason = NULL, hidden_by_id = NULL, hidden_by_block = false
        WHERE id = ${id}::int AND hidden_at IS NOT NULL RETURNING internal
      )
      UPDATE ideas SET comment_count = comment_count + (SELECT count(*) FROM changed WHERE NOT internal)::int WHERE id = ${ideaId}::int`);
    await recordIdeaActivity(tx, { ideaId, actorId: actor.id, kind: "commentRestored", detail: { comment: `#${id}` } });
  });
  const view = await getComment({ actor, id });
  if (!view) throw notFound();
  return view;
}

/**
 * Hides comment `id` in the caller's transaction and resolves its open reports as hidden: its
 * idea's id, or null when there is no such comment.
 */
export async function hideCommentIn(tx: Executor, input: { actorId: number; id: number; reason: string }): Promise<number | null> {
  const { actorId, id, reason } = input;
  const [idea] = await queryRows<{ id: number }>(tx, sql`SELECT id FROM ideas WHERE id = (SELECT idea_id FROM comments WHERE id = ${id}::int) FOR NO KEY UPDATE`);
  if (!idea) return null;
  const ideaId = Number(idea.id);
  await tx.execute(sql`
    WITH changed AS (
      UPDATE comments SET hidden_at = now() WHERE id = ${id}::int AND hidden_at IS NULL RETURNING internal
    )
    -- An internal note was never in the public count.
    UPDATE ideas SET comment_count = comment_count - (SELECT count(*) FROM changed WHERE NOT internal)::int WHERE id = ${ideaId}::int`);
  await tx.execute(sql`UPDATE comments SET hidden_reason = ${reason}, hidden_by_id = ${actorId}::int, hidden_by_block = false WHERE id = ${id}::int`);
  await cancelHiddenNotifications(tx, { ideaId, commentId: id });
  await recordIdeaActivity(tx, { ideaId, actorId, kind: "commentHidden", detail: { comment: `#${id}`, reason } });
  await resolveReportsIn(tx, { ideaId, commentId: id, actorId, outcome: "hidden" });
  return ideaId;
}

export async function hideComment(input: { actor: SessionUser | null; id: number; reason: unknown }): Promise<CommentView> {
  const { actor } = input;
  refuseUnlessModerator(actor);
  const { reason } = parseOrRefuse(HideInput, { reason: input.reason }, actor.locale);
  return setCommentHidden(actor, input.id, reason);
}

export async function restoreComment(input: { actor: SessionUser | null; id: number }): Promise<CommentView> {
  refuseUnlessModerator(input.actor);
  return setCommentHidden(input.actor, input.id, null);
}
