/**
 * The figures on the staff dashboard (and GET /api/v1/stats): activity per week, ideas by status,
 * how fast staff answer, what shipped, and whether the loop was closed — of the ideas shipped in
 * the period, how many had every follower told (in the app, and by email as each chose). Read only.
 * Weekly activity comes from counters kept as things happen, and each idea's first staff answer
 * from `ideas.first_staff_response_at` (docs/decisions/0027-dashboard-counters.md); the rest are
 * counts and medians over the rows. Hidden and rejected ideas are not part of the board: no figure
 * counts them; ideas waiting for approval count only as ideas posted in the weekly activity.
 */
import { sql, type SQL } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { forbidden, notFound, parseOrRefuse, unauthorized } from "../lib/errors.server";
import { canSeeStats } from "../permissions";
import { StatsQuery } from "../schemas/stats";
import type { IdeaStatus } from "../statuses";
import { loadStatuses, statusOfKind } from "./status-catalog.server";
import type { Locale } from "../i18n";
import type { TagView } from "../shapes";
import { boardFilter } from "./boards.server";
import { tagFilter, tagView } from "./tags.server";
import { ideaUrl } from "../idea-links";
import { activityFromCounters, activityFromRows, ideaInScope, periodStart, segmentPeople, type StatsScope, type WeekActivity } from "./weekly-activity.server";

export type { WeekActivity } from "./weekly-activity.server";
export type MonthShipped = { month: string; shipped: number };
/** One idea shipped in the period, and how its followers heard (the loop). */
export type LoopIdea = {
  number: number;
  title: string;
  url: string;
  shippedAt: string;
  /** closed: everyone told; pending: emails still going out; quiet: shipped without telling anyone. */
  state: "closed" | "pending" | "quiet";
  recipients: number;
  emailed: number;
  /** Told in the app only: email off by their choice, or they unsubscribed before it went. */
  suppressed: number;
  failed: number;
};

export type Stats = {
  board: { slug: string; name: string } | null;
  tag: TagView | null;
  segment: string | null;
  weeks: number;
  since: string;
  activity: WeekActivity[];
  byStatus: { status: IdeaStatus; count: number }[];
  response: { answered: number; medianHours: number | null; waitingOver7Days: number };
  shipping: { months: MonthShipped[]; medianPlannedToShippedDays: number | null };
  loop: { shipped: number; closed: number; pending: number; quiet: number; share: number | null; failures: LoopIdea[]; ideas: LoopIdea[] };
};

const num = (v: unknown): number => Number(v ?? 0);
const iso = (v: Date | string): string => new Date(v).toISOString();

/** A segment some company is in, or 404: a misspelt segment would otherwise show an empty board. */
async function segmentFilter(segment: string | undefined): Promise<string | null> {
  if (!segment) return null;
  const found = await queryRows(db, sql`SELECT 1 FROM companies WHERE segment = ${segment} LIMIT 1`);
  if (found.length === 0) throw notFound();
  return segment;
}

