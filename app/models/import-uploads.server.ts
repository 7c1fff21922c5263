/**
 * An import file between the steps of /admin/import (upload → columns → dry run → import). The
 * file is kept on the server, under $DATA_DIR/imports, named by a random id and bound to the admin
 * who sent it and to their sign-in session: the later steps name the id, never send the file
 * again, and someone else's id is refused. After the import only its result is kept; everything
 * is swept an hour after the upload. The importing itself is importData's, as for the command
 * line. See docs/decisions/0026-import-export.md.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { SessionUser } from "../lib/auth.server";
import { env } from "../lib/env.server";
import { forbidden, localMessage, notFound, unauthorized, unprocessable } from "../lib/errors.server";
import { sha256Hex } from "../lib/hashing.server";
import { translate } from "../i18n";
import { canImportData } from "../permissions";
import { importData, type ImportCounts, type ImportOutcome } from "./data-import.server";
import { fieldFor, headerKey, IMPORT_FIELDS, IMPORT_FORMATS, type ImportField, type ImportFormat } from "./import-rows.server";

/** 10 MB: tens of thousands of rows. A bigger export is split into files (ideas, then votes and comments). */
export const IMPORT_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** How long an uploaded file waits for its next step. */
export const IMPORT_UPLOAD_TTL_MS = 60 * 60 * 1000;

interface StagedMeta {
  userId: number;
  /** The sign-in session's id, hashed; "" when the admin came with an API token. */
  session: string;
  format: ImportFormat;
  fileName: string;
  createdAt: number;
  /** Once imported: what the import did (the file itself is gone). */
  result?: ImportCounts;
}

export interface StagedImport {
  id: string;
  format: ImportFormat;
  fileName: string;
  /** The file's columns as written in it, each with the field the format maps it to. */
  columns: { name: string; field: ImportField }[];
  result: ImportCounts | null;
}

interface Caller {
  actor: SessionUser | null;
  /** The raw session id of the request (context.auth.sessionId). */
  sessionId: string | null;
}

const directory = () => path.join(env.dataDir, "imports");
const metaPath = (id: string) => path.join(directory(), `${id}.json`);
const csvPath = (id: string) => path.join(directory(), `${id}.csv`);
const sessionKey = (sessionId: string | null) => (sessionId ? sha256Hex(sessionId) : "");

function authorize(actor: SessionUser | null): SessionUser {
  if (!actor) throw unauthorized();
  if (!canImportData(actor)) throw forbidden();
  return actor;
}

