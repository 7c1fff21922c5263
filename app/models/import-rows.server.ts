/**
 * Reading an import file: the CSV parsed, each column mapped to a field (Canny's and Fider's
 * exports have ready mappings, any CSV can be mapped with `column=field`), every row checked
 * before anything is written, and problems named by the file's line. docs/import.md lists the
 * columns each format reads.
 */
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { z } from "zod";
import { translate, type Locale, type MessageKey, type Params } from "../i18n";
import { emailField, nameField } from "../schemas/auth";
import { commentBodyField, ideaBodyField, titleField } from "../schemas/ideas";
import { issueKey } from "../schemas/parse";
import type { IdeaStatus } from "../statuses";

export const IMPORT_FORMATS = ["canny", "fider", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What a column can be mapped to. */
export const IMPORT_FIELDS = ["type", "id", "idea", "title", "body", "board", "status", "email", "name", "created_at", "voters", "ignore"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A header as compared: lowercased, runs of spaces, dashes and underscores as one underscore. */
export const headerKey = (h: string) => h.trim().toLowerCase().replace(/[\s_-]+/g, "_");

/** The ready mappings (header key → field); `csv` reads the field names themselves. */
const MAPPINGS: Record<ImportFormat, Record<string, ImportField>> = {
  // Canny's posts export, and its votes and comments exports in the same file or separate ones.
  canny: {
    type: "type", id: "id", post_id: "idea", title: "title", details: "body", board: "board", board_name: "board", status: "status",
    author_email: "email", author_name: "name", voter_email: "email", voter_name: "name", email: "email", name: "name",
    created_at: "created_at", created: "created_at", date: "created_at", voters: "voters", voter_emails: "voters", value: "body", comment: "body",
  },
  // Fider's "Export posts" file (Site settings → Export).
  fider: { number: "id", title: "title", description: "body", created_at: "created_at", created_by: "name", status: "status" },
  csv: Object.fromEntries(IMPORT_FIELDS.map((f) => [f, f])) as Record<string, ImportField>,
};

/** The field `format`'s ready mapping reads the column `header` as ("ignore" when none). */
export const fieldFor = (format: ImportFormat, header: string): ImportField => MAPPINGS[format][headerKey(header)] ?? "ignore";

/** How other boards' statuses read here (keys compared like headers); any of ours reads as itself. */
const STATUS_WORDS: Record<string, IdeaStatus> = {
  open: "open", under_review: "under_review", planned: "planned", in_progress: "in_progress", started: "in_progress",
  complete: "shipped", completed: "shipped", shipped: "shipped", done: "shipped", closed: "declined", declined: "declined", duplicate: "declined",
};

export type ImportRow =
  | { line: number; type: "idea"; id: string; title: string; body: string; board: string | null; status: IdeaStatus; email: string | null; name: string | null; createdAt: Date | null; voters: string[] }
  | { line: number; type: "vote"; idea: string; email: string; name: string | null; createdAt: Date | null }
  | { line: number; type: "comment"; id: string; idea: string; body: string; email: string | null; name: string | null; createdAt: Date | null };

/** Why a row cannot be imported; each code is a catalog key `import.problem.<code>`. */
export type ImportProblemCode =
  | "notCsv" | "noRows" | "badDate" | "invalidField" | "missingIdeaId" | "badStatus" | "badVoter" | "missingIdea"
  | "missingVoterEmail" | "missingCommentId" | "badType" | "duplicateId" | "unknownIdea" | "deletedIdea" | "refused";

interface Fault {
  code: ImportProblemCode;
  params: Params;
  /** For `invalidField`: the schema's own message, put in as `{reason}`. */
  reason?: { key: MessageKey; params: Params };
}

/** A problem on a line of the file: its code and parameters (for any language), and in English (for the command line). */
export interface ImportProblem extends Fault {
  line: number;
  message: string;
}

/** A problem in `locale`. */
export function problemText(locale: Locale, fault: Fault): string {
  const params: Params = { ...fault.params };
  if (fault.reason) params.reason = translate(locale, fault.reason.key, fault.reason.params);
  if (params.type === "idea" || params.type === "vote" || params.type === "comment") params.type = translate(locale, `import.kind.${params.type}`);
  return translate(locale, `import.problem.${fault.code}`, params);
}

export function importProblem(line: number, code: ImportProblemCode, params: Params = {}, reason?: Fault["reason"]): ImportProblem {
  const fault: Fault = reason ? { code, params, reason } : { code, params };
  return { line, ...fault, message: problemText("en", fault) };
}

const fault = (code: ImportProblemCode, params: Params = {}): Fault => ({ code, params });

export const MAX_IMPORT_PROBLEMS = 50;

/** `column=field,…` as given to --map, into header key → field; a problem names what is wrong. */
export function parseMapping(text: string): { ok: true; mapping: Record<string, ImportField> } | { ok: false; message: string } {
  const mapping: Record<string, ImportField> = {};
  for (const pair of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [column, field] = pair.split("=").map((s) => s?.trim());
    if (!column || !field) return { ok: false, message: `"${pair}" is not column=field.` };
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) return { ok: false, message: `"${field}" is not a field: use one of ${IMPORT_FIELDS.join(", ")}.` };
    mapping[headerKey(column)] = field as ImportField;
  }
  return { ok: true, mapping };
}

const emailList = (value: string) => value.split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);

