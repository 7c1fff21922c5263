/**
 * The staff's CSV exports of ideas, votes and comments (GET /api/v1/export/*.csv). Each is a
 * stream: rows are read in batches by keyset (the next batch starts after the last key sent), and
 * a batch is read only when the response has room for it, so 100,000 ideas leave the server
 * without ever being in memory together, on both drivers. Hidden ideas and comments and internal
 * notes are included, each marked by a column: the exports are for staff, who see them anyway.
 * See docs/decisions/0026-import-export.md.
 */
import { sql, type SQL } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { csvRecord, type CsvValue } from "../lib/csv";
import { database, db, queryRows } from "../lib/db.server";
import { forbidden, unauthorized } from "../lib/errors.server";
import { canExportData } from "../permissions";

export const EXPORT_TABLES = ["ideas", "votes", "comments"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/**
 * Rows read per query. Each batch is planned afresh (the connections force custom plans), about
 * 20 ms for the votes' six-way join on a busy machine: at 1,000 rows a batch the million votes of
 * the bench site spent more time planning than reading. 10,000 rows are a few megabytes of memory.
 */
export const EXPORT_BATCH_SIZE = 10_000;

type Row = Record<string, unknown>;

interface ExportDefinition {
  columns: readonly string[];
  /** The batch after `after` (null: the first), in key order; with no limit, every row from there. */
  batch(after: Row | null, limit: number | null): SQL;
  values(row: Row): CsvValue[];
}

const limitClause = (limit: number | null): SQL => (limit === null ? sql`` : sql`LIMIT ${limit}::int`);
const time = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));
/** Whole cents as money in major units with two decimals ("1250.00"); the currency is REVENUE_CURRENCY. */
const money = (cents: unknown): string => (Number(cents ?? 0) / 100).toFixed(2);

const DEFINITIONS: Record<ExportTable, ExportDefinition> = {
  ideas: {
    columns: ["number", "title", "body", "board", "status", "author", "author_email", "created_at", "votes", "comments", "companies", "monthly_revenue", "must_haves", "hidden", "merged_into"],
    batch: (after, limit) => sql`
      SELECT i.id, i.number, i.title, i.body, b.slug AS board, i.status, u.name AS author, u.email AS author_email, i.created_at,
             i.vote_count, i.comment_count, i.hidden_at IS NOT NULL AS hidden, m.number AS merged_into,
             d.companies, d.revenue, (SELECT count(*)::int FROM votes v WHERE v.idea_id = i.id AND v.importance = 'must_have') AS must_haves
      FROM ideas i
      JOIN boards b ON b.id = i.board_id
      JOIN users u ON u.id = i.author_id
      LEFT JOIN ideas m ON m.id = i.merged_into_id
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS companies, coalesce(sum(c.monthly_revenue_cents), 0) AS revenue FROM companies c
        WHERE c.id IN (SELECT voter.company_id FROM votes v JOIN users voter ON voter.id = v.user_id WHERE v.idea_id = i.id)
      ) d
      ${after ? sql`WHERE i.id > ${Number(after.id)}::int` : sql``}
      ORDER BY i.id ${limitClause(limit)}`,
    values: (r) => [r.number as number, r.title as string, r.body as string, r.board as string, r.status as string, r.author as string, r.author_email as string, time(r.created_at),
      Number(r.vote_count), Number(r.comment_count), Number(r.companies), money(r.revenue), Number(r.must_haves), Boolean(r.hidden), r.merged_into === null ? null : Number(r.merged_into)],
  },
  votes: {
    columns: ["idea", "voter", "voter_email", "company", "importance", "voted_at", "added_by", "note", "merged_from"],
    batch: (after, limit) => sql`
      SELECT v.idea_id, v.user_id, i.number, u.name, u.email, c.name AS company, v.importance, v.created_at, a.name AS added_by, v.note, mf.number AS merged_from
      FROM votes v
      JOIN ideas i ON i.id = v.idea_id
      JOIN users u ON u.id = v.user_id
      LEFT JOIN companies c ON c.id = u.company_id
      LEFT JOIN users a ON a.id = v.added_by_id
      LEFT JOIN ideas mf ON mf.id = v.merged_from
      ${after ? sql`WHERE (v.idea_id, v.user_id) > (${Number(after.idea_id)}::int, ${Number(after.user_id)}::int)` : sql``}
      ORDER BY v.idea_id, v.user_id ${limitClause(limit)}`,
    values: (r) => [Number(r.number), r.name as string, r.email as string, r.company as string | null, r.importance as string | null, time(r.created_at), r.added_by as string | null, r.note as string | null,
      r.merged_from === null ? null : Number(r.merged_from)],
  },
  comments: {
    columns: ["id", "idea", "reply_to", "author", "author_email", "body", "created_at", "staff", "internal", "hidden"],
    batch: (after, limit) => sql`
      SELECT c.id, i.number, c.parent_id, u.name, u.email, c.body, c.created_at, c.is_staff, c.internal, c.hidden_at IS NOT NULL AS hidden
      FROM comments c
      JOIN ideas i ON i.id = c.idea_id
      JOIN users u ON u.id = c.author_id
      ${after ? sql`WHERE c.id > ${Number(after.id)}::int` : sql``}
      ORDER BY c.id ${limitClause(limit)}`,
    values: (r) => [Number(r.id), Number(r.number), r.parent_id === null ? null : Number(r.parent_id), r.name as string, r.email as string, r.body as string, time(r.created_at),
      Boolean(r.is_staff), Boolean(r.internal), Boolean(r.hidden)],
  },
};