/** The figures for the period ending now, for staff; `raw` is the query as it came (board, tag, segment, weeks). */
export async function getStats(input: { actor: SessionUser | null; raw: unknown; locale: Locale }): Promise<Stats> {
  if (!input.actor) throw unauthorized();
  if (!canSeeStats(input.actor)) throw forbidden();
  const query = parseOrRefuse(StatsQuery, input.raw, input.locale);
  const board = await boardFilter(query.board);
  const tag = await tagFilter(input.actor, query.tag);
  const scope: StatsScope = { boardId: board?.id ?? null, tagId: tag?.id ?? null, segment: await segmentFilter(query.segment) };
  // The scope's published ideas; with a segment, those its people asked for (posted or voted for).
  // Ideas waiting for approval are in the moderation queue, not yet on the board nor in the
  // inbox: only the weekly activity counts them (decisions/0028).
  const onBoard = (alias: string): SQL => {
    const inScope = sql`${sql.raw(alias)}.approval = 'approved' AND ${ideaInScope(alias, scope)}`;
    if (scope.segment === null) return inScope;
    const people = segmentPeople(scope.segment);
    return sql`${inScope} AND ${sql.raw(alias)}.id IN (SELECT sv.idea_id FROM votes sv WHERE sv.user_id IN ${people}
      UNION SELECT si.id FROM ideas si WHERE si.author_id IN ${people})`;
  };
  const start = await periodStart(query.weeks);

  const activityQuery = scope.tagId === null && scope.segment === null ? activityFromCounters(scope.boardId, start) : activityFromRows(scope, start);

  // Shipping is a change to a status of kind "done" from one that is not (ADR 0029).
  const toDone = sql`${await statusOfKind(sql`s.to_status`, "done")} AND NOT ${await statusOfKind(sql`s.from_status`, "done")}`;
  const statusQuery = queryRows<{ status: IdeaStatus; n: number }>(
    db,
    sql`SELECT i.status, count(*) AS n FROM ideas i WHERE i.merged_into_id IS NULL AND ${onBoard("i")} GROUP BY i.status`,
  );

  // An idea's first answer (its first status change or public staff comment) is kept on the idea
  // as it happens, so one pass over ideas_dashboard_idx gives all three figures. Ideas staff
  // posted are left out (the staff are a handful: users_staff_idx).
  const responseQuery = queryRows<{ answered: number; median_hours: number | null; waiting: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE i.first_staff_response_at IS NOT NULL AND i.created_at >= ${start}::timestamptz) AS answered,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.first_staff_response_at - i.created_at) / 3600)
                 FILTER (WHERE i.first_staff_response_at IS NOT NULL AND i.created_at >= ${start}::timestamptz) AS median_hours,
               count(*) FILTER (WHERE i.first_staff_response_at IS NULL AND i.created_at < now() - interval '7 days') AS waiting
        FROM ideas i
        WHERE i.merged_into_id IS NULL AND ${onBoard("i")}
          AND i.author_id NOT IN (SELECT s.id FROM users s WHERE s.role <> 'member')
          AND (i.created_at >= ${start}::timestamptz OR i.first_staff_response_at IS NULL)`,
  );

  const monthsQuery = queryRows<{ month: Date | string; shipped: number }>(
    db,
    sql`WITH months AS (SELECT generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()), interval '1 month') AS month),
          s AS (SELECT date_trunc('month', s.created_at) AS month, count(DISTINCT s.idea_id) AS n
                FROM status_changes s JOIN ideas i ON i.id = s.idea_id
                WHERE ${toDone} AND s.created_at >= date_trunc('month', now()) - interval '11 months' AND ${onBoard("i")}
                GROUP BY 1)
        SELECT months.month, coalesce(s.n, 0) AS shipped FROM months LEFT JOIN s USING (month) ORDER BY months.month`,
  );

  // Each idea's last shipping in the period, its event, and how its deliveries stand.
  const loopQuery = queryRows<{
    number: number; slug: string; title: string; shipped_at: Date | string; notified: boolean; planned_at: Date | string | null;
    fanned_out: boolean | null; recipients: number; sent: number; open: number; failed: number; cancelled: number; deliveries: number;
  }>(
    db,
    sql`WITH shipped AS (
          SELECT DISTINCT ON (s.idea_id) s.id, s.idea_id, s.created_at, s.notified
          FROM status_changes s JOIN ideas i ON i.id = s.idea_id
          WHERE ${toDone} AND s.created_at >= ${start}::timestamptz AND ${onBoard("i")}
          ORDER BY s.idea_id, s.id DESC)
        SELECT i.number, i.slug, i.title, sh.created_at AS shipped_at, sh.notified,
               (SELECT min(p.created_at) FROM status_changes p WHERE p.idea_id = sh.idea_id AND p.to_status = 'planned' AND p.id < sh.id) AS planned_at,
               e.fan_out_done_at IS NOT NULL AS fanned_out, coalesce(e.recipient_count, 0) AS recipients,
               coalesce(d.sent, 0) AS sent, coalesce(d.open, 0) AS open, coalesce(d.failed, 0) AS failed,
               coalesce(d.cancelled, 0) AS cancelled, coalesce(d.total, 0) AS deliveries
        FROM shipped sh
        JOIN ideas i ON i.id = sh.idea_id
        LEFT JOIN notification_events e ON e.status_change_id = sh.id AND e.kind = 'status_changed'
        LEFT JOIN LATERAL (
          SELECT count(*) FILTER (WHERE state = 'sent') AS sent, count(*) FILTER (WHERE state IN ('pending', 'sending')) AS open,
                 count(*) FILTER (WHERE state = 'failed') AS failed, count(*) FILTER (WHERE state = 'cancelled') AS cancelled, count(*) AS total
          FROM email_deliveries WHERE event_id = e.id) d ON true
        ORDER BY sh.created_at DESC, i.number DESC`,
  );
  // The five figures are independent: on PostgreSQL they run side by side on the pool's connections.
  const [activity, statusRows, [response], months, loopRows] = await Promise.all([activityQuery, statusQuery, responseQuery, monthsQuery, loopQuery]);
  // Every status in order; a retired one only while ideas still have it.
  const byStatus = (await loadStatuses())
    .map((status) => ({ status: status.key, count: num(statusRows.find((r) => r.status === status.key)?.n), retired: status.retiredAt !== null }))
    .filter((s) => !s.retired || s.count > 0)
    .map(({ status, count }) => ({ status, count }));
  const ideas: LoopIdea[] = loopRows.map((r) => {
    const recipients = num(r.recipients);
    const state: LoopIdea["state"] = !r.notified ? "quiet" : r.fanned_out && num(r.open) === 0 ? "closed" : "pending";
    return {
      number: num(r.number),
      title: r.title,
      url: ideaUrl({ number: num(r.number), slug: r.slug }),
      shippedAt: iso(r.shipped_at),
      state,
      recipients,
      emailed: num(r.sent),
      suppressed: Math.max(0, recipients - num(r.deliveries)) + num(r.cancelled),
      failed: num(r.failed),
    };
  });
  const plannedDays = loopRows
    .filter((r) => r.planned_at !== null)
    .map((r) => (new Date(r.shipped_at).getTime() - new Date(r.planned_at!).getTime()) / 86_400_000);
  const count = (state: LoopIdea["state"]) => ideas.filter((i) => i.state === state).length;

  return {
    board: board ? { slug: board.slug, name: board.name } : null,
    tag: tag ? tagView(tag) : null,
    segment: scope.segment,
    weeks: query.weeks,
    since: start,
    activity,
    byStatus,
    response: {
      answered: num(response?.answered),
      medianHours: response?.median_hours === null || response?.median_hours === undefined ? null : Number(response.median_hours),
      waitingOver7Days: num(response?.waiting),
    },
    shipping: { months: months.map((r) => ({ month: iso(r.month), shipped: num(r.shipped) })), medianPlannedToShippedDays: median(plannedDays) },
    loop: {
      shipped: ideas.length,
      closed: count("closed"),
      pending: count("pending"),
      quiet: count("quiet"),
      share: ideas.length === 0 ? null : count("closed") / ideas.length,
      failures: ideas.filter((i) => i.failed > 0),
      ideas,
    },
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
