/** A member's report of an idea or a comment, and staff resolving one: shared by the page forms and the JSON API. */
import { z } from "zod";

export const REPORT_REASONS = ["spam", "offensive", "off_topic", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_DETAIL_MAX = 500;
export const REPORT_OUTCOMES = ["hidden", "dismissed"] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** NUL or a lone surrogate: text PostgreSQL cannot store as sent. */
const unstorable = /\u0000|\p{Cs}/u;

/** A reason from the list; "other" says nothing by itself, so it needs the detail. */
export const ReportInput = z
  .object({
    reason: z.enum(REPORT_REASONS, { errorMap: () => ({ message: "report.error.reason" }) }),
    detail: z
      .string({ invalid_type_error: "field.invalid" })
      .optional()
      .transform((s) => (s ?? "").replace(/\s+/g, " ").trim())
      .pipe(z.string().max(REPORT_DETAIL_MAX, "report.error.detailLong").refine((s) => !unstorable.test(s), "field.invalid")),
  })
  .refine((v) => v.reason !== "other" || v.detail !== "", { message: "report.error.detail", path: ["detail"] });
export type Report = z.output<typeof ReportInput>;

export const ResolveInput = z.object({
  action: z.enum(["hide", "dismiss"], { errorMap: () => ({ message: "report.error.action" }) }),
});
