/**
 * Proves and repairs the stored counters: every idea's vote_count and comment_count must equal
 * its rows, and trending_score the sum of its votes' weights. They change in the same statement
 * as the rows, so drift means something bypassed the models (a user deleted with their votes, a
 * manual fix in SQL, a bug); this job reports it and puts it right. It does the same for the
 * dashboard's counters (daily activity, each idea's first staff answer; decisions/0027).
 */
import { sql } from "drizzle-orm";
import { db, queryRows } from "../lib/db.server";
import { queue, type JobDefinition } from "../lib/queue.server";
import { voteWeight } from "../models/votes.server";
import { findDashboardCounterDrift, repairDashboardCounters, type DashboardCounterDrift } from "../models/dashboard-counters.server";

export interface CountDrift {
  ideaId: number;
  number: number;
  voteCount: number;
  actualVotes: number;
  commentCount: number;
  actualComments: number;
  trendingScore: number;
  actualTrendingScore: number;
}

export interface ReconcileReport {
  checked: number;
  drifted: CountDrift[];
  repaired: number;
  /** The dashboard's counters that disagreed with the rows, and how many of them were repaired. */
  dashboard: DashboardCounterDrift;
  dashboardRepaired: number;
}

/** Float sums in a different order differ in the last bits; only a real difference is drift. */
const TRENDING_TOLERANCE = 1e-9;

const actualVotes = sql`SELECT idea_id, count(*)::int AS n, sum(${voteWeight(sql`created_at`)}) AS score FROM votes GROUP BY idea_id`;
// comment_count is the public count: internal notes (staff only) and hidden comments are not in it.
const actualComments = sql`SELECT idea_id, count(*)::int AS n FROM comments WHERE NOT internal AND hidden_at IS NULL GROUP BY idea_id`;
const trendingDiffers = (stored: ReturnType<typeof sql>, actual: ReturnType<typeof sql>) =>
  sql`abs(${stored} - ${actual}) > ${TRENDING_TOLERANCE}::float8 * greatest(abs(${stored}), abs(${actual}), 1)`;

/** Every idea whose counters disagree with its rows (read-only; one consistent snapshot). */
export async function findCountDrift(): Promise<{ checked: number; drifted: CountDrift[] }> {
  const [{ n: checked }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ideas`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT i.id, i.number, i.vote_count, i.comment_count, i.trending_score,
               coalesce(v.n, 0) AS actual_votes, coalesce(v.score, 0) AS actual_score, coalesce(c.n, 0) AS actual_comments
        FROM ideas i
        LEFT JOIN (${actualVotes}) v ON v.idea_id = i.id
        LEFT JOIN (${actualComments}) c ON c.idea_id = i.id
        WHERE i.vote_count <> coalesce(v.n, 0)
           OR i.comment_count <> coalesce(c.n, 0)
           OR ${trendingDiffers(sql`i.trending_score`, sql`coalesce(v.score, 0)`)}
        ORDER BY i.id`,
  );
  return {
    checked: Number(checked),
    drifted: rows.map((r) => ({
      ideaId: Number(r.id),
      number: Number(r.number),
      voteCount: Number(r.vote_count),
      actualVotes: Number(r.actual_votes),
      commentCount: Number(r.comment_count),
      actualComments: Number(r.actual_comments),
      trendingScore: Number(r.trending_score),
      actualTrendingScore: Number(r.actual_score),
    })),
  };
}

/**
 * Recounts one idea under a row lock. The lock makes new votes and comments on it wait (their
 * foreign-key check needs the row), and a withdrawal already under way decrements after our
 * recount, which counted its row — so the repair itself cannot introduce drift.
 */
async function repairIdea(ideaId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const locked = await queryRows(tx, sql`SELECT id FROM ideas WHERE id = ${ideaId} FOR UPDATE`);
    if (locked.length === 0) return;
    await tx.execute(sql`
      UPDATE ideas SET
        vote_count = (SELECT count(*)::int FROM votes WHERE idea_id = ${ideaId}),
        trending_score = coalesce((SELECT sum(${voteWeight(sql`created_at`)}) FROM votes WHERE idea_id = ${ideaId}), 0),
        comment_count = (SELECT count(*)::int FROM comments WHERE idea_id = ${ideaId} AND NOT internal AND hidden_at IS NULL)
      WHERE id = ${ideaId}`);
  });
}

export async function reconcileCounts(options: { repair?: boolean } = {}): Promise<ReconcileReport> {
  const { checked, drifted } = await findCountDrift();
  let repaired = 0;
  if (options.repair !== false) {
    for (const drift of drifted) {
      await repairIdea(drift.ideaId);
      repaired++;
    }
  }
  const dashboard = await findDashboardCounterDrift();
  const dashboardRepaired = options.repair !== false ? await repairDashboardCounters(dashboard) : 0;
  return { checked, drifted, repaired, dashboard, dashboardRepaired };
}

declare module "../lib/queue.server" {
  interface JobPayloads {
    "reconcile-counts": { repair?: boolean };
  }
}

export const reconcileCountsJob: JobDefinition<{ repair?: boolean }> = {
  name: "reconcile-counts",
  queue: { retryLimit: 2, retryDelay: 60 },
  async handle(data) {
    const report = await reconcileCounts({ repair: data?.repair !== false });
    if (report.drifted.length > 0) {
      const sample = report.drifted.slice(0, 20).map((d) => `#${d.number} votes ${d.voteCount}→${d.actualVotes} comments ${d.commentCount}→${d.actualComments}`);
      console.warn(`[reconcile-counts] ${report.drifted.length} of ${report.checked} ideas drifted, ${report.repaired} repaired: ${sample.join("; ")}`);
    }
    const { days, responseIdeaIds } = report.dashboard;
    if (days.length + responseIdeaIds.length > 0) {
      const sample = days.slice(0, 10).map((d) => `board ${d.boardId} ${d.day}/${d.shard} ${JSON.stringify(d.stored)}→${JSON.stringify(d.actual)}`);
      console.warn(`[reconcile-counts] dashboard counters drifted (${days.length} day rows, ${responseIdeaIds.length} first answers), ${report.dashboardRepaired} repaired: ${sample.join("; ")}`);
    }
  },
};

/** Every night at 03:17 (pg-boss cron, once across all processes); called where workers start. */
export async function scheduleCountReconciliation(): Promise<void> {
  const boss = await queue();
  await boss.schedule(reconcileCountsJob.name, "17 3 * * *", {});
}
