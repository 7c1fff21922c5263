/**
 * Ideas: posting, editing, deleting, reading one, and finding many (sorted, filtered, searched,
 * keyset-paginated). Every list is one query for the page of ideas (board and author joined)
 * plus one for "did I vote" over that page's ids.
 */
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { boards, ideaSearch, ideas, users, votes } from "../../db/schema";
import { translate } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db, type Executor, type Transaction } from "../lib/db.server";
import { env } from "../lib/env.server";
import { badRequest, forbidden, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { renderMarkdown, RENDERER_VERSION } from "../lib/markdown.server";
import { consume } from "../lib/rate-limit.server";
import { canDeleteIdea, canEditIdea, canPostIdea } from "../permissions";
import { IdeaForm, IdeaUpdateForm, INT4_MAX, isPositiveInt4, SEARCH_QUERY_MAX, type IdeaSort } from "../schemas/ideas";
import type { IdeaStatus } from "../statuses";
import { listComments, type CommentView } from "./comments.server";
import { applyVote } from "./votes.server";

export type IdeaSummary = {
  id: number;
  number: number;
  slug: string;
  /** Path of the canonical page, e.g. "/ideas/42/dark-mode" (the slug percent-encoded). */
  url: string;
  title: string;
  status: IdeaStatus;
  voteCount: number;
  commentCount: number;
  votedByMe: boolean;
  board: { slug: string; name: string };
  author: { id: number; name: string };
  createdAt: Date;
  /** Plain text from the start of the body, at most 200 characters. */
  excerpt: string;
  /** Markdown as written; the JSON API returns it for every idea, list included. */
  body: string;
  bodyHtml: string;
};

export type IdeaDetail = IdeaSummary & {
  updatedAt: Date;
  canEdit: boolean;
  canDelete: boolean;
};

export const EXCERPT_MAX = 200;
export const SLUG_MAX = 60;

// ---------------------------------------------------------------- urls and text

/**
 * A URL slug from a title: letters and digits of any script (Arabic, Slovenian č/š/ž … stay as
 * they are), lowercased, everything else turned into single dashes; whole words up to 60
 * characters; "idea" when nothing is left.
 */
export function slugify(title: string): string {
  const words = title
    .normalize("NFC")
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if ([...next].length > SLUG_MAX) break;
    slug = next;
  }
  if (!slug && words.length > 0) slug = [...words[0]].slice(0, SLUG_MAX).join("");
  // /ideas/:number/<word> routes (edit, vote, …) outrank the slug: never produce one of them.
  if (RESERVED_SLUGS.has(slug)) slug = `${slug}-idea`;
  return slug || "idea";
}

const RESERVED_SLUGS = new Set(["edit", "vote", "follow", "followers", "status", "comments"]);

/** The canonical path of an idea's page; the slug is percent-encoded so it is a valid header value. */
export function ideaUrl(idea: { number: number; slug: string }): string {
  return `/ideas/${idea.number}/${encodeURIComponent(idea.slug)}`;
}

/** A short plain-text preview of a markdown body (markup and link targets removed). */
export function excerptOf(markdown: string, max = EXCERPT_MAX): string {
  const text = markdown
    .slice(0, max * 8)
    .replace(/```[^\n]*\n?/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>\n]{1,200}>/g, " ")
    .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d{1,9}[.)])\s+/gm, "")
    .replace(/[*_~`]+/g, "")
    .replace(/\s+/gu, " ")
    .trim();
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return (space > cut.length - 30 && space > 0 ? cut.slice(0, space) : cut).trimEnd() + "…";
}

const html = (row: { body: string; bodyHtml: string; htmlVersion: number }) =>
  row.htmlVersion === RENDERER_VERSION ? row.bodyHtml : renderMarkdown(row.body);

// ---------------------------------------------------------------- reading

