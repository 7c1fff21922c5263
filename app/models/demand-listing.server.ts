/**
 * The board's list as staff can ask for it: sorted by the monthly revenue of the companies that
 * asked ("Top by revenue"), and/or only ideas asked for by companies of one segment. The revenue
 * is worked out per idea when listed (the distinct companies of its voters), so it is never stale;
 * a list reads each listed candidate's voters once. Staff only: the API answers members 403 and
 * the board page ignores these parameters for them.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { boards, ideas, users } from "../../db/schema";
import type { Locale } from "../i18n";
import { validateApiInput } from "../lib/api.server";
import type { SessionUser } from "../lib/auth.server";
import { badCursor, decodeCursor, encodeCursor } from "../lib/cursor.server";
import { db } from "../lib/db.server";
import { forbidden } from "../lib/errors.server";
import { canSeeDemand } from "../permissions";
import { ListIdeasQuery } from "../schemas/ideas";
import { isPositiveInt4, type IdeaSort } from "../schemas/limits";
import type { IdeaStatus } from "../statuses";
import { boardFilter } from "./boards.server";
import { ideaToJson, readerColumns, toSummary, type IdeaSummary, type ReaderRow } from "./ideas.server";
import { searchCondition } from "./search-condition.server";
import { taggedWith, tagFilter } from "./tags.server";
import { listedIdea } from "./idea-visibility.server";
import { statusFilter } from "./status-catalog.server";

export type DemandSort = IdeaSort | "revenue";
export const SEGMENT_MAX = 60;

type Row = ReaderRow & { revenue: number | string };

/** The sort keys of `sort`, in order (all descending): r.revenue is the subquery's column. */
function sortKey(sort: DemandSort): SQL | null {
  switch (sort) {
    case "revenue":
      return sql`r.revenue`;
    case "top":
      return sql`${ideas.voteCount}`;
    case "trending":
      return sql`${ideas.trendingScore}`;
    case "new":
      return null;
  }
}

function cursorKey(sort: DemandSort, row: Row): number {
  if (sort === "revenue") return Number(row.revenue);
  if (sort === "top") return row.voteCount;
  if (sort === "trending") return row.trendingScore;
  return 0;
}

function readCursor(cursor: string, sort: DemandSort): { key: number; id: number } {
  const [s, key, id] = decodeCursor(cursor, 3);
  if (s !== sort || typeof key !== "number" || !Number.isFinite(key) || typeof id !== "number" || !isPositiveInt4(id)) throw badCursor();
  return { key, id };
}

/**
 * A page of ideas for staff, by revenue or one of the usual sorts, optionally only those asked
 * for by a company of `segment` (the revenue then counts only that segment's companies).
 */
export async function listIdeasByDemand(input: {
  actor: SessionUser | null;
  board?: string;
  status?: IdeaStatus;
  tag?: string;
  q?: string;
  sort: DemandSort;
  segment?: string;
  limit: number;
  cursor?: string;
}): Promise<{ ideas: (IdeaSummary & { revenueCents: number })[]; nextCursor: string | null }> {
  if (!canSeeDemand(input.actor)) throw forbidden();
  const { sort } = input;
  const limit = Math.min(Math.max(Math.trunc(input.limit) || 20, 1), 100);
  const cursor = input.cursor ? readCursor(input.cursor, sort) : null;
  const boardId = (await boardFilter(input.board))?.id;
  const tagId = (await tagFilter(input.actor, input.tag))?.id;
  const segment = input.segment?.trim().slice(0, SEGMENT_MAX) || undefined;
  const segmentOnly = segment === undefined ? sql`` : sql`AND c.segment = ${segment}`;
  const askedBy = sql`SELECT u.company_id FROM votes v JOIN users u ON u.id = v.user_id WHERE v.idea_id = i.id AND u.company_id IS NOT NULL`;
  const filters: SQL[] = [listedIdea("i")];
  if (boardId !== undefined) filters.push(sql`i.board_id = ${boardId}::int`);
  if (input.status) filters.push(sql`i.status = ${input.status}::text`);
  if (tagId !== undefined) filters.push(taggedWith("i", tagId));
  if (input.q) filters.push(sql`EXISTS (SELECT 1 FROM idea_search s WHERE s.idea_id = i.id AND ${searchCondition(input.q, "s")})`);
  if (segment !== undefined) filters.push(sql`EXISTS (SELECT 1 FROM companies c WHERE c.id IN (${askedBy}) ${segmentOnly})`);
  const candidates = sql`SELECT i.id,
      coalesce((SELECT sum(c.monthly_revenue_cents) FROM companies c WHERE c.id IN (${askedBy}) ${segmentOnly}), 0)::bigint AS revenue
    FROM ideas i WHERE ${sql.join(filters, sql` AND `)}`;

  const key = sortKey(sort);
  const conditions: SQL[] = [];
  if (cursor) {
    const keyValue = sort === "trending" ? sql`${cursor.key}::float8` : sql`${cursor.key}::bigint`;
    conditions.push(key ? sql`(${key}, ${ideas.id}) < (${keyValue}, ${cursor.id}::int)` : sql`${ideas.id} < ${cursor.id}::int`);
  }
  const rows = (await db
    .select({ ...readerColumns(input.actor), revenue: sql<string>`r.revenue` })
    .from(sql`(${candidates}) AS r`)
    .innerJoin(ideas, sql`${ideas.id} = r.id`)
    .innerJoin(boards, eq(boards.id, ideas.boardId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...(key ? [sql`${key} desc`] : []), sql`${ideas.id} desc`)
    .limit(limit + 1)) as Row[];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    ideas: page.map((r) => ({ ...toSummary(r), revenueCents: Number(r.revenue) })),
    nextCursor: rows.length > limit ? encodeCursor([sort, cursorKey(sort, last), last.id]) : null,
  };
}

/** Whether a board query asks for what only staff may (sort=revenue, a segment). */
export function asksForDemand(query: Record<string, string>): boolean {
  return query.sort === "revenue" || Boolean(query.segment?.trim());
}

/**
 * GET /api/v1/ideas with sort=revenue or segment= (staff; members 403): the usual parameters
 * validated as for any list, and each idea with `monthlyRevenueCents` of the companies that asked.
 */
export async function listIdeasByDemandJson(actor: SessionUser | null, query: Record<string, string>, locale: Locale) {
  if (!canSeeDemand(actor)) throw forbidden();
  const { sort: rawSort, segment, ...rest } = query;
  const sort: DemandSort = rawSort === "revenue" ? "revenue" : validateApiInput(ListIdeasQuery, { ...rest, sort: rawSort }, locale).sort;
  const parsed = validateApiInput(ListIdeasQuery, { ...rest, sort: "top" }, locale);
  const page = await listIdeasByDemand({ actor, ...parsed, status: await statusFilter(parsed.status, { locale }), sort, segment });
  return { ideas: page.ideas.map((idea) => ({ ...ideaToJson(idea), monthlyRevenueCents: idea.revenueCents })), nextCursor: page.nextCursor };
}
