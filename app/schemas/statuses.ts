/**
 * Status changes and notification inputs, shared by page forms and the JSON API. Messages are
 * catalog keys (app/i18n/en/notifications.ts).
 */
import { z } from "zod";
import { INT4_MAX } from "./limits";

export const STATUS_NOTE_MAX = 5000;
export const NOTIFICATION_LIMIT_DEFAULT = 20;
export const NOTIFICATION_LIMIT_MAX = 100;

/** NUL or a lone surrogate: text PostgreSQL cannot store as sent. */
const unstorable = /\u0000|\p{Cs}/u;

/** A boolean from JSON (true/false) or a form ("true", "on", "1" / "false", "off", "0"). */
export const flag = (fallback: boolean) =>
  z.preprocess((v) => {
    if (v === undefined || v === null || v === "") return fallback;
    if (v === true || v === "true" || v === "on" || v === "1") return true;
    if (v === false || v === "false" || v === "off" || v === "0") return false;
    return v;
  }, z.boolean({ invalid_type_error: "field.invalid" }));

/**
 * A status change's fields. Which statuses exist and what each requires (a note to decline) are
 * the model's rules (setIdeaStatus), checked on what this parses.
 */
export const StatusChangeInput = z.object({
  status: z.string({ required_error: "status.error.unknown", invalid_type_error: "status.error.unknown" }),
  note: z
    .string({ invalid_type_error: "field.invalid" })
    .max(STATUS_NOTE_MAX)
    .refine((s) => !unstorable.test(s), "field.invalid")
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .nullish()
    .transform((s) => s ?? ""),
  notify: flag(true),
});
export type StatusChange = z.output<typeof StatusChangeInput>;

export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(NOTIFICATION_LIMIT_MAX).default(NOTIFICATION_LIMIT_DEFAULT),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, "field.invalid")
    .refine((s) => Number(s) <= INT4_MAX, "field.invalid")
    .optional(),
});

export const MarkReadInput = z.object({
  ids: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(1000).optional(),
});

export const NotificationSettingsInput = z.object({
  emailOnStatusChange: flag(false).optional(),
  emailOnStaffComment: flag(false).optional(),
  emailOnReply: flag(false).optional(),
  emailOnComment: flag(false).optional(),
  /** true: stop all Loopboard email; false: turn it back on. */
  unsubscribedAll: flag(false).optional(),
});
export type NotificationSettingsChange = z.output<typeof NotificationSettingsInput>;