const summaryColumns = {
  id: ideas.id,
  number: ideas.number,
  slug: ideas.slug,
  title: ideas.title,
  status: ideas.status,
  voteCount: ideas.voteCount,
  commentCount: ideas.commentCount,
  trendingScore: ideas.trendingScore,
  createdAt: ideas.createdAt,
  updatedAt: ideas.updatedAt,
  body: ideas.body,
  bodyHtml: ideas.bodyHtml,
  htmlVersion: ideas.htmlVersion,
  authorId: ideas.authorId,
  authorName: users.name,
  boardSlug: boards.slug,
  boardName: boards.name,
};

type SummaryRow = {
  id: number;
  number: number;
  slug: string;
  title: string;
  status: IdeaStatus;
  voteCount: number;
  commentCount: number;
  trendingScore: number;
  createdAt: Date;
  updatedAt: Date;
  body: string;
  bodyHtml: string;
  htmlVersion: number;
  authorId: number;
  authorName: string;
  boardSlug: string;
  boardName: string;
};

function toSummary(row: SummaryRow, votedByMe: boolean): IdeaSummary {
  return {
    id: row.id,
    number: row.number,
    slug: row.slug,
    url: ideaUrl(row),
    title: row.title,
    status: row.status,
    voteCount: row.voteCount,
    commentCount: row.commentCount,
    votedByMe,
    board: { slug: row.boardSlug, name: row.boardName },
    author: { id: row.authorId, name: row.authorName },
    createdAt: row.createdAt,
    excerpt: excerptOf(row.body),
    body: row.body,
    bodyHtml: html(row),
  };
}

function toDetail(row: SummaryRow, actor: SessionUser | null, votedByMe: boolean): IdeaDetail {
  return {
    ...toSummary(row, votedByMe),
    updatedAt: row.updatedAt,
    canEdit: canEditIdea(actor, { authorId: row.authorId }),
    canDelete: canDeleteIdea(actor, { authorId: row.authorId }),
  };
}

const votedBy = (actor: SessionUser | null): SQL<boolean> =>
  actor
    ? sql<boolean>`exists (select 1 from ${votes} where ${votes.userId} = ${actor.id} and ${votes.ideaId} = ${ideas.id})`
    : sql<boolean>`false`;

