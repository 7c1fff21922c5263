/**
 * The public roadmap (ideas under review, planned, in progress, and shipped lately) and the
 * changelog (shipped ideas with their ship notes, newest first, also as an Atom feed).
 *
 * The roadmap is one statement: per column, the top ideas by votes through the (status,
 * vote_count, id) index. How many ideas each column has in all ("and 475 more") is counted up
 * to COUNT_CAP and kept for a short while (see columnTotals), so a view costs a few index pages
 * however big the columns grow.
 */
import { sql, type SQL } from "drizzle-orm";
import { translate, type Locale } from "../i18n";
import { renderAtomFeed, tagUri } from "../lib/atom.server";
import { db, queryRows } from "../lib/db.server";
import { env } from "../lib/env.server";
import { badRequest, notFound } from "../lib/errors.server";
import { renderMarkdown, RENDERER_VERSION } from "../lib/markdown.server";
import { isPositiveInt4 } from "../schemas/limits";
import { IDEA_STATUSES, STATUS_META, type IdeaStatus } from "../statuses";
import { findBoardBySlug } from "./boards.server";
import { ideaUrl } from "./ideas.server";

/** The roadmap's columns, in order: every status marked `onRoadmap`. */
export const ROADMAP_STATUSES: IdeaStatus[] = IDEA_STATUSES.filter((s) => STATUS_META[s].onRoadmap);
/** The Shipped column shows what shipped in this many days. */
export const SHIPPED_WINDOW_DAYS = 90;
/**
 * Ideas per column on the page and by default in the API (which takes ?limit= up to the max).
 * Each card costs server time on every view; the column links to the rest ("and 490 more").
 */
export const ROADMAP_LIMIT_DEFAULT = 10;
export const ROADMAP_LIMIT_MAX = 100;
/** Columns are counted up to this many ideas. */
export const COUNT_CAP = 1000;
export const CHANGELOG_LIMIT_DEFAULT = 20;
export const CHANGELOG_LIMIT_MAX = 100;

export interface RoadmapIdea {
  number: number;
  slug: string;
  /** The idea's page, e.g. /ideas/42/dark-mode. */
  url: string;
  title: string;
  voteCount: number;
  board: { slug: string; name: string };
}

export interface RoadmapColumn {
  status: IdeaStatus;
  ideas: RoadmapIdea[];
  /** How many ideas the column has, counted up to COUNT_CAP. */
  total: number;
  /** `total` reached COUNT_CAP: there may be more. */
  totalCapped: boolean;
}

export interface BoardRef {
  slug: string;
  name: string;
}

const SLUG_SHAPE = /^[\p{L}\p{N}-]{1,100}$/u;

/** The board a ?board= names; undefined for none, 404 for one that does not exist. */
async function boardFilter(slug: string | null | undefined): Promise<{ id: number; slug: string; name: string } | undefined> {
  if (slug === undefined || slug === null || slug === "") return undefined;
  const clean = slug.trim().toLowerCase();
  const board = SLUG_SHAPE.test(clean) ? await findBoardBySlug(clean) : null;
  if (!board) throw notFound();
  return { id: board.id, slug: board.slug, name: board.name };
}

function clampLimit(value: unknown, fallback: number, max: number): number {
  const n = typeof value === "string" && /^\d{1,4}$/.test(value) ? Number(value) : typeof value === "number" ? Math.trunc(value) : fallback;
  return Number.isFinite(n) ? Math.min(Math.max(n, 1), max) : fallback;
}

/**
 * Column sizes, kept briefly per process. Counting reads a row per idea (PostgreSQL's count
 * cannot stay in an index unless the table is freshly vacuumed), which would be most of a
 * roadmap view's cost; the lists themselves are always fresh. Any status change moves the
 * version (the newest status_changes id) and so recounts at once; other changes that move a
 * count (an idea deleted or moved to another board) show within COUNT_TTL_MS.
 */
const COUNT_TTL_MS = 30_000;
const countCache = new Map<string, { version: number; at: number; totals: Map<IdeaStatus, number> }>();

function columnsValues() {
  return sql.join(
    ROADMAP_STATUSES.map(
      (status, ord) =>
        sql`(${status}::idea_status, ${ord}::int, ${status === "shipped" ? sql`now() - make_interval(days => ${SHIPPED_WINDOW_DAYS}::int)` : sql`NULL::timestamptz`})`,
    ),
    sql`, `,
  );
}

