/**
 * The changelog: shipped ideas with their ship notes, newest first, by month on the page and as
 * an Atom feed.
 */
import { sql, type SQL } from "drizzle-orm";
import { ideaUrl } from "../idea-links";
import { userText } from "../emails/layout";
import { translate, type Locale } from "../i18n";
import { renderAtomFeed, tagUri } from "../lib/atom.server";
import { badCursor, decodeCursor, encodeCursor } from "../lib/cursor.server";
import { db, queryRows } from "../lib/db.server";
import { env } from "../lib/env.server";
import { renderMarkdown, RENDERER_VERSION } from "../lib/markdown.server";
import { isPositiveInt4 } from "../schemas/limits";
import { listedIdea } from "./idea-visibility.server";
import { boardFilter } from "./boards.server";
import { clampLimit, type BoardRef } from "./roadmap.server";
import { statusOfKind } from "./status-catalog.server";

export const CHANGELOG_LIMIT_DEFAULT = 20;
export const CHANGELOG_LIMIT_MAX = 100;

export interface ChangelogEntry {
  number: number;
  slug: string;
  url: string;
  title: string;
  voteCount: number;
  board: BoardRef;
  /** When it shipped: the latest change to a status of kind "done". */
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

const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

function readChangelogCursor(cursor: string): ChangelogCursor {
  const [at, id] = decodeCursor(cursor, 2);
  if (!(at === null || (typeof at === "string" && PG_TIMESTAMP.test(at)))) throw badCursor();
  if (typeof id !== "number" || !isPositiveInt4(id)) throw badCursor();
  return { at, id };
}

/**
 * Shipped ideas, newest ship first (ties: higher id first), `limit` a page, each with the note
 * of its latest change to a status of kind "done". Ideas shipped without a history row (imported data) are
 * listed with their status_changed_at and no note; those without even that come last.
 */
export async function listChangelog(
  input: { board?: string | null; cursor?: string | null; limit?: number | string } = {},
): Promise<{ board: BoardRef | null; entries: ChangelogEntry[]; nextCursor: string | null }> {
  const board = await boardFilter(input.board);
  const limit = clampLimit(input.limit, CHANGELOG_LIMIT_DEFAULT, CHANGELOG_LIMIT_MAX);
  const cursor = input.cursor ? readChangelogCursor(input.cursor) : null;
  // Shipped is a kind, not a key (ADR 0029): every status of kind "done" is in the changelog.
  const conditions: SQL[] = [await statusOfKind(sql`i.status`, "done"), listedIdea("i")];
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
          WHERE s.idea_id = i.id AND ${await statusOfKind(sql`s.to_status`, "done")}
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
    nextCursor: rows.length > limit && last ? encodeCursor([last.at, Number(last.id)]) : null,
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
    title: board ? translate(locale, "changelog.feed.titleBoard", { board: userText(locale, board.name) }) : translate(locale, "changelog.feed.title"),
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
      ...(e.noteHtml ? { contentHtml: e.noteHtml } : { summary: translate(locale, "changelog.feed.noNote", { title: userText(locale, e.title) }) }),
    })),
  });
}
