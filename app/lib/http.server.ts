/**
 * HTTP answers shared by pages and the JSON API. Errors are thrown as Responses whose body is the
 * API error shape `{ error: { code, message, fields? } }`: an API route returns them as they are,
 * and a page's ErrorBoundary shows a friendly page for the status.
 */
import { json, redirect } from "@remix-run/node";
import { translate, type MessageKey, type Params } from "../i18n";
import type { FieldErrors } from "../schemas/parse";

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: FieldErrors };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: { fields?: FieldErrors; headers?: HeadersInit } = {},
): Response {
  const body: ApiErrorBody = { error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}) } };
  return json(body, { status, headers: extra.headers });
}

const msg = (key: MessageKey, params?: Params) => translate("en", key, params);

export const badRequest = (message = msg("error.badRequest.title"), fields?: FieldErrors) =>
  errorResponse(400, "bad_request", message, { fields });
export const unauthorized = (message = msg("error.unauthenticated")) => errorResponse(401, "unauthorized", message);
export const forbidden = (message = msg("error.forbidden.body")) => errorResponse(403, "forbidden", message);
export const notFound = (message = msg("error.notFound.body")) => errorResponse(404, "not_found", message);
export const conflict = (message: string, fields?: FieldErrors) => errorResponse(409, "conflict", message, { fields });
export const payloadTooLarge = (message = msg("error.tooLarge")) => errorResponse(413, "payload_too_large", message);
export const unprocessable = (fields: FieldErrors, message = msg("error.validation")) =>
  errorResponse(422, "validation_failed", message, { fields });
export const tooManyRequests = (retryAfterSeconds: number) =>
  errorResponse(429, "rate_limited", msg("error.rateLimited.body", { seconds: retryAfterSeconds }), {
    headers: { "Retry-After": String(retryAfterSeconds) },
  });

export function isResponse(value: unknown): value is Response {
  return value instanceof Response;
}

/**
 * A redirect target from user input: only same-origin absolute paths ("/x", not "//evil" or
 * "/\\evil" or "https://…"); anything else falls back.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(to)) return fallback;
  try {
    const url = new URL(to, "http://loopboard.invalid");
    if (url.origin !== "http://loopboard.invalid") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, init?: ResponseInit) {
  return redirect(safeRedirectPath(to), init);
}

const DEFAULT_MAX_JSON_BYTES = 64 * 1024;

/**
 * Reads a JSON body with a size cap, before anything is written: 413 when too large, 400 when
 * not JSON or not an object.
 */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_JSON_BYTES): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw payloadTooLarge();
  const buffer = await readLimited(request, maxBytes);
  if (buffer.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(buffer));
  } catch {
    throw badRequest(msg("error.invalidJson"));
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw badRequest(msg("error.invalidJson"));
  return parsed as Record<string, unknown>;
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw payloadTooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Reads form data with a size cap (413 over it), so a huge post is refused before any write. */
export async function readFormData(request: Request, maxBytes = 256 * 1024): Promise<FormData> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw payloadTooLarge();
  const buffer = await readLimited(request, maxBytes);
  const type = request.headers.get("content-type") ?? "application/x-www-form-urlencoded";
  return new Response(buffer as unknown as BodyInit, { headers: { "content-type": type } }).formData().catch(() => {
    throw badRequest();
  });
}
