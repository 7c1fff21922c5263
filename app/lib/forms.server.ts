/** Page-form plumbing shared by actions: read (size-capped), validate, and answer errors. */
import { json, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { translate, type Locale } from "../i18n";
import { EmailOnlyForm } from "../schemas/auth";
import { formToObject, parseInput, type FieldErrors } from "../schemas/parse";
import { readFormData } from "./http.server";
import { requestLocale } from "./locale.server";
import { consumeAll, type Bucket } from "./rate-limit.server";

export interface FormErrorData {
  errors?: FieldErrors;
  formError?: string;
}

export async function parseFormRequest<S extends z.ZodTypeAny>(
  request: Request,
  context: AppLoadContext,
  schema: S,
): Promise<{ ok: true; data: z.output<S>; form: FormData; locale: Locale } | { ok: false; response: Response; locale: Locale }> {
  const locale = requestLocale(request, context);
  const form = await readFormData(request);
  const parsed = parseInput(schema, formToObject(form), locale);
  if (!parsed.ok) return { ok: false, locale, response: json<FormErrorData>({ errors: parsed.errors }, { status: 400 }) };
  return { ok: true, data: parsed.data, form, locale };
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
): Promise<Response> {
  const parsed = await parseFormRequest(request, context, EmailOnlyForm);
  if (!parsed.ok) return parsed.response;
  const { email } = parsed.data;
  const limited = await formRateLimit([["emailLinkIp", context.clientIp], ["emailLinkAddress", email]], parsed.locale);
  if (limited) return limited;
  await send({ email, locale: parsed.locale });
  return json<FormErrorData & { sent: string }>({ sent: translate(parsed.locale, sentMessage, { email }) });
}

/** A 429 answer for a page form, shown above the form. */
export async function formRateLimit(pairs: Array<[Bucket, string]>, locale: Locale): Promise<Response | null> {
  const limited = await consumeAll(pairs);
  if (!limited) return null;
  return json<FormErrorData>(
    { formError: translate(locale, "error.rateLimited.body", { seconds: limited.retryAfter }) },
    { status: 429, headers: { "Retry-After": String(limited.retryAfter) } },
  );
}
