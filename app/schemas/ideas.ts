/**
 * Ideas, comments and the ideas list query: one schema per input, shared by the page forms and the
 * JSON API. Messages are catalog keys (app/i18n/en/board.ts).
 *
 * Normalisation (what is stored is what these schemas output):
 * - titles: every run of whitespace (including newlines and tabs) becomes one space, then trimmed;
 * - bodies (ideas and comments): line endings become "\n" and a leading byte-order mark (U+FEFF)
 *   is dropped (it means nothing in text, and some decoders drop it silently); otherwise stored
 *   exactly as sent;
 * - the board slug is trimmed and lowercased.
 * Refused: the NUL character and unpaired surrogates anywhere (PostgreSQL text cannot store them
 * exactly), other control characters in titles, titles with no visible character.
 */
import { z } from "zod";
import { flag } from "./statuses";

import {
  COMMENT_BODY_MAX,
  IDEA_BODY_MAX,
  IDEA_SORTS,
  IDEA_TITLE_MAX,
  IDEA_TITLE_MIN,
  isPositiveInt4,
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  SEARCH_QUERY_MAX,
} from "./limits";

export * from "./limits";

const codePoints = (s: string) => [...s].length;
/** NUL or a lone surrogate: text PostgreSQL cannot store as sent. */
const unstorable = /\u0000|\p{Cs}/u;

const TEXT_INVALID = "idea.error.textInvalid";

export const titleField = z
  .string({ required_error: "idea.error.titleInvalid", invalid_type_error: "idea.error.titleInvalid" })
  .transform((s) => s.replace(/\s+/gu, " ").trim())
  .superRefine((s, ctx) => {
    if (unstorable.test(s)) return void ctx.addIssue({ code: "custom", message: TEXT_INVALID });
    if (/\p{Cc}/u.test(s)) return void ctx.addIssue({ code: "custom", message: "idea.error.titleInvalid" });
    const n = codePoints(s);
    if (n < IDEA_TITLE_MIN) {
      return void ctx.addIssue({ code: "too_small", type: "string", minimum: IDEA_TITLE_MIN, inclusive: true, message: "idea.error.titleTooShort" });
    }
    if (n > IDEA_TITLE_MAX) {
      return void ctx.addIssue({ code: "too_big", type: "string", maximum: IDEA_TITLE_MAX, inclusive: true, message: "idea.error.titleTooLong" });
    }
    if (s.replace(/[\p{Cf}\p{Z}\p{M}]/gu, "").length === 0) ctx.addIssue({ code: "custom", message: "idea.error.titleInvalid" });
  });

function markdownBody(max: number, tooLong: "idea.error.bodyTooLong" | "comment.error.bodyTooLong", required: boolean) {
  return z
    .string({ required_error: required ? "comment.error.bodyRequired" : "field.required", invalid_type_error: "field.invalid" })
    .transform((s) => s.replace(/^\uFEFF+/, "").replace(/\r\n?/g, "\n"))
    .superRefine((s, ctx) => {
      if (unstorable.test(s)) return void ctx.addIssue({ code: "custom", message: TEXT_INVALID });
      if (required && s.trim() === "") return void ctx.addIssue({ code: "custom", message: "comment.error.bodyRequired" });
      if (codePoints(s) > max) ctx.addIssue({ code: "too_big", type: "string", maximum: max, inclusive: true, message: tooLong });
    });
}

export const ideaBodyField = markdownBody(IDEA_BODY_MAX, "idea.error.bodyTooLong", false);
export const commentBodyField = markdownBody(COMMENT_BODY_MAX, "comment.error.bodyTooLong", true);

const boardSlugField = z
  .string({ required_error: "idea.error.boardRequired", invalid_type_error: "idea.error.boardRequired" })
  .transform((s) => s.trim().toLowerCase())
  .refine((s) => s.length > 0, "idea.error.boardRequired");

