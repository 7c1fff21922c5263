/**
 * The public roadmap: ideas under review, planned, in progress, and shipped lately.
 *
 * The roadmap is one statement: per column, the top ideas by votes through the (status,
 * vote_count, id) index. How many ideas each column has in all ("and 475 more") is counted up
 * to COUNT_CAP and kept for a short while (see columnTotals), so a view costs a few index pages
 * however big the columns grow.
 */
import { sql } from "drizzle-orm";
import type { Locale } from "../i18n";
import { ideaUrl } from "../idea-links";
import { db, queryRows } from "../lib/db.server";
import { env } from "../lib/env.server";
import type { IdeaStatus, StatusKind } from "../statuses";
import type { Actor } from "../permissions";
import type { TagView } from "../shapes";
import { listedIdea } from "./idea-visibility.server";
import { loadStatuses, statusViews } from "./status-catalog.server";
import { boardFilter } from "./boards.server";
import { taggedWith, tagFilter, tagsOfIdeas, tagView } from "./tags.server";

/**
 * The roadmap's columns, in order: every status in use of kind active or done (ADR 0029). A done
 * column shows what got there lately.
 */
export async function roadmapStatuses(): Promise<{ key: IdeaStatus; kind: StatusKind }[]> {
  return (await loadStatuses()).filter((s) => !s.retiredAt && (s.kind === "active" || s.kind === "done")).map((s) => ({ key: s.key, kind: s.kind }));
}
/** A done column (Shipped) shows what got there in this many days. */
export const SHIPPED_WINDOW_DAYS = 90;
/**
 * Ideas per column on the page and by default in the API (which takes ?limit= up to the max).
 * Each card costs server time on every view; the column links to the rest ("and 490 more").
 */
export const ROADMAP_LIMIT_DEFAULT = 10;
export const ROADMAP_LIMIT_MAX = 100;
/** Columns are counted up to this many ideas. */
export const COUNT_CAP = 1000;

export interface RoadmapIdea {
  number: number;
  slug: string;
  /** The idea's page, e.g. /ideas/42/dark-mode. */
  url: string;
  title: string;
  voteCount: number;
  board: { slug: string; name: string };
  /** The tags the reader may see. */
  tags: TagView[];
}

