/**
 * Importing ideas, votes, comments and statuses from a CSV file (Canny's or Fider's export, or
 * any CSV mapped column by column). Every row is checked first; then everything is written in one
 * transaction, so a row the database refuses leaves nothing behind. Each idea and comment is
 * recorded with the id it had there (imported_records): running the same file again adds nothing
 * twice, and a later file of votes or comments finds the ideas an earlier one brought. Voters
 * become people the way votes on a customer's behalf do (a contact when there is no account), and
 * so follow what they voted for. Nothing is announced: no notification or email is written.
 * See docs/import.md and docs/decisions/0026-import-export.md.
 */
import { sql } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, keepForeignKeyCheckPlans, queryRows } from "../lib/db.server";
import { forbidden, unauthorized } from "../lib/errors.server";
import { canImportData } from "../permissions";
import type { ImportCounts } from "../shapes";
import {
  importProblem, MAX_IMPORT_PROBLEMS, readImportRows, textSource,
  type ImportField, type ImportFormat, type ImportProblem, type ImportRow, type ImportSource,
} from "./import-rows.server";
import { ImportWriter, RowFailed } from "./import-writer.server";

export type { ImportCounts } from "../shapes";

export type ImportOutcome =
  | { ok: true; dryRun: boolean; counts: ImportCounts; ignoredColumns: string[]; preview: ImportRow[] }
  | { ok: false; problems: ImportProblem[] };

/** How many of the file's first rows an outcome carries, for a page to show. */
export const PREVIEW_ROWS = 10;

class DryRunDone extends Error {
  constructor(readonly counts: ImportCounts) {
    super("dry run");
  }
}

/**
 * Imports the file (`text`, or `open` for one read from disk) in `format` (admins). The file is
 * read twice as a stream, never held whole: once to check every row, once to write them in
 * batches. With `dryRun`, everything is written and then rolled back, so the counts are what a
 * real run would do. `onProgress(done, total)` is called after each batch of rows is written.
 */
export async function importData(input: {
  actor: SessionUser | null;
  text?: string;
  open?: ImportSource;
  format: ImportFormat;
  mapping?: Record<string, ImportField>;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Rows written per batch (IMPORT_BATCH unless a test wants several batches from a small file). */
  batchSize?: number;
}): Promise<ImportOutcome> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canImportData(actor)) throw forbidden();
  const open = input.open ?? textSource(input.text ?? "");
  const checked = await checkFile(open, input.format, input.mapping);
  if (!checked.ok) return checked;
  const source = input.format;
  const missing = await unknownIdeas(source, checked.elsewhere);
  if (missing.length > 0) return { ok: false, problems: missing };
  const rowsOf = async function* (only?: (row: ImportRow) => boolean) {
    for await (const item of readImportRows(open, input.format, input.mapping)) if (item.kind === "row" && (!only || only(item.row))) yield item.row;
  };
  try {
    const counts = await db.transaction(async (tx) => {
      await keepForeignKeyCheckPlans(tx);
      let done = 0;
      const writer = new ImportWriter(tx, source, actor.id, (rows) => input.onProgress?.((done += rows), checked.rows), input.batchSize);
      // Ideas first when a vote or comment comes before its idea in the file.
      const passes = checked.forwardReferences ? [(r: ImportRow) => r.type === "idea", (r: ImportRow) => r.type !== "idea"] : [undefined];
      for (const only of passes) {
        for await (const row of rowsOf(only)) await writer.add(row);
        await writer.flush();
      }
      if (input.dryRun) throw new DryRunDone(writer.counts);
      return writer.counts;
    });
    return { ok: true, dryRun: false, counts, ignoredColumns: checked.ignored, preview: checked.preview };
  } catch (error) {
    if (error instanceof DryRunDone) return { ok: true, dryRun: true, counts: error.counts, ignoredColumns: checked.ignored, preview: checked.preview };
    if (error instanceof RowFailed) return { ok: false, problems: [error.problem] };
    throw error;
  }
}

interface CheckedFile {
  ok: true;
  rows: number;
  ignored: string[];
  preview: ImportRow[];
  /** Whether a vote or comment comes before its idea in the file. */
  forwardReferences: boolean;
  /** Ideas votes and comments name that the file does not bring, with the first line naming each. */
  elsewhere: Map<string, number>;
}

/** Every row checked, in one read of the file: at most 50 problems, by line; ids given twice are problems too. */
async function checkFile(open: ImportSource, format: ImportFormat, mapping?: Record<string, ImportField>): Promise<CheckedFile | { ok: false; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const file: CheckedFile = { ok: true, rows: 0, ignored: [], preview: [], forwardReferences: false, elsewhere: new Map() };
  const seen = new Map<string, number>();
  for await (const item of readImportRows(open, format, mapping)) {
    if (item.kind === "columns") file.ignored = item.ignored;
    else if (item.kind === "problem") problems.push(item.problem);
    else {
      const row = item.row;
      if (row.type !== "vote") {
        const key = `${row.type}:${row.id}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) problems.push(importProblem(row.line, "duplicateId", { type: row.type, id: row.id, earlier }));
        else seen.set(key, row.line);
      }
      if (row.type === "idea") {
        if (file.elsewhere.delete(row.id)) file.forwardReferences = true;
      } else if (!seen.has(`idea:${row.idea}`) && !file.elsewhere.has(row.idea)) file.elsewhere.set(row.idea, row.line);
      if (file.preview.length < PREVIEW_ROWS) file.preview.push(row);
      file.rows++;
    }
    if (problems.length >= MAX_IMPORT_PROBLEMS) break;
  }
  return problems.length > 0 ? { ok: false, problems } : file;
}

/** Of the ideas named but not in the file, those no earlier import brought: a problem at the first line naming each. */
async function unknownIdeas(source: string, elsewhere: Map<string, number>): Promise<ImportProblem[]> {
  if (elsewhere.size === 0) return [];
  const known = new Set<string>();
  const asked = [...elsewhere.keys()];
  for (let at = 0; at < asked.length; at += 10_000) {
    const rows = await queryRows<{ external_id: string }>(
      db,
      sql`SELECT r.external_id FROM jsonb_array_elements_text(${JSON.stringify(asked.slice(at, at + 10_000))}::jsonb) AS a(ext)
          JOIN imported_records r ON r.source = ${source} AND r.kind = 'idea' AND r.external_id = a.ext`,
    );
    for (const r of rows) known.add(r.external_id);
  }
  return [...elsewhere]
    .filter(([id]) => !known.has(id))
    .sort((a, b) => a[1] - b[1])
    .slice(0, MAX_IMPORT_PROBLEMS)
    .map(([id, line]) => importProblem(line, "unknownIdea", { id }));
}
