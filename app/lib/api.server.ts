/** Plumbing shared by the JSON API routes (app/routes/api.v1.*.ts). */
import type { z } from "zod";
import { translate } from "../i18n";
import { parseInput } from "../schemas/parse";
import { errorResponse, readJsonBody, unprocessable } from "./http.server";

/**
 * The largest JSON body the API reads: a 20,000-character idea body at up to 4 bytes a character,
 * with room for the title, the field names and escapes. Anything larger is a 413 before any write.
 */
export const API_JSON_MAX_BYTES = 100 * 1024;

/** Reads and validates a JSON body: 413 too large, 400 not a JSON object, 422 with field messages. */
export async function readApiInput<S extends z.ZodTypeAny>(request: Request, schema: S): Promise<z.output<S>> {
  const body = await readJsonBody(request, API_JSON_MAX_BYTES);
  return validateApiInput(schema, body);
}

/** Validates already-read input (e.g. the query string): 422 with field messages. */
export function validateApiInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed = parseInput(schema, input, "en");
  if (!parsed.ok) throw unprocessable(parsed.errors);
  return parsed.data;
}

/** 405 with an Allow header, for a method the resource does not support. */
export function methodNotAllowed(allowed: string[]): Response {
  return errorResponse(405, "method_not_allowed", translate("en", "error.methodNotAllowed"), { headers: { Allow: allowed.join(", ") } });
}

/** The query string as a plain object (the last value of a repeated parameter wins). */
export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
