/**
 * Page forms: read a post (size-capped), validate it with a shared schema, and answer a refusal
 * on the form itself (field messages, the text as typed) rather than as an error page.
 */
import { json, redirect, type ActionFunctionArgs, type AppLoadContext, type TypedResponse } from "@remix-run/node";
import type { z } from "zod";
import { translate, type Locale } from "../i18n";
import { EmailOnlyForm } from "../schemas/auth";
import { formToObject, parseInput, type FormResult } from "../schemas/parse";
import { accountPath, formatPendingAction, parsePendingAction } from "../schemas/pending-action";
import type { SessionUser } from "./auth.server";
import { AppError, badRequest, tooManyRequests } from "./errors.server";
import { errorResponse, readFormData, safeRedirectPath } from "./http.server";
import { requestLocale } from "./locale.server";
import { consumeAll, type Bucket } from "./rate-limit.server";
import { ideaNumberParam } from "./route-params.server";
import { readUploadForm } from "./uploads.server";

export type { FormResult } from "../schemas/parse";

/** Refusals shown on the form; anything else (403, 404, …) is an error page. */
const FORM_STATUSES = new Set([400, 409, 413, 422, 429]);

export interface PostedForm {
  /** Every text field (last value wins; `name[]` fields collect arrays). */
  raw: Record<string, unknown>;
  locale: Locale;
}

export async function readForm(request: Request, context: AppLoadContext): Promise<PostedForm> {
  return { raw: formToObject(await readFormData(request)), locale: requestLocale(request, context) };
}

/**
 * readForm() for a form that may carry screenshots (multipart/form-data): the text fields, the
 * chosen files, and the refusal when a file was over the size or count limits (an AppError on
 * the `attachments` field, for formResult() with the text as typed).
 */
export async function readUploadPost(request: Request, context: AppLoadContext): Promise<PostedForm & { files: File[]; refusal: AppError | null }> {
  const locale = requestLocale(request, context);
  const { form, files, refusal } = await readUploadForm(request, locale);
  return { raw: formToObject(form), locale, files, refusal };
}

/** The typed text to send back with a refusal; passwords never travel back. */
function typedValues(raw: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === "string" && !/password/i.test(key)) values[key] = value;
  return values;
}

/**
 * An AppError as a page form's answer: field messages and the form's own message, with the
 * status (and Retry-After for 429). Refusals that are not about the input rethrow as their HTTP
 * answer (the error page); anything that is not an AppError is rethrown as it is.
 */
export function formResult(error: unknown, raw: Record<string, unknown>, form?: string, locale: Locale = "en"): TypedResponse<FormResult> {
  if (!(error instanceof AppError)) throw error;
  if (!FORM_STATUSES.has(error.status)) throw errorResponse(error, locale);
  const result: FormResult = { ...(form ? { form } : {}), errors: error.fields, formError: error.messageIn(locale), values: typedValues(raw) };
  const headers = error.retryAfterSeconds !== undefined ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
  // A post whose fields do not parse is a malformed request; what the model refused is 422.
  return json(result, { status: error.invalidInput ? 400 : error.status, headers });
}

/** Validates a posted form with a shared schema; on failure, the 400 answer to return. */
export function parseForm<S extends z.ZodTypeAny>(
  schema: S,
  posted: PostedForm,
  form?: string,
): { ok: true; data: z.output<S> } | { ok: false; response: TypedResponse<FormResult> } {
  const parsed = parseInput(schema, posted.raw, posted.locale);
  if (parsed.ok) return parsed;
  const result: FormResult = { ...(form ? { form } : {}), errors: parsed.errors, values: typedValues(posted.raw) };
  return { ok: false, response: json(result, { status: 400 }) };
}

/** readForm() and parseForm() in one, for pages with a single form. */
export async function parseFormRequest<S extends z.ZodTypeAny>(
  request: Request,
  context: AppLoadContext,
  schema: S,
): Promise<({ ok: true; data: z.output<S> } | { ok: false; response: TypedResponse<FormResult> }) & PostedForm> {
  const posted = await readForm(request, context);
  return { ...posted, ...parseForm(schema, posted) };
}

