/**
 * The one error type the app throws on purpose. Models (and the few lib helpers that refuse
 * input, such as the body readers and the rate limiter) throw an AppError; they never build an
 * HTTP response. One place turns it into an answer: `errorResponse()` in http.server.ts for the
 * JSON API and error pages, `formResult()` in forms.server.ts for a page form's field messages.
 */
import type { z } from "zod";
import { translate, type Locale, type MessageKey, type Params } from "../i18n";
import { parseInput, type FieldErrors } from "../schemas/parse";

export type AppErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "blocked"
  | "comments_locked"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "validation_failed"
  | "rate_limited"
  | "internal_error";

/** A message kept as its catalog key, so the answer can say it in the reader's language. */
export interface LocalMessage {
  key: MessageKey;
  params?: Params;
}

export const localMessage = (key: MessageKey, params?: Params): LocalMessage => ({ key, params });

export class AppError extends Error {
  readonly status: number;
  /** The message's catalog key: the answer is translated into the request's language (`message` is the English). */
  readonly local?: LocalMessage;
  readonly code: AppErrorCode;
  readonly fields?: FieldErrors;
  /** For 429: how long to wait, sent as Retry-After. */
  readonly retryAfterSeconds?: number;
  /** For 405: the methods the resource answers, sent as Allow. */
  readonly allow?: readonly string[];
  /**
   * The input did not match its schema (as opposed to a rule the model checked on input that
   * did). The API answers both 422; a page form answers this one 400 (see formResult).
   */
  readonly invalidInput?: boolean;

  constructor(
    status: number,
    code: AppErrorCode,
    message: string | LocalMessage,
    extra: { fields?: FieldErrors; retryAfterSeconds?: number; allow?: readonly string[]; invalidInput?: boolean } = {},
  ) {
    super(typeof message === "string" ? message : translate("en", message.key, message.params));
    if (typeof message !== "string") this.local = message;
    this.name = "AppError";
    this.status = status;
    this.code = code;
    if (extra.fields) this.fields = extra.fields;
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds;
    if (extra.allow) this.allow = extra.allow;
    if (extra.invalidInput) this.invalidInput = true;
  }

  /** The message in `locale` (the English one when it was given as text). */
  messageIn(locale: Locale): string {
    return this.local ? translate(locale, this.local.key, this.local.params) : this.message;
  }

  /** The JSON API's error body: `code` is stable, `message` is in the reader's language. */
  toJSON(locale: Locale = "en"): { error: { code: AppErrorCode; message: string; fields?: FieldErrors } } {
    return { error: { code: this.code, message: this.messageIn(locale), ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

const msg = localMessage;

export const badRequest = (message: string | LocalMessage = msg("error.badRequest.title"), fields?: FieldErrors) => new AppError(400, "bad_request", message, { fields });
export const unauthorized = (message: string | LocalMessage = msg("error.unauthenticated")) => new AppError(401, "unauthorized", message);
export const forbidden = (message: string | LocalMessage = msg("error.forbidden.body")) => new AppError(403, "forbidden", message);
/** The person was blocked by an admin: a 403 that says so, with its own code for API clients. */
export const blocked = () => new AppError(403, "blocked", msg("error.blocked"));
/** Staff locked the idea's comments: only staff may still comment there. */
export const commentsLocked = () => new AppError(403, "comments_locked", msg("comments.locked"));
export const notFound = (message: string | LocalMessage = msg("error.notFound.body")) => new AppError(404, "not_found", message);
export const methodNotAllowed = (allow: readonly string[]) =>
  new AppError(405, "method_not_allowed", msg("error.methodNotAllowed"), { allow });
export const conflict = (message: string | LocalMessage, fields?: FieldErrors) => new AppError(409, "conflict", message, { fields });
export const payloadTooLarge = (message: string | LocalMessage = msg("error.tooLarge")) => new AppError(413, "payload_too_large", message);
export const unprocessable = (fields: FieldErrors, message: string | LocalMessage = msg("error.validation")) =>
  new AppError(422, "validation_failed", message, { fields });
export const invalidInput = (fields: FieldErrors) => new AppError(422, "validation_failed", msg("error.validation"), { fields, invalidInput: true });
export const tooManyRequests = (retryAfterSeconds: number, message: string | LocalMessage = msg("error.rateLimited.body", { seconds: retryAfterSeconds })) =>
  new AppError(429, "rate_limited", message, { retryAfterSeconds });
export const internalError = () => new AppError(500, "internal_error", msg("error.body"));

/**
 * Validates raw input (a form, a JSON body, a query) with its shared schema: the parsed value, or
 * an invalidInput AppError with a message per field in `locale`. Models call it once, on what
 * the route handed them as it came.
 */
export function parseOrRefuse<S extends z.ZodTypeAny>(schema: S, input: unknown, locale: Locale): z.output<S> {
  const parsed = parseInput(schema, input, locale);
  if (!parsed.ok) throw invalidInput(parsed.errors);
  return parsed.data;
}
