/**
 * Finding many ideas: the board's lists (sorted by top, new or trending, filtered by board and
 * status, searched, keyset-paginated) and "similar ideas" while someone types a title. Every
 * list is one query: the page of ideas with board and author joined and, for a signed-in
 * reader, whether they voted for each (an EXISTS per row on the votes primary key).
 */
import { desc, eq, sql, type SQL } from "drizzle-orm";
import { boards, ideas, users } from "../../db/schema";
import { validateApiInput } from "../lib/api.server";
import type { Locale } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { badCursor, decodeCursor, encodeCursor } from "../lib/cursor.server";
import { db } from "../lib/db.server";
import { ListIdeasQuery } from "../schemas/ideas";
import { INT4_MAX, isPositiveInt4, type IdeaSort } from "../schemas/limits";
import type { IdeaStatus } from "../statuses";
import { keyset, readBoardPage, type Cursor } from "./board-page.server";
import { listedIdea } from "./idea-visibility.server";
import { searchCondition, searchText } from "./search-condition.server";
import { statusFilter } from "./status-catalog.server";
import { boardFilter } from "./boards.server";
import { taggedWith, tagFilter } from "./tags.server";
import { ideaToJson, readerColumns, toSummary, type IdeaSummary, type ReaderRow, type SummaryRow } from "./ideas.server";

type ListedRow = ReaderRow;

function cursorAfter(sort: IdeaSort, row: SummaryRow): string {
  const key = sort === "top" ? row.voteCount : sort === "trending" ? row.trendingScore : 0;
  return encodeCursor([sort, key, row.id]);
}

function readCursor(cursor: string, sort: IdeaSort): Cursor {
  const [s, key, id] = decodeCursor(cursor, 3);
  if (s !== sort || typeof key !== "number" || !Number.isFinite(key) || typeof id !== "number" || !isPositiveInt4(id)) throw badCursor();
  if (sort === "top" && (!Number.isSafeInteger(key) || Math.abs(key) > INT4_MAX)) throw badCursor();
  return { sort, key, id };
}

/** How many ideas, in sort order, a search looks through before it asks the GIN indexes instead. */
export const SEARCH_WINDOW = 2000;

/**
 * The ids of a page of search results (`take` at most), as one statement with two plans and
 * the cheaper one chosen by what the first finds:
 *
 * - `hits`: walk the sort's ordered index (with the board/status filters and the cursor) for at
 *   most `window` ideas and keep those that match. A common word ("spreadsheet", in 15% of
 *   ideas) fills a page within a few hundred rows, where finding all its matches and sorting
 *   them reads most of the table.
 * - otherwise (fewer than `take` matches in the window: a rare word, a typo, the last page)
 *   the GIN indexes find every match, which is few, and only those are sorted.
 *
 * The window is a prefix of the very order the results are in, so when it holds `take` matches
 * they are the first `take` matches: both plans return the same rows in the same order.
 */