async function loadIdea(actor: SessionUser | null, where: SQL, executor: Executor = db): Promise<IdeaDetail | null> {
  const [row] = await executor
    .select({ ...summaryColumns, votedByMe: votedBy(actor) })
    .from(ideas)
    .innerJoin(boards, eq(boards.id, ideas.boardId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(where)
    .limit(1);
  return row ? toDetail(row as SummaryRow, actor, Boolean(row.votedByMe)) : null;
}

/** Public numbers are positive int4; anything else cannot exist (and must not reach SQL). */
export const isIdeaNumber = isPositiveInt4;

export async function getIdea(input: { actor: SessionUser | null; number: number }): Promise<IdeaDetail | null> {
  if (!isIdeaNumber(input.number)) return null;
  return loadIdea(input.actor, eq(ideas.number, input.number));
}

/** An idea's page: the idea and its comments (replies nested), or null. */
export async function getIdeaWithComments(input: {
  actor: SessionUser | null;
  number: number;
}): Promise<{ idea: IdeaDetail; comments: CommentView[] } | null> {
  const idea = await getIdea(input);
  if (!idea) return null;
  return { idea, comments: await listComments({ actor: input.actor, ideaId: idea.id }) };
}

// ---------------------------------------------------------------- listing

type Cursor = { sort: IdeaSort; key: number; id: number };

function encodeCursor(sort: IdeaSort, row: SummaryRow): string {
  const key = sort === "top" ? row.voteCount : sort === "trending" ? row.trendingScore : 0;
  return Buffer.from(JSON.stringify([sort, key, row.id])).toString("base64url");
}

const badCursor = () => {
  const message = translate("en", "ideas.query.cursorInvalid");
  return badRequest(message, { cursor: message });
};

function decodeCursor(cursor: string, sort: IdeaSort): Cursor {
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw badCursor();
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(value) || value.length !== 3) throw badCursor();
  const [s, key, id] = value as unknown[];
  if (s !== sort || typeof key !== "number" || !Number.isFinite(key) || typeof id !== "number" || !isIdeaNumber(id)) throw badCursor();
  if (sort === "top" && (!Number.isSafeInteger(key) || Math.abs(key) > INT4_MAX)) throw badCursor();
  return { sort, key, id };
}

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
function keyset(sort: IdeaSort, cursor: Cursor | null, alias: string, indexed = true): { orderBy: SQL; after: SQL | undefined } {
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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, "\\$&");
const SLUG_SHAPE = /^[\p{L}\p{N}-]{1,100}$/u;

/** Cleans a search string so no input can break the SQL: NUL removed, whitespace collapsed, length capped. */
function searchText(q: string | undefined): string | undefined {
  if (q === undefined) return undefined;
  const clean = [...q.replace(/\u0000/g, " ").replace(/\s+/gu, " ").trim()].slice(0, SEARCH_QUERY_MAX).join("");
  return clean === "" ? undefined : clean;
}

/**
 * Full-text match over title and body (websearch syntax, which accepts any input without a
 * syntax error) or a title substring (partial words, other scripts), each served by a GIN index
 * (tsvector; pg_trgm for ILIKE), on `alias`, an idea_search row. `tsquery` is how the parsed
 * query is written: the function call itself (an index condition), or a scalar subquery so a
 * filter over many rows parses it once even in a generic plan.
 */
function searchCondition(q: string, alias: string, tsquery: "call" | "once" = "call"): SQL {
  const parsed = sql`websearch_to_tsquery('simple', ${q})`;
  const branches: SQL[] = [sql`${sql.raw(alias)}.search_vector @@ ${tsquery === "once" ? sql`(SELECT ${parsed})` : parsed}`];
  // pg_trgm can only use the index for a substring of three characters or more.
  if ([...q].length >= 3) branches.push(sql`${sql.raw(alias)}.title ILIKE ${"%" + escapeLike(q) + "%"}`);
  return sql`(${sql.join(branches, sql` OR `)})`;
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
  sort: IdeaSort;
  cursor: Cursor | null;
  take: number;
  window: number;
}): SQL {
  const { q, sort, cursor, take, window } = input;
  /** Board, status and cursor over `alias`; `indexed` as in keyset(). */
  const filters = (alias: string, indexed: boolean): SQL[] => {
    const conditions: SQL[] = [];
    if (input.boardId !== undefined) conditions.push(sql`${sql.raw(alias)}.board_id = ${input.boardId}::int`);
    if (input.status !== undefined) conditions.push(sql`${sql.raw(alias)}.status = ${input.status}::idea_status`);
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
        SELECT i.id, i.board_id, i.status, i.vote_count, i.trending_score FROM ideas i WHERE i.id = m.idea_id OFFSET 0
      ) g
      WHERE ${sql.join([...filters("g", false), sql`(SELECT count(*) FROM hits) < ${take}::int`], sql` AND `)}
      ORDER BY ${keyset(sort, null, "g", false).orderBy}
      LIMIT ${take}::int)`;
}

async function votedSet(actor: SessionUser | null, ids: number[]): Promise<Set<number>> {
  if (!actor || ids.length === 0) return new Set();
  const rows = await db
    .select({ ideaId: votes.ideaId })
    .from(votes)
    .where(and(eq(votes.userId, actor.id), inArray(votes.ideaId, ids)));
  return new Set(rows.map((r) => r.ideaId));
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
    sort: IdeaSort;
    q?: string;
    limit: number;
    cursor?: string;
  },
  options: { searchWindow?: number } = {},
): Promise<{ ideas: IdeaSummary[]; nextCursor: string | null }> {
  const sort = input.sort;
  const cursor = input.cursor ? decodeCursor(input.cursor, sort) : null;
  const limit = Math.min(Math.max(Math.trunc(input.limit) || 20, 1), 100);
  let boardId: number | undefined;
  if (input.board !== undefined) {
    const slug = input.board.trim().toLowerCase();
    const [board] = SLUG_SHAPE.test(slug) ? await db.select({ id: boards.id }).from(boards).where(eq(boards.slug, slug)).limit(1) : [];
    if (!board) throw notFound();
    boardId = board.id;
  }
  const q = searchText(input.q);
  const { orderBy, after } = keyset(sort, cursor, "ideas");

  let rows: SummaryRow[];
  if (q) {
    // The page's ids first; the full rows, boards and authors are read for those ids only.
    const window = Math.min(Math.max(Math.trunc(options.searchWindow ?? SEARCH_WINDOW) || 0, 0), 100_000);
    const pageIds = searchPageIds({ q, boardId, status: input.status, sort, cursor, take: limit + 1, window });
    rows = (await db
      .select(summaryColumns)
      .from(sql`(${pageIds}) AS page`)
      .innerJoin(ideas, sql`${ideas.id} = page.id`)
      .innerJoin(boards, eq(boards.id, ideas.boardId))
      .innerJoin(users, eq(users.id, ideas.authorId))
      .orderBy(orderBy)) as SummaryRow[];
  } else {
    const conditions: SQL[] = [];
    if (boardId !== undefined) conditions.push(eq(ideas.boardId, boardId));
    if (input.status) conditions.push(eq(ideas.status, input.status));
    if (after) conditions.push(after);
    rows = (await db
      .select(summaryColumns)
      .from(ideas)
      .innerJoin(boards, eq(boards.id, ideas.boardId))
      .innerJoin(users, eq(users.id, ideas.authorId))
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(orderBy)
      .limit(limit + 1)) as SummaryRow[];
  }

  const page = rows.slice(0, limit);
  const voted = await votedSet(input.actor, page.map((r) => r.id));
  return {
    ideas: page.map((r) => toSummary(r, voted.has(r.id))),
    nextCursor: rows.length > limit ? encodeCursor(sort, page[page.length - 1]) : null,
  };
}

/**
 * Ideas whose titles look like `q` (pg_trgm similarity above its threshold, 0.3), most similar
 * first: "similar ideas" while someone types a new one. Tolerates typos and word order.
 */
export async function findSimilarIdeas(input: { actor: SessionUser | null; q: string; board?: string; limit?: number }): Promise<IdeaSummary[]> {
  const q = searchText(input.q);
  if (!q || [...q].length < 3) return [];
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 5) || 5, 1), 20);
  const conditions: SQL[] = [sql`${ideaSearch.title} % ${q}`];
  if (input.board) conditions.push(eq(boards.slug, input.board.trim().toLowerCase()));
  const rows = (await db
    .select(summaryColumns)
    .from(ideaSearch)
    .innerJoin(ideas, eq(ideas.id, ideaSearch.ideaId))
    .innerJoin(boards, eq(boards.id, ideas.boardId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(and(...conditions))
    .orderBy(sql`similarity(${ideaSearch.title}, ${q}) desc`, desc(ideas.voteCount), desc(ideas.id))
    .limit(limit)) as SummaryRow[];
  const voted = await votedSet(input.actor, rows.map((r) => r.id));
  return rows.map((r) => toSummary(r, voted.has(r.id)));
}

// ---------------------------------------------------------------- writing

/**
 * Inserts an idea and its author's vote in one transaction, without permission checks, rate
 * limits or validation: for createIdea() (which does those first) and for seeding.
 */
export async function insertIdea(
  executor: Executor,
  input: { authorId: number; boardId: number; title: string; body: string; createdAt?: Date },
): Promise<{ id: number; number: number; slug: string }> {
  const bodyHtml = renderMarkdown(input.body);
  const write = async (tx: Transaction) => {
    const [row] = await tx
      .insert(ideas)
      .values({
        boardId: input.boardId,
        authorId: input.authorId,
        title: input.title,
        slug: slugify(input.title),
        body: input.body,
        bodyHtml,
        htmlVersion: RENDERER_VERSION,
        ...(input.createdAt ? { createdAt: input.createdAt, updatedAt: input.createdAt } : {}),
      })
      .returning({ id: ideas.id, number: ideas.number, slug: ideas.slug });
    await applyVote(tx, { ideaId: row.id, userId: input.authorId, voted: true, at: input.createdAt });
    return row;
  };
  // A transaction of its own, or a savepoint inside the caller's.
  return executor.transaction(write);
}

/** Posts an idea from raw input (a form or a JSON body): validated here, once, by IdeaForm. */
export async function createIdea(input: { actor: SessionUser | null; board: unknown; title: unknown; body?: unknown }): Promise<IdeaDetail> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canPostIdea(actor)) throw forbidden();
  const { board: slug, title, body } = parseOrRefuse(IdeaForm, { board: input.board, title: input.title, body: input.body ?? "" }, actor.locale);
  const [board] = SLUG_SHAPE.test(slug) ? await db.select().from(boards).where(eq(boards.slug, slug)).limit(1) : [];
  if (!board) throw unprocessable({ board: translate(actor.locale, "idea.error.boardUnknown") });
  if (board.archivedAt) throw unprocessable({ board: translate(actor.locale, "idea.error.boardArchived") });
  await consume("idea", String(actor.id));
  const created = await insertIdea(db, { authorId: actor.id, boardId: board.id, title, body });
  const idea = await loadIdea(actor, eq(ideas.id, created.id));
  if (!idea) throw notFound(); // deleted by staff in the instant since it was posted
  return idea;
}

async function findForWrite(number: number): Promise<{ id: number; authorId: number } | null> {
  if (!isIdeaNumber(number)) return null;
  const [row] = await db.select({ id: ideas.id, authorId: ideas.authorId }).from(ideas).where(eq(ideas.number, number)).limit(1);
  return row ?? null;
}

/** Edits an idea from raw input, validated here by IdeaUpdateForm. */
export async function updateIdea(input: { actor: SessionUser | null; number: number; title?: unknown; body?: unknown }): Promise<IdeaDetail> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const existing = await findForWrite(input.number);
  if (!existing) throw notFound();
  if (!canEditIdea(actor, existing)) throw forbidden();
  const { title, body } = parseOrRefuse(IdeaUpdateForm, { title: input.title, body: input.body }, actor.locale);
  if (title !== undefined || body !== undefined) {
    await db
      .update(ideas)
      .set({
        ...(title !== undefined ? { title, slug: slugify(title) } : {}),
        ...(body !== undefined ? { body, bodyHtml: renderMarkdown(body), htmlVersion: RENDERER_VERSION } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(ideas.id, existing.id));
  }
  const idea = await loadIdea(actor, eq(ideas.id, existing.id));
  if (!idea) throw notFound();
  return idea;
}

/** Deletes an idea with its votes and comments (the foreign keys cascade). */
export async function deleteIdea(input: { actor: SessionUser | null; number: number }): Promise<void> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const existing = await findForWrite(input.number);
  if (!existing) throw notFound();
  if (!canDeleteIdea(actor, existing)) throw forbidden();
  await db.delete(ideas).where(eq(ideas.id, existing.id));
}

// ---------------------------------------------------------------- JSON

export type IdeaJson = ReturnType<typeof ideaToJson>;

/** An idea as the JSON API shows it; `url` is absolute. */
export function ideaToJson(idea: IdeaSummary | IdeaDetail, origin: string = env.appUrl) {
  return {
    number: idea.number,
    slug: idea.slug,
    url: origin + idea.url,
    board: idea.board,
    title: idea.title,
    body: idea.body,
    bodyHtml: idea.bodyHtml,
    excerpt: idea.excerpt,
    status: idea.status,
    voteCount: idea.voteCount,
    commentCount: idea.commentCount,
    votedByMe: idea.votedByMe,
    author: idea.author,
    createdAt: idea.createdAt.toISOString(),
    ...("updatedAt" in idea ? { updatedAt: idea.updatedAt.toISOString(), canEdit: idea.canEdit, canDelete: idea.canDelete } : {}),
  };
}
