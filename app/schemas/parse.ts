/**
 * Runs a zod schema and turns its issues into one translated message per field. Schemas use
 * catalog keys as their messages (e.g. `{ message: "auth.error.emailInvalid" }`); zod's own
 * messages are mapped to the generic field.* keys so no English leaks from zod.
 */
import type { z, ZodIssue } from "zod";
import { isMessageKey, translate, type Locale, type MessageKey } from "../i18n";

export type FieldErrors = Record<string, string>;
export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** The catalog key (and its numbers) for one zod issue: the schema's own key, or a generic field.* one. */
export function issueKey(issue: ZodIssue): { key: MessageKey; params: Record<string, number> } {
  const params: Record<string, number> = {};
  if (issue.code === "too_small") params.min = Number(issue.minimum);
  if (issue.code === "too_big") params.max = Number(issue.maximum);
  if (isMessageKey(issue.message)) return { key: issue.message, params };
  switch (issue.code) {
    case "invalid_type":
      return { key: issue.received === "undefined" || issue.received === "null" ? "field.required" : "field.invalid", params };
    case "too_small":
      return { key: issue.type === "string" && issue.minimum === 1 ? "field.required" : "field.tooShort", params };
    case "too_big":
      return { key: "field.tooLong", params };
    default:
      return { key: "field.invalid", params };
  }
}

function issueMessage(issue: ZodIssue, locale: Locale): string {
  const { key, params } = issueKey(issue);
  return translate(locale, key, params);
}

export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown, locale: Locale = "en"): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "_form";
    if (!(field in errors)) errors[field] = issueMessage(issue, locale);
  }
  return { ok: false, errors };
}

/** FormData → plain object (last value wins; `name[]` fields collect arrays). */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    if (key.endsWith("[]")) ((out[key.slice(0, -2)] ??= []) as string[]).push(value);
    else out[key] = value;
  }
  return out;
}

/**
 * What a page form's action answers when it refuses a post. `form` names which of several forms
 * on one page it belongs to; `values` is what was typed (passwords left out), so a page rendered
 * without JavaScript keeps it.
 */
export interface FormResult {
  form?: string;
  errors?: FieldErrors;
  formError?: string;
  values?: Record<string, string>;
}
