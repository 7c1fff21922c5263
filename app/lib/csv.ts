/**
 * Writing CSV (RFC 4180): fields separated by commas, records by CRLF; a field with a comma, a
 * double quote, CR or LF is put in double quotes, with its quotes doubled. Reading CSV is
 * csv-parse's job (company and idea imports); the tests read what this writes back with it.
 *
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a formula, so a
 * title such as `=HYPERLINK("http://evil", "click")` written by anyone on the board could run in
 * the spreadsheet of the staff member who opened the export. Every text cell starting with one of
 * those characters gets a leading apostrophe, which spreadsheets show as text and do not compute
 * (OWASP's advice for CSV injection). Numbers, written by us, are left as they are.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted when it must be; text that a spreadsheet would compute gets a leading apostrophe. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString();
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ending with CRLF. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(",") + "\r\n";
}
