/**
 * A page of the board's list without a search — the list most pages and the JSON API show — and
 * the keyset ordering every list shares. The page is an ordered walk of the sort's index; pinned
 * ideas are read at the same time for the first page. Its statement is built once per shape (sort,
 * filters, kind of reader) and kept prepared, so a request only fills in the values: building
 * it was most of drizzle's work on a board (docs/decisions/0013-rendering-cost.md).
 */
import { and, eq, isNotNull, isNull, sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import { boards, ideas, users } from "../../db/schema";
import type { SessionUser } from "../lib/auth.server";
import { db, keptStatements } from "../lib/db.server";
import type { IdeaSort } from "../schemas/limits";
import type { IdeaStatus } from "../statuses";
import { listedIdea } from "./idea-visibility.server";
import { readerColumns, readerKind, type ReaderRow } from "./ideas.server";
import { taggedWith } from "./tags.server";

export type Cursor = { sort: IdeaSort; key: number; id: number };

/** The columns each sort orders by, all descending; the id last makes the order total. */
const SORT_KEYS: Record<IdeaSort, string[]> = {
  new: ["id"],
  trending: ["trending_score", "id"],
  top: ["vote_count", "id"],
};

/**
 * Ordering and the keyset condition "after the cursor" for a sort, over the table or subquery
 * `alias`. `indexed: false` writes the keys as expressions (`+ 0`) so no ordered index matches
 * them: a search's GIN-driven query uses that, so the planner finds the matches through the GIN
 * indexes and sorts only those instead of walking a sort index past every non-match.
 */
export function keyset(sort: IdeaSort, cursor: { key: number | SQLWrapper; id: number | SQLWrapper } | null, alias: string, indexed = true): { orderBy: SQL; after: SQL | undefined } {
  const key = (column: string) => sql.raw(indexed ? `${alias}.${column}` : `(${alias}.${column} + 0)`);
  const keys = SORT_KEYS[sort];
  const orderBy = sql.join(keys.map((column) => sql`${key(column)} desc`), sql`, `);
  if (!cursor) return { orderBy, after: undefined };
  switch (sort) {
    case "new":
      return { orderBy, after: sql`${key("id")} < ${cursor.id}::int` };
    case "trending":
      return { orderBy, after: sql`(${key("trending_score")}, ${key("id")}) < (${cursor.key}::float8, ${cursor.id}::int)` };
    case "top":
      return { orderBy, after: sql`(${key("vote_count")}, ${key("id")}) < (${cursor.key}::int, ${cursor.id}::int)` };
  }
}

export type BoardPageInput = { actor: SessionUser | null; boardId?: number; status?: IdeaStatus; tagId?: number; sort: IdeaSort; cursor: Cursor | null; take: number; pinned?: boolean };

/** A value of the statement: the value itself, or a placeholder of that name to be filled in later. */
type ValueOf = <T>(name: string, value: T) => T | Placeholder;
const itself: ValueOf = (_name, value) => value;

/**
 * The statement of a page: pinned ideas (`pinned: true`, few, found through ideas_pinned_idx and
 * sorted with unindexed keys, as in keyset()) or the page without them. The plan tests explain both.
 */
export function boardPageQuery(input: BoardPageInput, value: ValueOf = itself) {
  const cursor = input.cursor && { key: value("cursorKey", input.cursor.key), id: value("cursorId", input.cursor.id) };
  const { orderBy, after } = keyset(input.sort, cursor, "ideas", !input.pinned);
  const conditions: SQL[] = [listedIdea(), input.pinned ? isNotNull(ideas.pinnedAt) : isNull(ideas.pinnedAt)];
  if (input.boardId !== undefined) conditions.push(eq(ideas.boardId, value("boardId", input.boardId)));
  if (input.status) conditions.push(eq(ideas.status, value("status", input.status)));
  if (input.tagId !== undefined) conditions.push(taggedWith("ideas", value("tagId", input.tagId)));
  if (after) conditions.push(after);
  return db
    .select(readerColumns(input.actor, input.actor ? value("actorId", input.actor.id) : undefined))
    .from(ideas)
    .innerJoin(boards, eq(boards.id, ideas.boardId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(and(...conditions))
    .orderBy(orderBy)
    .limit(value("take", input.take));
}

/** What decides a page statement's text; everything else is a value. */
function shapeOf(input: BoardPageInput): string {
  const filters = [input.boardId !== undefined && "board", input.status && "status", input.tagId !== undefined && "tag", input.cursor && "after"].filter(Boolean);
  return [input.sort, input.pinned ? "pinned" : "page", readerKind(input.actor), ...filters].join(":");
}

/** The page statements, one per shape: at most 3 sorts × 2 × 3 readers × 16 filter sets. */
const pageStatement = keptStatements<BoardPageInput, ReaderRow>("board_page", (input) => boardPageQuery(input, (name) => sql.placeholder(name)));

/** Reads a page (or the pinned ideas) through its shape's prepared statement. */
export async function readBoardPage(input: BoardPageInput): Promise<ReaderRow[]> {
  const values = { actorId: input.actor?.id, boardId: input.boardId, status: input.status, tagId: input.tagId, cursorKey: input.cursor?.key, cursorId: input.cursor?.id, take: input.take };
  return pageStatement(shapeOf(input), input).execute(values);
}
