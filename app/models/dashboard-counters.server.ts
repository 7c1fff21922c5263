/**
 * Proves and repairs the dashboard's counters against the rows (docs/decisions/0027): every
 * daily_activity row must equal daily_activity_from_rows() (migration 0024, the same recount the
 * migration's backfill used), and every idea's first_staff_response_at its first status change or
 * public staff comment. Triggers keep both in the transaction of each write; drift means a
 * trigger was switched off or a row was changed around it. Called by reconcile-counts.
 */
import { sql } from "drizzle-orm";
import { db, queryRows, type Executor } from "../lib/db.server";

export interface DailyActivityDrift {
  boardId: number;
  day: string;
  shard: number;
  stored: { ideas: number; votes: number; comments: number };
  actual: { ideas: number; votes: number; comments: number };
}

export interface DashboardCounterDrift {
  days: DailyActivityDrift[];
  /** Ideas whose first_staff_response_at differs from their rows. */
  responseIdeaIds: number[];
}

const dayDrift = sql`
  SELECT coalesce(d.board_id, r.board_id) AS board_id, coalesce(d.day, r.day)::text AS day, coalesce(d.shard, r.shard) AS shard,
         coalesce(d.ideas, 0) AS stored_ideas, coalesce(d.votes, 0) AS stored_votes, coalesce(d.comments, 0) AS stored_comments,
         coalesce(r.ideas, 0) AS ideas, coalesce(r.votes, 0) AS votes, coalesce(r.comments, 0) AS comments
  FROM daily_activity d FULL JOIN daily_activity_from_rows() r ON r.board_id = d.board_id AND r.day = d.day AND r.shard = d.shard
  WHERE coalesce(d.ideas, 0) <> coalesce(r.ideas, 0) OR coalesce(d.votes, 0) <> coalesce(r.votes, 0) OR coalesce(d.comments, 0) <> coalesce(r.comments, 0)
  ORDER BY 1, 2, 3`;

const responseDrift = sql`
  SELECT i.id FROM ideas i
  LEFT JOIN (SELECT x.idea_id, min(x.at) AS at FROM (
      SELECT idea_id, created_at AS at FROM status_changes
      UNION ALL SELECT idea_id, created_at FROM comments WHERE is_staff AND NOT internal) x
    GROUP BY x.idea_id) f ON f.idea_id = i.id
  WHERE i.first_staff_response_at IS DISTINCT FROM f.at
  ORDER BY i.id`;

/** What disagrees with the rows (read only). */
export async function findDashboardCounterDrift(executor: Executor = db): Promise<DashboardCounterDrift> {
  const days = await queryRows<Record<string, unknown>>(executor, dayDrift);
  const ideas = await queryRows<{ id: number }>(executor, responseDrift);
  return {
    days: days.map((r) => ({
      boardId: Number(r.board_id),
      day: String(r.day),
      shard: Number(r.shard),
      stored: { ideas: Number(r.stored_ideas), votes: Number(r.stored_votes), comments: Number(r.stored_comments) },
      actual: { ideas: Number(r.ideas), votes: Number(r.votes), comments: Number(r.comments) },
    })),
    responseIdeaIds: ideas.map((r) => Number(r.id)),
  };
}

/**
 * Puts the drifted counters right. The table lock waits for the transactions that are changing
 * counters to commit and holds new ones back while the recount runs, so a write under way can
 * neither be counted twice nor lost; it is taken only when there is drift to repair.
 */
export async function repairDashboardCounters(drift: DashboardCounterDrift): Promise<number> {
  if (drift.days.length > 0) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`LOCK TABLE daily_activity IN EXCLUSIVE MODE`);
      await tx.execute(sql`DELETE FROM daily_activity`);
      await tx.execute(sql`INSERT INTO daily_activity (board_id, day, shard, ideas, votes, comments) SELECT * FROM daily_activity_from_rows()`);
    });
  }
  for (const ideaId of drift.responseIdeaIds) {
    await db.execute(sql`UPDATE ideas SET first_staff_response_at = ideas_first_staff_response(id) WHERE id = ${ideaId}::int`);
  }
  return drift.days.length + drift.responseIdeaIds.length;
}