async function columnTotals(boardId: number | undefined, version: number): Promise<Map<IdeaStatus, number>> {
  const key = String(boardId ?? "");
  const cached = countCache.get(key);
  if (cached && cached.version === version && Date.now() - cached.at < COUNT_TTL_MS) return cached.totals;
  const onBoard = boardId ? sql`AND x.board_id = ${boardId}::int` : sql``;
  // One capped count per column, its status written as a literal so that even a generic plan
  // walks that status's own index range and stops after COUNT_CAP entries, answerable from the
  // index alone once the table is vacuumed: (status, id) — (board_id, status, id) with a board —
  // and, for Shipped's last SHIPPED_WINDOW_DAYS days, (status, status_changed_at).
  const counts = ROADMAP_STATUSES.map((status) => {
    if (!/^[a-z_]+$/.test(status)) throw new Error(`Unexpected status ${status}`);
    const shippedWindow = status === "shipped";
    return sql`(SELECT count(*)::int FROM (
        SELECT 1 FROM ideas x
        WHERE x.status = ${sql.raw(`'${status}'`)}::idea_status ${onBoard}
          ${shippedWindow ? sql`AND x.status_changed_at >= now() - make_interval(days => ${SHIPPED_WINDOW_DAYS}::int)` : sql``}
        ORDER BY ${shippedWindow ? sql`x.status_changed_at DESC NULLS LAST` : sql`x.id DESC`}
        LIMIT ${COUNT_CAP}::int
      ) counted) AS ${sql.identifier(status)}`;
  });
  const [row] = await queryRows<Partial<Record<IdeaStatus, number>>>(db, sql`SELECT ${sql.join(counts, sql`, `)}`);
  const totals = new Map(ROADMAP_STATUSES.map((status) => [status, Number(row?.[status] ?? 0)]));
  countCache.set(key, { version, at: Date.now(), totals });
  return totals;
}

/**
 * The roadmap's columns, each with its top `limit` ideas by votes (ties: newest first) and its
 * size. Shipped holds ideas whose status changed to shipped in the last SHIPPED_WINDOW_DAYS days.
 */
export async function listRoadmap(input: { board?: string | null; limit?: number | string } = {}): Promise<{ board: BoardRef | null; columns: RoadmapColumn[] }> {
  const board = await boardFilter(input.board);
  const limit = clampLimit(input.limit, ROADMAP_LIMIT_DEFAULT, ROADMAP_LIMIT_MAX);
  const onBoard = board ? sql`AND x.board_id = ${board.id}::int` : sql``;
  // Each LATERAL is an ordered scan of ideas_status_top_idx (ideas_board_status_top_idx with a
  // board) that stops after `limit` rows.
  const rows = await queryRows<{
    status: IdeaStatus;
    version: number;
    number: number | null;
    slug: string | null;
    title: string | null;
    vote_count: number | null;
    board_slug: string | null;
    board_name: string | null;
  }>(
    db,
    sql`SELECT c.status, v.version, i.number, i.slug, i.title, i.vote_count, b.slug AS board_slug, b.name AS board_name
        FROM (VALUES ${columnsValues()}) AS c(status, ord, since)
        CROSS JOIN (SELECT coalesce(max(id), 0) AS version FROM status_changes) v
        LEFT JOIN LATERAL (
          SELECT x.id, x.number, x.slug, x.title, x.vote_count, x.board_id FROM ideas x
          WHERE x.status = c.status ${onBoard} AND (c.since IS NULL OR x.status_changed_at >= c.since)
          ORDER BY x.vote_count DESC, x.id DESC
          LIMIT ${limit}::int
        ) i ON true
        LEFT JOIN boards b ON b.id = i.board_id
        ORDER BY c.ord, i.vote_count DESC, i.id DESC`,
  );
  const byStatus = new Map<IdeaStatus, RoadmapColumn>(
    ROADMAP_STATUSES.map((status) => [status, { status, ideas: [], total: 0, totalCapped: false }]),
  );
  for (const row of rows) {
    if (row.number === null) continue;
    const number = Number(row.number);
    const slug = row.slug ?? "";
    byStatus.get(row.status)!.ideas.push({
      number,
      slug,
      url: ideaUrl({ number, slug }),
      title: row.title ?? "",
      voteCount: Number(row.vote_count),
      board: { slug: row.board_slug ?? "", name: row.board_name ?? "" },
    });
  }
  const totals = await columnTotals(board?.id, Number(rows[0]?.version ?? 0));
  for (const column of byStatus.values()) {
    // Never fewer than shown, should a count be a few seconds old.
    column.total = Math.max(totals.get(column.status) ?? 0, column.ideas.length);
    column.totalCapped = column.total >= COUNT_CAP;
  }
  return { board: board ? { slug: board.slug, name: board.name } : null, columns: [...byStatus.values()] };
}

