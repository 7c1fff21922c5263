/**
 * Answers for page forms that must keep what the person typed. Without JavaScript the page is
 * rendered afresh after a failed post, so the submitted text goes back with the errors; `form`
 * says which of several forms on one page the errors belong to.
 */
import { json, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import type { Locale } from "../i18n";
import { formToObject, parseInput, type FieldErrors } from "../schemas/parse";
import { readFormData } from "./http.server";
import { requestLocale } from "./locale.server";

export interface PageFormResult {
  form: string;
  errors?: FieldErrors;
  formError?: string;
  values?: Record<string, string>;
}

/** Statuses a model throws for input it refuses; they are shown on the form, not as an error page. */
const FORM_STATUSES = new Set([400, 409, 413, 422, 429]);

export async function readPageForm(request: Request, context: AppLoadContext): Promise<{ raw: Record<string, unknown>; locale: Locale }> {
  return { raw: formToObject(await readFormData(request)), locale: requestLocale(request, context) };
}

function textValues(raw: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === "string") values[key] = value;
  return values;
}

/** Validates `raw` with a shared schema; on failure, the 400 answer to return. */
export function validatePageForm<S extends z.ZodTypeAny>(
  form: string,
  schema: S,
  raw: Record<string, unknown>,
  locale: Locale,
): { ok: true; data: z.output<S> } | { ok: false; response: Response } {
  const parsed = parseInput(schema, raw, locale);
  if (parsed.ok) return parsed;
  return { ok: false, response: json<PageFormResult>({ form, errors: parsed.errors, values: textValues(raw) }, { status: 400 }) };
}

/**
 * Turns a Response thrown by a model for refused input (422 fields, 409 conflict, 429 rate limit)
 * into form errors; anything else (403, 404, bugs) is rethrown for the error boundary.
 */
export async function formErrorFromModel(error: unknown, form: string, raw: Record<string, unknown>): Promise<Response> {
  if (!(error instanceof Response) || !FORM_STATUSES.has(error.status)) throw error;
  const body = (await error.json().catch(() => null)) as { error?: { message?: string; fields?: FieldErrors } } | null;
  const result: PageFormResult = { form, errors: body?.error?.fields, formError: body?.error?.message, values: textValues(raw) };
  const headers = error.headers.get("Retry-After") ? { "Retry-After": error.headers.get("Retry-After")! } : undefined;
  return json(result, { status: error.status, headers });
}
