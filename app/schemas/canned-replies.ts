import { z } from "zod";

export const CANNED_REPLY_NAME_MAX = 80;
export const CANNED_REPLY_BODY_MAX = 5000;

const name = z
  .string({ required_error: "cannedReplies.error.name", invalid_type_error: "cannedReplies.error.name" })
  .transform((s) => s.replace(/\s+/gu, " ").trim())
  .refine((s) => [...s].length >= 1 && [...s].length <= CANNED_REPLY_NAME_MAX && !/\p{Cc}|\p{Cs}/u.test(s), "cannedReplies.error.name");
const body = z
  .string({ required_error: "field.required", invalid_type_error: "field.invalid" })
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().min(1).max(CANNED_REPLY_BODY_MAX))
  .refine((s) => !/\u0000|\p{Cs}/u.test(s), "field.invalid");

/** A canned reply as created (the unknown-placeholder check is the model's: its message names them). */
export const CannedReplyForm = z.object({ name, body });
/** A change: either field, or both. */
export const CannedReplyPatch = z.object({ name: name.optional(), body: body.optional() });
export type CannedReplyInput = z.output<typeof CannedReplyForm>;