/** GET /api/v1/roadmap's answer: labels in the reader's language, absolute idea URLs. */
export function roadmapToJson(roadmap: { columns: RoadmapColumn[] }, locale: Locale, origin: string = env.appUrl) {
  return {
    columns: roadmap.columns.map((column) => ({
      status: column.status,
      label: translate(locale, STATUS_META[column.status].labelKey),
      total: column.total,
      ideas: column.ideas.map((idea) => ({
        number: idea.number,
        title: idea.title,
        url: origin + idea.url,
        voteCount: idea.voteCount,
        board: idea.board,
      })),
    })),
  };
}

// ---------------------------------------------------------------- changelog

export interface ChangelogEntry {
  number: number;
  slug: string;
  url: string;
  title: string;
  voteCount: number;
  board: BoardRef;
  /** When it shipped: the latest change to "shipped". */
  shippedAt: Date;
  /** The id of that status change (stable: the feed's entry id), null if the history has none. */
  statusChangeId: number | null;
  /** The ship note, sanitised HTML ("" when the change had no note). */
  noteHtml: string;
}

/**
 * The position after a page: the last entry's ship time as PostgreSQL prints it (microseconds
 * kept; a JavaScript Date would drop them and skip or repeat entries) and its idea id.
 */
type ChangelogCursor = { at: string | null; id: number };

function encodeChangelogCursor(cursor: ChangelogCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
}

const badCursor = () => badRequest(translate("en", "ideas.query.cursorInvalid"), { cursor: translate("en", "ideas.query.cursorInvalid") });
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

function decodeChangelogCursor(cursor: string): ChangelogCursor {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw badCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(value) || value.length !== 2) throw badCursor();
  const [at, id] = value as unknown[];
  if (!(at === null || (typeof at === "string" && PG_TIMESTAMP.test(at)))) throw badCursor();
  if (typeof id !== "number" || !isPositiveInt4(id)) throw badCursor();
  return { at, id };
}

/**
 * Shipped ideas, newest ship first (ties: higher id first), `limit` a page, each with the note
 * of its latest change to "shipped". Ideas shipped without a history row (imported data) are
 * listed with their status_changed_at and no note; those without even that come last.
 */
