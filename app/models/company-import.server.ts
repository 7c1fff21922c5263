/**
 * Companies from a CSV file (the admin page's import): every row is checked first, and either
 * all rows are written in one transaction or none is. Problems are reported with the file's line
 * numbers. The columns are in docs/companies-csv.md.
 */
import { parse } from "csv-parse/sync";
import { translate, type Locale } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { AppError, forbidden, unauthorized } from "../lib/errors.server";
import { canManageCompanies } from "../permissions";
import { CompanyFormInput } from "../schemas/companies";
import { parseInput } from "../schemas/parse";
import { checkAttributes, listAttributeDefinitions, writeCompany, type AttributeValue } from "./companies.server";

/** 2 MB: tens of thousands of companies; a bigger file is split. */
export const COMPANY_CSV_MAX_BYTES = 2 * 1024 * 1024;
export const COMPANY_CSV_MAX_ROWS = 20_000;

/** The columns the import reads (any other column must name a custom attribute). */
const COLUMNS: Record<string, string> = {
  external_id: "externalId",
  name: "name",
  plan: "plan",
  monthly_revenue: "monthlyRevenue",
  segment: "segment",
  domains: "domains",
};

export interface ImportProblem {
  line: number;
  message: string;
}

export type ImportResult = { ok: true; created: number; updated: number } | { ok: false; problems: ImportProblem[] };

const MAX_PROBLEMS = 50;

/**
 * Imports `text` (CSV with a header row). Staff only. On any problem nothing is written and the
 * problems (at most 50, by line) are returned.
 */
export async function importCompanies(input: { actor: SessionUser | null; text: string }): Promise<ImportResult> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canManageCompanies(actor)) throw forbidden();
  const locale = actor.locale;
  const problem = (line: number, message: string): ImportResult => ({ ok: false, problems: [{ line, message }] });
  if (Buffer.byteLength(input.text) > COMPANY_CSV_MAX_BYTES) return problem(1, translate(locale, "companies.import.tooLarge"));

  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(input.text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: false, info: true });
  } catch (error) {
    const line = Number((error as { lines?: number }).lines) || 1;
    return problem(line, translate(locale, "companies.import.unreadable", { reason: (error as Error).message }));
  }
  if (records.length === 0) return problem(1, translate(locale, "companies.import.empty"));
  if (records.length > COMPANY_CSV_MAX_ROWS) return problem(1, translate(locale, "companies.import.tooMany", { max: COMPANY_CSV_MAX_ROWS }));

  const definitions = await listAttributeDefinitions();
  const attributeKeys = new Set(definitions.map((d) => d.key));
  const header = Object.keys(records[0].record);
  const unknown = header.filter((h) => !(h in COLUMNS) && !attributeKeys.has(h));
  if (unknown.length > 0) return problem(1, translate(locale, "companies.import.unknownColumn", { column: unknown[0] }));
  if (!header.includes("external_id") || !header.includes("name")) return problem(1, translate(locale, "companies.import.missingColumns"));

  const rows = checkRows(records, definitions, header, locale);
  if (!rows.ok) return rows;
  try {
    return await db.transaction(async (tx) => {
      let created = 0;
      for (const row of rows.rows) {
        try {
          const result = await writeCompany(tx, row.externalId, row.changes, locale);
          created += result.created ? 1 : 0;
        } catch (error) {
          // A domain another company has: name the line, and the transaction rolls back.
          if (error instanceof AppError && error.status === 409) throw new RowRefused(row.line, error.messageIn(locale));
          throw error;
        }
      }
      return { ok: true as const, created, updated: rows.rows.length - created };
    });
  } catch (error) {
    if (error instanceof RowRefused) return problem(error.line, error.message);
    throw error;
  }
}

class RowRefused extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

type CheckedRow = { line: number; externalId: string; changes: Parameters<typeof writeCompany>[2] };

function checkRows(
  records: { record: Record<string, string>; info: { lines: number } }[],
  definitions: Awaited<ReturnType<typeof listAttributeDefinitions>>,
  header: string[],
  locale: Locale,
): { ok: true; rows: CheckedRow[] } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const rows: CheckedRow[] = [];
  const seenIds = new Map<string, number>();
  const seenDomains = new Map<string, number>();
  for (const { record, info } of records) {
    if (problems.length >= MAX_PROBLEMS) break;
    const line = info.lines;
    const fields: Record<string, unknown> = {};
    const rawAttributes: Record<string, unknown> = {};
    for (const column of header) {
      if (column in COLUMNS) fields[COLUMNS[column]] = record[column];
      else rawAttributes[column] = record[column];
    }
    const parsed = parseInput(CompanyFormInput, fields, locale);
    const { values, errors } = checkAttributes(definitions, rawAttributes, { fromText: true, locale });
    const messages = [...(parsed.ok ? [] : Object.values(parsed.errors)), ...Object.values(errors)];
    if (!parsed.ok || messages.length > 0) {
      problems.push({ line, message: messages.join(" ") });
      continue;
    }
    const { externalId, monthlyRevenue, domains, ...rest } = parsed.data;
    const earlier = seenIds.get(externalId);
    if (earlier !== undefined) {
      problems.push({ line, message: translate(locale, "companies.import.duplicate", { externalId, line: earlier }) });
      continue;
    }
    seenIds.set(externalId, line);
    const clash = (domains ?? []).find((d) => seenDomains.has(d));
    if (clash) {
      problems.push({ line, message: translate(locale, "companies.import.domainTwice", { domain: clash, line: seenDomains.get(clash)! }) });
      continue;
    }
    for (const d of domains ?? []) seenDomains.set(d, line);
    const attributes: Record<string, AttributeValue> | undefined = header.some((h) => !(h in COLUMNS)) ? values : undefined;
    rows.push({ line, externalId, changes: { ...rest, domains, monthlyRevenueCents: monthlyRevenue, attributes } });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
