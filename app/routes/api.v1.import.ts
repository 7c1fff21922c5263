import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { translate } from "../i18n";
import { requireUser } from "../lib/auth.server";
import { forbidden, invalidInput, methodNotAllowed, payloadTooLarge } from "../lib/errors.server";
import { readLimited } from "../lib/http.server";
import { requestLocale } from "../lib/locale.server";
import { importData } from "../models/data-import.server";
import { IMPORT_FIELDS, IMPORT_FORMATS, parseMapping, problemText, type ImportFormat } from "../models/import-rows.server";
import { IMPORT_FILE_MAX_BYTES } from "../models/import-uploads.server";
import { canImportData } from "../permissions";

/**
 * POST /api/v1/import?format=canny|fider|csv[&dryRun=1][&map=Column=field,…] with the CSV file as
 * the body (admins) → { dryRun, counts, ignoredColumns }, or 422 with the problems by line.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  if (!canImportData(actor)) throw forbidden();
  const locale = requestLocale(request, context);
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "";
  if (!(IMPORT_FORMATS as readonly string[]).includes(format)) throw invalidInput({ format: translate(locale, "import.error.format") });
  const mapping = parseMapping(url.searchParams.get("map") ?? "");
  if (!mapping.ok) throw invalidInput({ map: translate(locale, "import.error.map", { fields: IMPORT_FIELDS.join(", ") }) });
  if (Number(request.headers.get("content-length") ?? "0") > IMPORT_FILE_MAX_BYTES) throw payloadTooLarge();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await readLimited(request, IMPORT_FILE_MAX_BYTES));
  } catch (error) {
    if (error instanceof TypeError) throw invalidInput({ body: translate(locale, "import.error.notCsv") });
    throw error;
  }
  const dryRun = ["1", "true"].includes(url.searchParams.get("dryRun") ?? "");
  const outcome = await importData({ actor, text, format: format as ImportFormat, mapping: mapping.mapping, dryRun });
  if (outcome.ok) return json({ dryRun: outcome.dryRun, counts: outcome.counts, ignoredColumns: outcome.ignoredColumns });
  const problems = outcome.problems.map((p) => ({ line: p.line, code: p.code, message: problemText(locale, p) }));
  return json({ error: { code: "validation_failed", message: translate(locale, "import.problems"), problems } }, { status: 422 });
}
