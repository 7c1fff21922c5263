/** Plumbing shared by the JSON API routes (app/routes/api.v1.*.ts). */
import type { z } from "zod";
import type { Locale } from "../i18n";
import { parseInput } from "../schemas/parse";
import { unprocessable } from "./errors.server";
import { readJsonBody } from "./http.server";

/**
 * The largest JSON body the API reads: a 20,000-character idea body at up to 4 bytes a character,
 * with room for the title, the field names and escapes. Anything larger is a 413 before any write.
 */
export const API_JSON_MAX_BYTES = 100 * 1024;

/** Reads a JSON object body: 413 too large, 400 not a JSON object. Validation is the model's. */
export function readApiBody(request: Request): Promise<Record<string, unknown>> {
  return readJsonBody(request, API_JSON_MAX_BYTES);
}

/** Validates input that no model validates (e.g. a list's query string): 422 with field messages. */
export function validateApiInput<S extends z.ZodTypeAny>(schema: S, input: unknown, locale: Locale = "en"): z.output<S> {
  const parsed = parseInput(schema, input, locale);
  if (!parsed.ok) throw unprocessable(parsed.errors);
  return parsed.data;
}

/** The query string as a plain object (the last value of a repeated parameter wins). */
export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

