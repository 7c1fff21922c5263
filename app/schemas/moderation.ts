/** Staff moderation inputs (hiding with a reason), shared by the idea page's forms and the JSON API. */
import { z } from "zod";
import { HIDE_REASON_MAX } from "./limits";

export { HIDE_REASON_MAX };

/** NUL or a lone surrogate: text PostgreSQL cannot store as sent. */
const unstorable = /\u0000|\p{Cs}/u;

export const HideInput = z.object({
  reason: z
    .string({ required_error: "moderation.error.reason", invalid_type_error: "moderation.error.reason" })
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, "moderation.error.reason").max(HIDE_REASON_MAX).refine((s) => !unstorable.test(s), "field.invalid")),
});
export type Hide = z.output<typeof HideInput>;
