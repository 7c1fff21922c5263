/**
 * Blocking a person with their content: everything they wrote is hidden in the block's own
 * transaction (soft, with a reason, each item on its idea's audit trail) and marked
 * `hidden_by_block`, so unblocking can put back exactly what the block hid — not what staff had
 * hidden, or hid again since, by hand. The open reports on what it hides are resolved as hidden,
 * by the blocking admin, as a hide by hand resolves them; unblocking does not reopen them.
 * Called by updatePerson (people.server.ts).
 */
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../lib/db.server";
import { cancelHiddenNotifications } from "./notification-events.server";
import { resolveReportsIn } from "./reports.server";

type Change = { ideas: number; comments: number };

/** Locks, in id order, the ideas whose comment_count the person's matching comments move. */
async function lockCommentedIdeas(tx: Executor, authorId: number, which: ReturnType<typeof sql>): Promise<void> {
  await tx.execute(sql`SELECT id FROM ideas WHERE id IN (SELECT idea_id FROM comments WHERE author_id = ${authorId}::int AND ${which}) ORDER BY id FOR NO KEY UPDATE`);
}

/** Hides every idea and comment of `authorId` members can still see, with `reason`, by `actorId`. */
export async function hideContentOfBlocked(tx: Executor, input: { authorId: number; actorId: number; reason: string }): Promise<Change> {
  const { authorId, actorId, reason } = input;
  const ideas = await queryRows<{ id: number }>(
    tx,
    sql`WITH hidden AS (
          UPDATE ideas SET hidden_at = now(), hidden_reason = ${reason}, hidden_by_id = ${actorId}::int, hidden_by_block = true
          WHERE author_id = ${authorId}::int AND hidden_at IS NULL RETURNING id
        ), logged AS (
          INSERT INTO idea_activity (idea_id, actor_id, kind, detail) SELECT id, ${actorId}::int, 'hidden', jsonb_build_object('reason', ${reason}::text) FROM hidden
        )
        SELECT id FROM hidden ORDER BY id`,
  );
  for (const idea of ideas) await cancelHiddenNotifications(tx, { ideaId: Number(idea.id) });
  await lockCommentedIdeas(tx, authorId, sql`hidden_at IS NULL`);
  const comments = await queryRows<{ id: number; idea_id: number }>(
    tx,
    sql`WITH hidden AS (
          UPDATE comments SET hidden_at = now(), hidden_reason = ${reason}, hidden_by_id = ${actorId}::int, hidden_by_block = true
          WHERE author_id = ${authorId}::int AND hidden_at IS NULL RETURNING id, idea_id, internal
        ), counted AS (
          -- An internal note was never in the public count.
          UPDATE ideas SET comment_count = ideas.comment_count - n.k
          FROM (SELECT idea_id, count(*) FILTER (WHERE NOT internal)::int AS k FROM hidden GROUP BY idea_id) n
          WHERE ideas.id = n.idea_id AND n.k > 0
        ), logged AS (
          INSERT INTO idea_activity (idea_id, actor_id, kind, detail)
          SELECT idea_id, ${actorId}::int, 'commentHidden', jsonb_build_object('comment', '#' || id, 'reason', ${reason}::text) FROM hidden
        )
        SELECT id, idea_id FROM hidden ORDER BY id`,
  );
  for (const c of comments) await cancelHiddenNotifications(tx, { ideaId: Number(c.idea_id), commentId: Number(c.id) });
  await resolveReportsOnHidden(tx, { ideaIds: ideas.map((i) => Number(i.id)), commentIds: comments.map((c) => Number(c.id)), actorId });
  return { ideas: ideas.length, comments: comments.length };
}

/**
 * Resolves, as hidden by `actorId`, the open reports on the ideas and comments just hidden: the
 * reported few are found in one query (the ids go as one JSON parameter, however many), then each
 * is resolved as a hide by hand resolves it, with its line on the idea's audit trail.
 */
async function resolveReportsOnHidden(tx: Executor, input: { ideaIds: number[]; commentIds: number[]; actorId: number }): Promise<void> {
  if (input.ideaIds.length === 0 && input.commentIds.length === 0) return;
  const ids = (list: number[]) => sql`(SELECT value::int FROM jsonb_array_elements_text(${JSON.stringify(list)}::jsonb))`;
  const reported = await queryRows<{ idea_id: number; comment_id: number | null }>(
    tx,
    sql`SELECT DISTINCT idea_id, comment_id FROM reports
        WHERE resolved_at IS NULL AND ((comment_id IS NULL AND idea_id IN ${ids(input.ideaIds)}) OR comment_id IN ${ids(input.commentIds)})
        ORDER BY idea_id, comment_id NULLS FIRST`,
  );
  for (const r of reported) {
    await resolveReportsIn(tx, { ideaId: Number(r.idea_id), commentId: r.comment_id === null ? null : Number(r.comment_id), actorId: input.actorId, outcome: "hidden" });
  }
}

/** Restores what blocking `authorId` hid (and only that), each restore on its idea's audit trail. */
export async function restoreContentOfUnblocked(tx: Executor, input: { authorId: number; actorId: number }): Promise<Change> {
  const { authorId, actorId } = input;
  const ideas = await queryRows<{ id: number }>(
    tx,
    sql`WITH restored AS (
          UPDATE ideas SET hidden_at = NULL, hidden_reason = NULL, hidden_by_id = NULL, hidden_by_block = false
          WHERE author_id = ${authorId}::int AND hidden_by_block RETURNING id
        ), logged AS (
          INSERT INTO idea_activity (idea_id, actor_id, kind) SELECT id, ${actorId}::int, 'restored' FROM restored
        )
        SELECT id FROM restored`,
  );
  await lockCommentedIdeas(tx, authorId, sql`hidden_by_block`);
  const comments = await queryRows<{ id: number }>(
    tx,
    sql`WITH restored AS (
          UPDATE comments SET hidden_at = NULL, hidden_reason = NULL, hidden_by_id = NULL, hidden_by_block = false
          WHERE author_id = ${authorId}::int AND hidden_by_block RETURNING id, idea_id, internal
        ), counted AS (
          UPDATE ideas SET comment_count = ideas.comment_count + n.k
          FROM (SELECT idea_id, count(*) FILTER (WHERE NOT internal)::int AS k FROM restored GROUP BY idea_id) n
          WHERE ideas.id = n.idea_id AND n.k > 0
        ), logged AS (
          INSERT INTO idea_activity (idea_id, actor_id, kind, detail) SELECT idea_id, ${actorId}::int, 'commentRestored', jsonb_build_object('comment', '#' || id) FROM restored
        )
        SELECT id FROM restored`,
  );
  return { ideas: ideas.length, comments: comments.length };
}