export interface CsvExport {
  filename: string;
  stream: ReadableStream<Uint8Array>;
}

/**
 * The export of `table` (staff; 401 signed out, 403 for members, refused before anything is
 * read) as a stream of UTF-8 CSV with a byte-order mark (so spreadsheets read non-Latin text
 * right) and a header row. `batchSize` rows are read at a time.
 */
export function exportCsv(input: { actor: SessionUser | null; table: ExportTable; batchSize?: number; now?: Date }): CsvExport {
  if (!input.actor) throw unauthorized();
  if (!canExportData(input.actor)) throw forbidden();
  const definition = DEFINITIONS[input.table];
  const limit = input.batchSize ?? EXPORT_BATCH_SIZE;
  const encoder = new TextEncoder();
  const header = encoder.encode("\uFEFF" + csvRecord(definition.columns));
  const encode = (rows: Row[]) => encoder.encode(rows.map((r) => csvRecord(definition.values(r))).join(""));
  const stream = database().driver === "postgres" ? cursorStream(definition, header, encode, limit) : keysetStream(definition, header, encode, limit);
  const day = (input.now ?? new Date()).toISOString().slice(0, 10);
  return { filename: `loopboard-${input.table}-${day}.csv`, stream };
}

/**
 * PGlite: one batch per pull, each its own query from the last row's key. The embedded database
 * has one connection, so nothing may hold a transaction open while a client downloads.
 */
function keysetStream(definition: ExportDefinition, header: Uint8Array, encode: (rows: Row[]) => Uint8Array, limit: number): ReadableStream<Uint8Array> {
  let after: Row | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(header);
          return;
        }
        const rows = await queryRows<Row>(db, definition.batch(after, limit));
        if (rows.length > 0) controller.enqueue(encode(rows));
        if (rows.length < limit) controller.close();
        else after = rows[rows.length - 1];
      },
    },
    // One batch waits at most: the next is read when the client has taken it.
    { highWaterMark: 1 },
  );
}

/**
 * PostgreSQL: one query through a cursor, in a read-only repeatable-read transaction — one plan
 * (sequential scans and hash joins instead of an index walk per batch: the bench site's million
 * votes in one pass) and one consistent snapshot for the whole file. The transaction holds one
 * pooled connection while the client downloads; the next batch is fetched only when the client
 * has taken the last, and a client that goes away ends it.
 */
function cursorStream(definition: ExportDefinition, header: Uint8Array, encode: (rows: Row[]) => Uint8Array, limit: number): ReadableStream<Uint8Array> {
  let wanted: (() => void) | null = null;
  let cancelled = false;
  const demand = () => {
    wanted?.();
    wanted = null;
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(header);
        db.transaction(
          async (tx) => {
            await tx.execute(sql`DECLARE export_rows NO SCROLL CURSOR FOR ${definition.batch(null, null)}`);
            for (;;) {
              if (!cancelled && (controller.desiredSize ?? 0) <= 0) await new Promise<void>((resolve) => (wanted = resolve));
              if (cancelled) return;
              const rows = await queryRows<Row>(tx, sql`FETCH ${sql.raw(String(limit))} FROM export_rows`);
              if (cancelled) return;
              if (rows.length > 0) controller.enqueue(encode(rows));
              if (rows.length < limit) return controller.close();
            }
          },
          { isolationLevel: "repeatable read", accessMode: "read only" },
        ).catch((error: unknown) => {
          if (!cancelled) controller.error(error);
        });
      },
      pull: demand,
      cancel() {
        cancelled = true;
        demand();
      },
    },
    { highWaterMark: 1 },
  );
}