function when(value: string | undefined): Date | null | "bad" {
  if (!value?.trim()) return null;
  const at = new Date(value.trim());
  return Number.isNaN(at.getTime()) ? "bad" : at;
}

/** Opens the file afresh: the importer reads it more than once (checking, then writing), never all at once. */
export type ImportSource = () => Readable;

/** The file as text (an upload, a request body, a test). */
export const textSource = (text: string): ImportSource => () => Readable.from([text]);

export type ImportItem =
  | { kind: "columns"; ignored: string[] }
  | { kind: "row"; row: ImportRow }
  | { kind: "problem"; problem: ImportProblem };

/**
 * The file's rows in `format`, with `extra` mapping columns over the format's own, one at a time
 * as they are parsed: first the columns no mapping names (ignored), then each row or the problem
 * that keeps it out, by line. A file that is not CSV ends with a problem.
 */
export async function* readImportRows(open: ImportSource, format: ImportFormat, extra: Record<string, ImportField> = {}): AsyncGenerator<ImportItem> {
  const mapping = { ...MAPPINGS[format], ...extra };
  let fieldOf = new Map<string, ImportField>();
  const parser = open().pipe(
    parse({
      columns: (h: string[]) => {
        const header = h.map(headerKey);
        fieldOf = new Map(header.map((k) => [k, mapping[k] ?? "ignore"]));
        return header;
      },
      bom: true, skip_empty_lines: true, info: true, relax_quotes: false,
    }),
  );
  let records = 0;
  // A voter's address comes back on every vote: checked once per reading (the cache is bounded).
  const emails = new Map<string, ReturnType<typeof field<typeof emailField>>>();
  const emailOf = (value: string) => {
    let checked = emails.get(value);
    if (!checked) {
      if (emails.size >= 100_000) emails.clear();
      emails.set(value, (checked = field(emailField, value, "email")));
    }
    return checked;
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (records++ === 0) yield { kind: "columns", ignored: [...fieldOf].filter(([, f]) => f === "ignore").map(([h]) => h) };
      const f: Partial<Record<ImportField, string>> = {};
      for (const [column, value] of Object.entries(record)) {
        const field = fieldOf.get(column);
        if (field && field !== "ignore" && value !== "" && f[field] === undefined) f[field] = value;
      }
      const checked = checkRow(info.lines, f, emailOf);
      yield "type" in checked ? { kind: "row", row: checked } : { kind: "problem", problem: importProblem(info.lines, checked.code, checked.params, checked.reason) };
    }
  } catch (error) {
    yield { kind: "problem", problem: importProblem(Number((error as { lines?: number }).lines) || 1, "notCsv", { detail: (error as Error).message }) };
    return;
  }
  if (records === 0) yield { kind: "problem", problem: importProblem(1, "noRows") };
}

function field<S extends z.ZodTypeAny>(schema: S, value: unknown, name: string): { ok: true; value: z.output<S> } | ({ ok: false } & Fault) {
  const result = schema.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, code: "invalidField", params: { field: name }, reason: issueKey(result.error.issues[0]) };
}

function checkRow(line: number, f: Partial<Record<ImportField, string>>, emailOf: (value: string) => ReturnType<typeof field<typeof emailField>>): ImportRow | Fault {
  // Without a type column: a row with a title is an idea, one with a body a comment, else a vote.
  const type = (f.type ?? (f.title !== undefined ? "idea" : f.body !== undefined && f.idea !== undefined ? "comment" : f.idea !== undefined ? "vote" : "idea")).trim().toLowerCase();
  const createdAt = when(f.created_at);
  if (createdAt === "bad") return fault("badDate", { value: f.created_at ?? "" });
  const email = f.email === undefined ? null : emailOf(f.email);
  if (email && !email.ok) return email;
  const name = f.name === undefined ? null : field(nameField, f.name, "name");
  if (name && !name.ok) return name;
  const person = { email: email?.value ?? null, name: name?.value ?? null, createdAt };
  if (type === "idea") {
    if (!f.id?.trim()) return fault("missingIdeaId");
    const title = field(titleField, f.title, "title");
    if (!title.ok) return title;
    const body = field(ideaBodyField, f.body ?? "", "body");
    if (!body.ok) return body;
    const status = f.status ? STATUS_WORDS[headerKey(f.status)] : "open";
    if (!status) return fault("badStatus", { value: f.status ?? "" });
    const voters = emailList(f.voters ?? "");
    const badVoter = voters.find((v) => !emailOf(v).ok);
    if (badVoter) return fault("badVoter", { value: badVoter });
    return { line, type, id: f.id.trim(), title: title.value, body: body.value, board: f.board?.trim() || null, status, voters, ...person };
  }
  if (!f.idea?.trim()) return fault("missingIdea", { type });
  if (type === "vote") {
    if (!person.email) return fault("missingVoterEmail");
    return { line, type, idea: f.idea.trim(), ...person, email: person.email };
  }
  if (type === "comment") {
    if (!f.id?.trim()) return fault("missingCommentId");
    const body = field(commentBodyField, f.body, "body");
    if (!body.ok) return body;
    return { line, type, id: f.id.trim(), idea: f.idea.trim(), body: body.value, ...person };
  }
  return fault("badType", { value: f.type ?? "" });
}