/** The first record of `text`, read as the import reads it; null when it is not CSV. */
function headerOf(text: string): string[] | null {
  try {
    const [first] = parse(text, { bom: true, to_line: 1, relax_column_count: true }) as string[][];
    return first && first.some((h) => h.trim() !== "") ? first.map((h) => h.trim()) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps an uploaded file for the next steps and returns its id. 422 on the `file` field for no
 * file, an empty one, one that is not CSV text or one over IMPORT_FILE_MAX_BYTES; on `format`
 * for an unknown format.
 */
export async function stageImportFile(input: Caller & { file: File | null; format: unknown }): Promise<{ id: string }> {
  const actor = authorize(input.actor);
  const refuse = (key: Parameters<typeof localMessage>[0], field = "file") =>
    unprocessable({ [field]: translate(actor.locale, key, { max: IMPORT_FILE_MAX_BYTES / 1024 / 1024 }) });
  if (!(IMPORT_FORMATS as readonly unknown[]).includes(input.format)) throw refuse("import.error.format", "format");
  const file = input.file;
  if (!file || file.size === 0) throw refuse("import.error.empty");
  if (file.size > IMPORT_FILE_MAX_BYTES) throw refuse("import.error.tooLarge");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw refuse("import.error.notCsv");
  }
  if (text.trim() === "") throw refuse("import.error.empty");
  const csvName = /\.csv$/i.test(file.name) || /csv/i.test(file.type);
  if (!csvName || text.includes("\u0000") || !headerOf(text)) throw refuse("import.error.notCsv");
  await sweepImportFiles();
  const id = randomBytes(18).toString("base64url");
  const meta: StagedMeta = { userId: actor.id, session: sessionKey(input.sessionId), format: input.format as ImportFormat, fileName: file.name.slice(0, 200), createdAt: Date.now() };
  await fs.mkdir(directory(), { recursive: true });
  await fs.writeFile(csvPath(id), text, { mode: 0o600 });
  await fs.writeFile(metaPath(id), JSON.stringify(meta), { mode: 0o600 });
  return { id };
}

async function readMeta(id: string): Promise<StagedMeta | null> {
  if (!/^[\w-]{24}$/.test(id)) return null;
  try {
    const meta = JSON.parse(await fs.readFile(metaPath(id), "utf8")) as StagedMeta;
    return Date.now() - meta.createdAt > IMPORT_UPLOAD_TTL_MS ? null : meta;
  } catch {
    return null;
  }
}

/** The staged file `id` and its text: 404 when unknown, imported or expired, 403 when another admin's or another session's. */
async function loadStaged(input: Caller & { id: string }): Promise<{ meta: StagedMeta; text: string | null }> {
  const actor = authorize(input.actor);
  const meta = await readMeta(input.id);
  if (!meta) throw notFound(localMessage("import.error.gone"));
  if (meta.userId !== actor.id || meta.session !== sessionKey(input.sessionId)) throw forbidden();
  const text = meta.result ? null : await fs.readFile(csvPath(input.id), "utf8").catch(() => null);
  if (!meta.result && text === null) throw notFound(localMessage("import.error.gone"));
  return { meta, text };
}

/** What the page shows of a staged file: its columns with the format's mapping, or the import's result. */
export async function getStagedImport(input: Caller & { id: string }): Promise<StagedImport> {
  const { meta, text } = await loadStaged(input);
  const header = text === null ? [] : (headerOf(text) ?? []);
  const columns = header.map((name) => ({ name, field: fieldFor(meta.format, name) }));
  return { id: input.id, format: meta.format, fileName: meta.fileName, columns, result: meta.result ?? null };
}

/**
 * The mapping posted for a staged file's columns (`fields[i]` for its i-th column), as header key
 * → field; 422 when a field is not one of IMPORT_FIELDS or the count does not match the columns.
 */
function mappingFor(header: string[], fields: unknown, locale: SessionUser["locale"]): Record<string, ImportField> {
  const list = Array.isArray(fields) ? fields : [];
  const valid = list.length === header.length && list.every((f) => (IMPORT_FIELDS as readonly unknown[]).includes(f));
  if (!valid) throw unprocessable({ fields: translate(locale, "import.error.mapping") });
  return Object.fromEntries(header.map((name, i) => [headerKey(name), list[i] as ImportField]));
}

/** Runs the import of a staged file with the posted mapping: a dry run, or the real one (then the file is deleted and the result kept). */
export async function runStagedImport(input: Caller & { id: string; fields: unknown; dryRun: boolean }): Promise<ImportOutcome> {
  const { meta, text } = await loadStaged(input);
  if (text === null) throw notFound(localMessage("import.error.gone"));
  const actor = authorize(input.actor);
  const mapping = mappingFor(headerOf(text) ?? [], input.fields, actor.locale);
  const outcome = await importData({ actor, text, format: meta.format, mapping, dryRun: input.dryRun });
  if (outcome.ok && !outcome.dryRun) {
    await fs.writeFile(metaPath(input.id), JSON.stringify({ ...meta, result: outcome.counts } satisfies StagedMeta), { mode: 0o600 });
    await fs.rm(csvPath(input.id), { force: true });
  }
  return outcome;
}

/** Deletes every staged file (and result) older than IMPORT_UPLOAD_TTL_MS. */
export async function sweepImportFiles(now = Date.now()): Promise<number> {
  const names = await fs.readdir(directory()).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const file = path.join(directory(), name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > IMPORT_UPLOAD_TTL_MS) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
