/**
 * The dashboard's activity per week: ideas posted, votes cast and public comments, of ideas that
 * are neither hidden nor rejected (ideas waiting for approval are counted: staff see what comes
 * in; decisions/0028). For every board or one, it is read from the counters kept as things happen
 * (daily_activity, migration 0024: a few hundred rows a year whatever the traffic); filtered by
 * tag or company segment it is counted from the rows, through the indexes that filter leads to
 * (docs/decisions/0027-dashboard-counters.md).
 */
import { sql, type SQL } from "drizzle-orm";
import { db, queryRows, type Executor } from "../lib/db.server";

export type WeekActivity = { week: string; ideas: number; votes: number; comments: number };

/** Which part of the board the figures are about; every field optional. */
export type StatsScope = { boardId: number | null; tagId: number | null; segment: string | null };

/** The people whose company is in the segment (users_company_idx, companies_segment_idx). */
export const segmentPeople = (segment: string): SQL =>
  sql`(SELECT su.id FROM users su JOIN companies sc ON sc.id = su.company_id WHERE sc.segment = ${segment})`;

/**
 * The scope's board and tag, on the ideas aliased `alias`; hidden and rejected ideas are never
 * part of it (pending ones are: the figures about published ideas add `approval = 'approved'`).
 */
export function ideaInScope(alias: string, scope: StatsScope): SQL {
  const a = sql.raw(alias);
  const conditions = [sql`${a}.hidden_at IS NULL AND ${a}.approval <> 'rejected'`];
  if (scope.boardId !== null) conditions.push(sql`${a}.board_id = ${scope.boardId}::int`);
  if (scope.tagId !== null) conditions.push(sql`EXISTS (SELECT 1 FROM idea_tags it WHERE it.idea_id = ${a}.id AND it.tag_id = ${scope.tagId}::int)`);
  return sql.join(conditions, sql` AND `);
}

const num = (v: unknown): number => Number(v ?? 0);
/** Week buckets are UTC weeks (Monday 00:00 UTC), as daily_activity's days are UTC days. */
const weekOf = (column: SQL): SQL => sql`date_trunc('week', ${column} AT TIME ZONE 'UTC')`;

/** The Monday (00:00 UTC) that starts the first of the last `weeks` weeks. */
export async function periodStart(weeks: number, executor: Executor = db): Promise<string> {
  const [row] = await queryRows<{ since: Date | string }>(
    executor,
    sql`SELECT (date_trunc('week', now() AT TIME ZONE 'UTC') - make_interval(weeks => ${weeks - 1}::int)) AT TIME ZONE 'UTC' AS since`,
  );
  return new Date(row!.since).toISOString();
}

function weekly(rows: SQL, start: string, executor: Executor): Promise<WeekActivity[]> {
  return queryRows<{ week: Date | string; ideas: number; votes: number; comments: number }>(
    executor,
    sql`WITH weeks AS (SELECT generate_series(${weekOf(sql`${start}::timestamptz`)}, ${weekOf(sql`now()`)}, interval '1 week') AS week),
          counted AS (${rows})
        SELECT weeks.week AT TIME ZONE 'UTC' AS week, coalesce(sum(counted.ideas), 0) AS ideas,
               coalesce(sum(counted.votes), 0) AS votes, coalesce(sum(counted.comments), 0) AS comments
        FROM weeks LEFT JOIN counted USING (week) GROUP BY weeks.week ORDER BY weeks.week`,
  ).then((rows) => rows.map((r) => ({ week: new Date(r.week).toISOString(), ideas: num(r.ideas), votes: num(r.votes), comments: num(r.comments) })));
}

/** From the counters: every board or one, no tag, no segment. */
export function activityFromCounters(boardId: number | null, start: string, executor: Executor = db): Promise<WeekActivity[]> {
  const board = boardId === null ? sql`` : sql`AND d.board_id = ${boardId}::int`;
  return weekly(
    sql`SELECT date_trunc('week', d.day::timestamp) AS week, d.ideas, d.votes, d.comments
        FROM daily_activity d WHERE d.day >= (${start}::timestamptz AT TIME ZONE 'UTC')::date ${board}`,
    start,
    executor,
  );
}

/**
 * The scope's condition on a vote's or comment's idea, as a filter on `idea_id`: no join with
 * the ideas table, whose few hidden or rejected ideas are found through ideas_uncounted_idx and a
 * board's ideas through ideas_board_new_idx.
 */
function ofIdeaInScope(column: string, scope: StatsScope): SQL {
  const c = sql.raw(column);
  const conditions = [sql`${c} NOT IN (SELECT h.id FROM ideas h WHERE h.hidden_at IS NOT NULL OR h.approval = 'rejected')`];
  if (scope.boardId !== null) conditions.push(sql`${c} IN (SELECT b.id FROM ideas b WHERE b.board_id = ${scope.boardId}::int)`);
  if (scope.tagId !== null) conditions.push(sql`${c} IN (SELECT it.idea_id FROM idea_tags it WHERE it.tag_id = ${scope.tagId}::int)`);
  return sql.join(conditions, sql` AND `);
}

/**
 * From the rows, for any scope: what the counters hold, recounted (the tests compare the two).
 * With a segment, only what its people did: the ideas they posted, their votes, their comments.
 */
export function activityFromRows(scope: StatsScope, start: string, executor: Executor = db): Promise<WeekActivity[]> {
  const by = (column: string) => (scope.segment === null ? sql`` : sql`AND ${sql.raw(column)} IN ${segmentPeople(scope.segment)}`);
  const since = sql`${start}::timestamptz`;
  return weekly(
    sql`SELECT ${weekOf(sql`i.created_at`)} AS week, 1 AS ideas, 0 AS votes, 0 AS comments
        FROM ideas i WHERE i.created_at >= ${since} AND ${ideaInScope("i", scope)} ${by("i.author_id")}
        UNION ALL
        SELECT ${weekOf(sql`v.created_at`)}, 0, 1, 0 FROM votes v
        WHERE v.created_at >= ${since} AND v.merged_from IS NULL AND ${ofIdeaInScope("v.idea_id", scope)} ${by("v.user_id")}
        UNION ALL
        SELECT ${weekOf(sql`c.created_at`)}, 0, 0, 1 FROM comments c
        WHERE c.created_at >= ${since} AND NOT c.internal AND c.hidden_at IS NULL AND ${ofIdeaInScope("c.idea_id", scope)} ${by("c.author_id")}`,
    start,
    executor,
  );
}