function searchPageIds(input: {
  q: string;
  boardId?: number;
  status?: IdeaStatus;
  tagId?: number;
  sort: IdeaSort;
  cursor: Cursor | null;
  take: number;
  window: number;
}): SQL {
  const { q, sort, cursor, take, window } = input;
  /** Board, status and cursor over `alias`; `indexed` as in keyset(). */
  const filters = (alias: string, indexed: boolean): SQL[] => {
    // Merged, hidden and unapproved ideas are never listed, never found (idea-visibility.server.ts).
    const conditions: SQL[] = [listedIdea(alias)];
    if (input.boardId !== undefined) conditions.push(sql`${sql.raw(alias)}.board_id = ${input.boardId}::int`);
    if (input.status !== undefined) conditions.push(sql`${sql.raw(alias)}.status = ${input.status}::text`);
    if (input.tagId !== undefined) conditions.push(taggedWith(alias, input.tagId));
    const { after } = keyset(sort, cursor, alias, indexed);
    if (after) conditions.push(after);
    return conditions;
  };
  const windowFilters = filters("x", true);
  return sql`WITH hits AS MATERIALIZED (
      SELECT w.id FROM (
        SELECT x.id, x.vote_count, x.trending_score FROM ideas x
        ${windowFilters.length ? sql`WHERE ${sql.join(windowFilters, sql` AND `)}` : sql``}
        ORDER BY ${keyset(sort, null, "x").orderBy}
        LIMIT ${window}::int
      ) w
      -- Each window row's search row by primary key (OFFSET 0 keeps it a per-row lookup rather than
      -- a join against every match in the GIN index, which a common word makes large).
      CROSS JOIN LATERAL (SELECT s.search_vector, s.title FROM idea_search s WHERE s.idea_id = w.id OFFSET 0) s
      WHERE ${searchCondition(q, "s", "once")}
      ORDER BY ${keyset(sort, null, "w").orderBy}
      LIMIT ${take}::int
    )
    SELECT id FROM hits WHERE (SELECT count(*) FROM hits) = ${take}::int
    UNION ALL
    (SELECT g.id
      -- Every match from the GIN indexes first (few, on this path), then each one's idea by
      -- primary key (OFFSET 0 again: never a scan of all ideas to join them).
      FROM (SELECT s.idea_id FROM idea_search s WHERE ${searchCondition(q, "s")} OFFSET 0) m
      CROSS JOIN LATERAL (
        SELECT i.id, i.board_id, i.status, i.vote_count, i.trending_score, i.merged_into_id, i.hidden_at, i.approval FROM ideas i WHERE i.id = m.idea_id OFFSET 0
      ) g
      WHERE ${sql.join([...filters("g", false), sql`(SELECT count(*) FROM hits) < ${take}::int`], sql` AND `)}
      ORDER BY ${keyset(sort, null, "g", false).orderBy}
      LIMIT ${take}::int)`;
}

/**
 * A page of ideas, sorted, filtered, searched and keyset-paginated. `options.searchWindow`
 * overrides SEARCH_WINDOW (tests compare both search plans with it; 0 always asks the GIN indexes).
 */
export async function listIdeas(
  input: {
    actor: SessionUser | null;
    board?: string;
    status?: IdeaStatus;
    /** A tag's slug: 404 when it names no tag the reader may see. */
    tag?: string;
    sort: IdeaSort;
    q?: string;
    limit: number;
    cursor?: string;
  },
  options: { searchWindow?: number } = {},
): Promise<{ ideas: IdeaSummary[]; nextCursor: string | null }> {
  const sort = input.sort;
  const cursor = input.cursor ? readCursor(input.cursor, sort) : null;
  const limit = Math.min(Math.max(Math.trunc(input.limit) || 20, 1), 100);
  const boardId = (await boardFilter(input.board))?.id;
  const tagId = (await tagFilter(input.actor, input.tag))?.id;
  const q = searchText(input.q);
  const { orderBy } = keyset(sort, cursor, "ideas");
  const columns = readerColumns(input.actor);

  let rows: ListedRow[];
  let pinned: ListedRow[] = [];
  if (q) {
    // The page's ids first; the full rows, boards and authors are read for those ids only.
    const window = Math.min(Math.max(Math.trunc(options.searchWindow ?? SEARCH_WINDOW) || 0, 0), 100_000);
    const pageIds = searchPageIds({ q, boardId, status: input.status, tagId, sort, cursor, take: limit + 1, window });
    rows = (await db
      .select(columns)
      .from(sql`(${pageIds}) AS page`)
      .innerJoin(ideas, sql`${ideas.id} = page.id`)
      .innerJoin(boards, eq(boards.id, ideas.boardId))
      .innerJoin(users, eq(users.id, ideas.authorId))
      .orderBy(orderBy)) as ListedRow[];
  } else {
    const filters = { actor: input.actor, boardId, status: input.status, tagId, sort };
    // The first page comes after the pinned ideas: two statements at once (as one UNION ALL,
    // PostgreSQL planned them several times slower: docs/decisions/0013-rendering-cost.md).
    [rows, pinned] = (await Promise.all([
      readBoardPage({ ...filters, cursor, take: limit + 1 }),
      cursor ? [] : readBoardPage({ ...filters, cursor: null, take: 100, pinned: true }),
    ])) as [ListedRow[], ListedRow[]];
  }

  const page = rows.slice(0, limit);
  return {
    ideas: [...pinned, ...page].map(toSummary),
    nextCursor: rows.length > limit ? cursorAfter(sort, page[page.length - 1]) : null,
  };
}