/** Spends a point in each bucket; over a limit, the 429 answer shown above the form. */
export async function formRateLimit(pairs: Array<[Bucket, string]>, locale: Locale): Promise<TypedResponse<FormResult> | null> {
  const limited = await consumeAll(pairs);
  if (!limited) return null;
  return formResult(tooManyRequests(limited.retryAfter), {}, undefined, locale);
}

/**
 * The action of an "email me a link" page: validate the address, apply the per-IP and
 * per-address limits, send, and answer the same confirmation whether or not the address has an
 * account.
 */
export async function emailRequestAction(
  request: Request,
  context: AppLoadContext,
  send: (input: { email: string; locale: Locale }) => Promise<void>,
  sentMessage: "auth.link.sent" | "auth.forgot.sent",
): Promise<TypedResponse<FormResult & { sent?: string }>> {
  const parsed = await parseFormRequest(request, context, EmailOnlyForm);
  if (!parsed.ok) return parsed.response;
  const { email } = parsed.data;
  const limited = await formRateLimit([["emailLinkIp", context.clientIp], ["emailLinkAddress", email]], parsed.locale);
  if (limited) return limited;
  await send({ email, locale: parsed.locale });
  return json({ sent: translate(parsed.locale, sentMessage, { email }) });
}

/**
 * Where sign-in or sign-up goes afterwards, from a query string or a posted form: a same-origin
 * path (anything else becomes "/") and a pending action such as "vote:42" (anything else is
 * dropped).
 */
export function readNextStep(values: Record<string, unknown> | URLSearchParams): { redirectTo: string; then: string | null } {
  const source = values instanceof URLSearchParams ? Object.fromEntries(values) : values;
  const then = parsePendingAction(source.then);
  return { redirectTo: safeRedirectPath(source.redirectTo), then: then ? formatPendingAction(then) : null };
}

/**
 * The action behind a toggle button on an idea (vote, follow): `intent` is one of the two given.
 * A fetcher post (marked `via=fetcher` by the button) is answered with JSON, a refusal included,
 * so it shows next to the button; a plain form post (no JavaScript) is redirected back to the
 * page it came from, at `anchor`. Signed out, it goes to sign-in and back to the idea, where what
 * was pressed (`pendingOn`) is done once the person is in.
 */
export async function toggleFormAction<Result>(
  { request, context, params }: ActionFunctionArgs,
  options: {
    on: string;
    off: string;
    anchor: (number: number) => string;
    toggle: (actor: SessionUser, number: number, on: boolean) => Promise<Result>;
    /** What to finish after sign-in when a signed-out person turns this on (see schemas/pending-action.ts). */
    pendingOn?: (number: number) => string;
  },
): Promise<TypedResponse<Result | { error: string }>> {
  const number = ideaNumberParam(params.number);
  const form = await readFormData(request);
  const back = safeRedirectPath(form.get("redirectTo"), `/ideas/${number}`);
  const actor = context.auth.user;
  const intent = form.get("intent");
  if (!actor) {
    const then = intent === options.on && options.pendingOn ? options.pendingOn(number) : null;
    // With something to finish, back to the idea itself, where the person sees it done.
    throw redirect(accountPath("/login", then ? `/ideas/${number}#${options.anchor(number)}` : back, then));
  }
  if (intent !== options.on && intent !== options.off) throw badRequest();
  const viaFetcher = form.get("via") === "fetcher";
  try {
    const result = await options.toggle(actor, number, intent === options.on);
    return viaFetcher ? json(result) : redirect(`${back.split("#")[0]}#${options.anchor(number)}`);
  } catch (error) {
    if (!viaFetcher || !(error instanceof AppError) || error.status >= 500) throw error;
    return json({ error: error.messageIn(requestLocale(request, context)) }, { status: error.status });
  }
}