export async function listChangelog(
  input: { board?: string | null; cursor?: string | null; limit?: number | string } = {},
): Promise<{ board: BoardRef | null; entries: ChangelogEntry[]; nextCursor: string | null }> {
  const board = await boardFilter(input.board);
  const limit = clampLimit(input.limit, CHANGELOG_LIMIT_DEFAULT, CHANGELOG_LIMIT_MAX);
  const cursor = input.cursor ? decodeChangelogCursor(input.cursor) : null;
  const conditions: SQL[] = [sql`i.status = 'shipped'`];
  if (board) conditions.push(sql`i.board_id = ${board.id}::int`);
  if (cursor) {
    // ORDER BY status_changed_at DESC NULLS LAST, id DESC: "after the cursor" in that order.
    conditions.push(
      cursor.at === null
        ? sql`(i.status_changed_at IS NULL AND i.id < ${cursor.id}::int)`
        : sql`(i.status_changed_at < ${cursor.at}::timestamp AT TIME ZONE 'UTC'
               OR (i.status_changed_at = ${cursor.at}::timestamp AT TIME ZONE 'UTC' AND i.id < ${cursor.id}::int)
               OR i.status_changed_at IS NULL)`,
    );
  }
  const rows = await queryRows<{
    id: number;
    number: number;
    slug: string;
    title: string;
    vote_count: number;
    board_slug: string;
    board_name: string;
    shipped_at: Date | string;
    at: string | null;
    change_id: number | null;
    note: string | null;
    note_html: string | null;
    html_version: number | null;
  }>(
    db,
    sql`SELECT i.id, i.number, i.slug, i.title, i.vote_count, b.slug AS board_slug, b.name AS board_name,
               coalesce(i.status_changed_at, sc.created_at, i.updated_at) AS shipped_at,
               to_char(i.status_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS at,
               sc.id AS change_id, sc.note, sc.note_html, sc.html_version
        FROM ideas i
        JOIN boards b ON b.id = i.board_id
        LEFT JOIN LATERAL (
          SELECT s.id, s.created_at, s.note, s.note_html, s.html_version FROM status_changes s
          WHERE s.idea_id = i.id AND s.to_status = 'shipped'
          ORDER BY s.id DESC LIMIT 1
        ) sc ON true
        WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY i.status_changed_at DESC NULLS LAST, i.id DESC
        LIMIT ${limit + 1}::int`,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    board: board ? { slug: board.slug, name: board.name } : null,
    entries: page.map((r) => {
      const number = Number(r.number);
      const note = r.note ?? "";
      return {
        number,
        slug: r.slug,
        url: ideaUrl({ number, slug: r.slug }),
        title: r.title,
        voteCount: Number(r.vote_count),
        board: { slug: r.board_slug, name: r.board_name },
        shippedAt: new Date(r.shipped_at),
        statusChangeId: r.change_id === null ? null : Number(r.change_id),
        noteHtml: note && Number(r.html_version) !== RENDERER_VERSION ? renderMarkdown(note) : (r.note_html ?? ""),
      };
    }),
    nextCursor: rows.length > limit && last ? encodeChangelogCursor({ at: last.at, id: Number(last.id) }) : null,
  };
}

/** Entries by the month (UTC) they shipped in, in the order given: `month` is "YYYY-MM". */
export function groupChangelogByMonth<E extends { shippedAt: Date | string }>(entries: E[]): Array<{ month: string; entries: E[] }> {
  const groups: Array<{ month: string; entries: E[] }> = [];
  for (const entry of entries) {
    const month = new Date(entry.shippedAt).toISOString().slice(0, 7);
    const current = groups[groups.length - 1];
    if (current && current.month === month) current.entries.push(entry);
    else groups.push({ month, entries: [entry] });
  }
  return groups;
}

/** The newest entries at most in a feed. */
export const FEED_ENTRIES = 50;

/**
 * The changelog as an Atom 1.0 feed: one entry per shipped idea (its id names the ship event,
 * so shipping again after a reopen is a new entry), the ship note as HTML content.
 */
export function changelogFeed(input: {
  entries: ChangelogEntry[];
  board: BoardRef | null;
  locale: Locale;
  origin?: string;
}): string {
  const { entries, board, locale } = input;
  const origin = input.origin ?? env.appUrl;
  const query = board ? `?board=${encodeURIComponent(board.slug)}` : "";
  const newest = entries.reduce<Date | null>((max, e) => (!max || e.shippedAt > max ? e.shippedAt : max), null);
  return renderAtomFeed({
    id: tagUri(origin, board ? `changelog:${board.slug}` : "changelog"),
    title: board ? translate(locale, "changelog.feed.titleBoard", { board: board.name }) : translate(locale, "changelog.feed.title"),
    subtitle: translate(locale, "changelog.feed.subtitle"),
    // An empty feed has not changed since the epoch: a fixed value, so readers see no update.
    updated: newest ?? new Date(0),
    lang: locale,
    author: translate(locale, "app.name"),
    links: [
      { rel: "self", href: `${origin}/changelog.atom${query}`, type: "application/atom+xml" },
      { rel: "alternate", href: `${origin}/changelog${query}`, type: "text/html" },
    ],
    entries: entries.map((e) => ({
      id: tagUri(origin, e.statusChangeId ? `shipped:${e.statusChangeId}` : `idea:${e.number}:shipped`),
      title: e.title,
      updated: e.shippedAt,
      published: e.shippedAt,
      link: origin + e.url,
      category: { term: e.board.slug, label: e.board.name },
      ...(e.noteHtml ? { contentHtml: e.noteHtml } : { summary: translate(locale, "changelog.feed.noNote", { title: e.title }) }),
    })),
  });
}