/** `GET /api/v1/ideas`: a page of ideas as the API shows them, from the query string's parameters; field messages in `locale`. */
export async function listIdeasJson(actor: SessionUser | null, query: Record<string, string>, locale: Locale) {
  const parsed = validateApiInput(ListIdeasQuery, query, locale);
  const page = await listIdeas({ actor, ...parsed, status: await statusFilter(parsed.status, { locale }) });
  return { ideas: page.ideas.map((idea) => ideaToJson(idea)), nextCursor: page.nextCursor };
}

/** How many of the most-voted ideas "similar ideas" compares with every word typed (see similarIdeasQuery). */
export const SIMILAR_WINDOW = 500;

/**
 * "Similar ideas" while someone types a new one: ideas on any board that share a word with `q`
 * anywhere in their title or body (folded and stemmed, stop words dropped: search_any_word), or
 * whose title looks like it (pg_trgm similarity of the folded titles above its threshold, 0.3,
 * which forgives typos), ranked by both: ts_rank (a title word counts more than a body word)
 * plus the title's similarity. See docs/decisions/0014-search-folding.md for the bounds.
 */
export async function findSimilarIdeas(input: { actor: SessionUser | null; q: string; limit?: number }): Promise<IdeaSummary[]> {
  const query = similarIdeasQuery(input);
  const rows = query ? ((await query) as ListedRow[]) : [];
  return rows.map(toSummary);
}

/** findSimilarIdeas' statement (null when `q` is too short to look up); the plan tests explain it. */
export function similarIdeasQuery(input: { actor: SessionUser | null; q: string; limit?: number }) {
  const q = searchText(input.q);
  if (!q || [...q].length < 3) return null;
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 5) || 5, 1), 20);
  // Ranking every idea that shares one common word ("app") would read most of a big board, and so
  // would the trigram index for a whole sentence (" to", "the" are in thousands of titles). The
  // candidates are bounded instead, each part through an index: the SIMILAR_WINDOW most-voted
  // ideas that share any word or have a similar title (on a board that size or smaller, every
  // idea: the duplicate a customer looks for is most often a popular one), and, from the
  // full-text GIN index, up to a hundred ideas that hold every word typed.
  const best = sql`SELECT c.idea_id, ts_rank(s.search_vector, (SELECT search_any_word(${q}))) + similarity(s.title, search_fold(${q})) AS score
    FROM (
      (SELECT w.id AS idea_id
        FROM (SELECT x.id FROM ideas x ORDER BY x.vote_count DESC, x.id DESC LIMIT ${sql.raw(String(SIMILAR_WINDOW))}) w
        CROSS JOIN LATERAL (SELECT s.search_vector, s.title FROM idea_search s WHERE s.idea_id = w.id OFFSET 0) s
        WHERE s.search_vector @@ (SELECT search_any_word(${q})) OR s.title % (SELECT search_fold(${q})))
      UNION
      (SELECT s.idea_id FROM idea_search s WHERE s.search_vector @@ search_all_words(${q}) LIMIT 100)
    ) c
    CROSS JOIN LATERAL (SELECT s.search_vector, s.title FROM idea_search s WHERE s.idea_id = c.idea_id OFFSET 0) s
    ORDER BY score DESC, c.idea_id DESC
    LIMIT ${limit}::int`;
  return db
    .select(readerColumns(input.actor))
    .from(sql`(${best}) AS best`)
    .innerJoin(ideas, sql`${ideas.id} = best.idea_id`)
    .innerJoin(boards, eq(boards.id, ideas.boardId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    // A merged, hidden or unapproved idea is never offered (rare among the candidates: a page can come out shorter).
    .where(listedIdea())
    .orderBy(sql`best.score desc`, desc(ideas.id));
}