export interface RoadmapColumn {
  status: IdeaStatus;
  /** `done`: the column of what shipped lately (SHIPPED_WINDOW_DAYS). */
  kind: StatusKind;
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

/** A `?limit=` (a number or its digits) between 1 and `max`; `fallback` when absent or unreadable. */
export function clampLimit(value: unknown, fallback: number, max: number): number {
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

/** Drops this process's column totals: a change the version does not see (an idea moved) recounts at once here. */
export function forgetColumnTotals(): void {
  countCache.clear();
}

type Column = { key: IdeaStatus; kind: StatusKind };

function columnsValues(columns: Column[]) {
  return sql.join(
    columns.map(
      (status, ord) =>
        sql`(${status.key}::text, ${ord}::int, ${status.kind === "done" ? sql`now() - make_interval(days => ${SHIPPED_WINDOW_DAYS}::int)` : sql`NULL::timestamptz`})`,
    ),
    sql`, `,
  );
}

async function columnTotals(columns: Column[], boardId: number | undefined, tagId: number | undefined, version: number): Promise<Map<IdeaStatus, number>> {
  // The columns are part of the key: a status added, retired or reordered counts afresh.
  const key = `${boardId ?? ""}/${tagId ?? ""}/${columns.map((c) => `${c.key}:${c.kind}`).join(",")}`;
  const cached = countCache.get(key);
  if (cached && cached.version === version && Date.now() - cached.at < COUNT_TTL_MS) return cached.totals;
  const onBoard = sql`${boardId ? sql`AND x.board_id = ${boardId}::int` : sql``} ${tagId ? sql`AND ${taggedWith("x", tagId)}` : sql``}`;
  // One capped count per column, its status written as a literal so that even a generic plan
  // walks that status's own index range and stops after COUNT_CAP entries, answerable from the
  // index alone once the table is vacuumed: (status, id) — (board_id, status, id) with a board —
  // and, for Shipped's last SHIPPED_WINDOW_DAYS days, (status, status_changed_at).
  const counts = columns.map(({ key: status, kind }, ord) => {
    // Keys are slugs (letters, digits, underscores): safe as a literal, checked all the same.
    if (!/^[\p{L}\p{N}\p{M}_]+$/u.test(status)) throw new Error(`Unexpected status ${status}`);
    const shippedWindow = kind === "done";
    return sql`(SELECT count(*)::int FROM (
        SELECT 1 FROM ideas x
        WHERE x.status = ${sql.raw(`'${status}'`)} ${onBoard} AND ${listedIdea("x")}
          ${shippedWindow ? sql`AND x.status_changed_at >= now() - make_interval(days => ${SHIPPED_WINDOW_DAYS}::int)` : sql``}
        ORDER BY ${shippedWindow ? sql`x.status_changed_at DESC NULLS LAST` : sql`x.id DESC`}
        LIMIT ${COUNT_CAP}::int
      ) counted) AS ${sql.identifier(`c${ord}`)}`;
  });
  const [row] = counts.length ? await queryRows<Partial<Record<string, number>>>(db, sql`SELECT ${sql.join(counts, sql`, `)}`) : [];
  const totals = new Map(columns.map((status, ord) => [status.key, Number(row?.[`c${ord}`] ?? 0)]));
  countCache.set(key, { version, at: Date.now(), totals });
  return totals;
}

/**
 * The roadmap's columns, each with its top `limit` ideas by votes (ties: newest first) and its
 * size. Shipped holds ideas whose status changed to shipped in the last SHIPPED_WINDOW_DAYS days.
 */
export async function listRoadmap(
  input: { actor?: Actor | null; board?: string | null; tag?: string | null; limit?: number | string } = {},
): Promise<{ board: BoardRef | null; tag: TagView | null; columns: RoadmapColumn[] }> {
  const board = await boardFilter(input.board);
  // 404 for a tag the reader may not see, as for one that does not exist.
  const tag = await tagFilter(input.actor, input.tag);
  const limit = clampLimit(input.limit, ROADMAP_LIMIT_DEFAULT, ROADMAP_LIMIT_MAX);
  const columns = await roadmapStatuses();
  if (columns.length === 0) return { board: board ? { slug: board.slug, name: board.name } : null, tag: tag ? tagView(tag) : null, columns: [] };
  const onBoard = sql`${board ? sql`AND x.board_id = ${board.id}::int` : sql``} ${tag ? sql`AND ${taggedWith("x", tag.id)}` : sql``}`;
  // Each LATERAL is an ordered scan of ideas_status_top_idx (ideas_board_status_top_idx with a
  // board) that stops after `limit` rows.
  const rows = await queryRows<{
    status: IdeaStatus;
    version: number;
    id: number | null;
    number: number | null;
    slug: string | null;
    title: string | null;
    vote_count: number | null;
    board_slug: string | null;
    board_name: string | null;
  }>(
    db,
    sql`SELECT c.status, v.version, i.id, i.number, i.slug, i.title, i.vote_count, b.slug AS board_slug, b.name AS board_name
        FROM (VALUES ${columnsValues(columns)}) AS c(status, ord, since)
        CROSS JOIN (SELECT coalesce(max(id), 0) AS version FROM status_changes) v
        LEFT JOIN LATERAL (
          SELECT x.id, x.number, x.slug, x.title, x.vote_count, x.board_id FROM ideas x
          WHERE x.status = c.status ${onBoard} AND (c.since IS NULL OR x.status_changed_at >= c.since) AND ${listedIdea("x")}
          ORDER BY x.vote_count DESC, x.id DESC
          LIMIT ${limit}::int
        ) i ON true
        LEFT JOIN boards b ON b.id = i.board_id
        ORDER BY c.ord, i.vote_count DESC, i.id DESC`,
  );
  const byStatus = new Map<IdeaStatus, RoadmapColumn>(
    columns.map(({ key, kind }) => [key, { status: key, kind, ideas: [], total: 0, totalCapped: false }]),
  );
  const tagsById = await tagsOfIdeas(input.actor, rows.flatMap((row) => (row.id === null ? [] : [Number(row.id)])));
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
      tags: tagsById.get(Number(row.id)) ?? [],
    });
  }
  const totals = await columnTotals(columns, board?.id, tag?.id, Number(rows[0]?.version ?? 0));
  for (const column of byStatus.values()) {
    // Never fewer than shown, should a count be a few seconds old.
    column.total = Math.max(totals.get(column.status) ?? 0, column.ideas.length);
    column.totalCapped = column.total >= COUNT_CAP;
  }
  return { board: board ? { slug: board.slug, name: board.name } : null, tag: tag ? tagView(tag) : null, columns: [...byStatus.values()] };
}

/** GET /api/v1/roadmap's answer: labels in the reader's language, absolute idea URLs. */
export async function roadmapToJson(roadmap: { columns: RoadmapColumn[] }, locale: Locale, origin: string = env.appUrl) {
  const labels = new Map((await statusViews(locale)).map((s) => [s.key, s.label]));
  return {
    columns: roadmap.columns.map((column) => ({
      status: column.status,
      label: labels.get(column.status) ?? column.status,
      total: column.total,
      ideas: column.ideas.map((idea) => ({
        number: idea.number,
        title: idea.title,
        url: origin + idea.url,
        voteCount: idea.voteCount,
        board: idea.board,
        tags: idea.tags, // private ones only for staff, as on the idea JSON
      })),
    })),
  };
}