export const IdeaForm = z.object({
  board: boardSlugField,
  title: titleField,
  body: z.preprocess((v) => v ?? "", ideaBodyField),
});
export type IdeaInput = z.output<typeof IdeaForm>;

export const IdeaUpdateForm = z.object({
  title: titleField.optional(),
  body: ideaBodyField.optional(),
});
export type IdeaUpdateInput = z.output<typeof IdeaUpdateForm>;

/** A positive integer id from a form field ("12") or JSON (12); empty means none. */
const optionalId = (message: "comment.error.parentInvalid") =>
  z
    .union([z.number(), z.string(), z.null(), z.undefined()], { invalid_type_error: message })
    .transform((v, ctx) => {
      if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return undefined;
      const n = typeof v === "number" ? v : /^\s*\d{1,10}\s*$/.test(v) ? Number(v) : NaN;
      if (!isPositiveInt4(n)) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return n;
    });

export const CommentForm = z.object({
  body: commentBodyField,
  parentId: optionalId("comment.error.parentInvalid"),
  /** A staff-only internal note (a member asking for one is refused, not downgraded). */
  internal: flag(false),
});
export type CommentInput = z.output<typeof CommentForm>;

export const CommentUpdateForm = z.object({ body: commentBodyField });

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Query string of the ideas list (page and API): every field optional, unknown values refused. */
export const ListIdeasQuery = z.object({
  board: z.preprocess(emptyToUndefined, z.string({ invalid_type_error: "ideas.query.boardInvalid" }).optional()).transform((s) =>
    s === undefined ? undefined : s.trim().toLowerCase(),
  ),
  /** A status's key: any status admins made (ADR 0029); whether it names one is the model's question. */
  status: z.preprocess(
    emptyToUndefined,
    z.string({ invalid_type_error: "ideas.query.statusInvalid" }).regex(/^[\p{L}\p{N}\p{M}_]{1,60}$/u, "ideas.query.statusInvalid").optional(),
  ),
  /** A tag's slug (whether the reader may see that tag is the model's question). */
  tag: z.preprocess(emptyToUndefined, z.string({ invalid_type_error: "ideas.query.tagInvalid" }).max(100, "ideas.query.tagInvalid").optional()).transform((s) =>
    s === undefined ? undefined : s.trim().toLowerCase(),
  ),
  sort: z.preprocess(emptyToUndefined, z.enum(IDEA_SORTS, { errorMap: () => ({ message: "ideas.query.sortInvalid" }) }).default("top")),
  q: z
    .preprocess(emptyToUndefined, z.string({ invalid_type_error: "field.invalid" }).optional())
    // A search is never refused for odd characters: NUL cannot reach PostgreSQL, so it becomes a space.
    .transform((s) => (s === undefined ? undefined : s.replace(/\u0000/g, " ").replace(/\s+/gu, " ").trim() || undefined))
    .superRefine((s, ctx) => {
      if (s !== undefined && codePoints(s) > SEARCH_QUERY_MAX) {
        ctx.addIssue({ code: "too_big", type: "string", maximum: SEARCH_QUERY_MAX, inclusive: true, message: "ideas.query.queryTooLong" });
      }
    }),
  limit: z.preprocess(
    emptyToUndefined,
    z
      .union([z.number(), z.string()], { errorMap: () => ({ message: "ideas.query.limitInvalid" }) })
      .transform((v) => (typeof v === "number" ? v : /^\d{1,3}$/.test(v.trim()) ? Number(v) : NaN))
      .pipe(z.number({ invalid_type_error: "ideas.query.limitInvalid" }).int("ideas.query.limitInvalid").min(1, "ideas.query.limitInvalid").max(LIST_LIMIT_MAX, "ideas.query.limitInvalid"))
      .default(LIST_LIMIT_DEFAULT),
  ),
  cursor: z.preprocess(emptyToUndefined, z.string({ invalid_type_error: "ideas.query.cursorInvalid" }).max(200, "ideas.query.cursorInvalid").optional()),
});
export type ListIdeasInput = z.output<typeof ListIdeasQuery>;
