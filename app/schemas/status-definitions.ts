/**
 * An admin's status (ADR 0029): its names per language, kind and colour, shared by the admin page
 * and the JSON API. Messages are catalog keys (app/i18n/en/statuses.ts).
 */
import { z } from "zod";
import { STATUS_COLORS, STATUS_KINDS } from "../statuses";

export const STATUS_NAME_MAX = 40;

/** A name as typed: spaces collapsed; "" means none (the English name, or the catalog's, is used). */
const name = z
  .string({ invalid_type_error: "statuses.error.name" })
  .transform((s) => s.replace(/\s+/gu, " ").trim())
  .refine((s) => s === "" || (/[\p{L}\p{N}]/u.test(s) && [...s].length <= STATUS_NAME_MAX && !/\p{Cc}|\p{Cs}/u.test(s)), "statuses.error.name");
const englishName = name.refine((s) => s !== "", "statuses.error.nameRequired");
const kind = z.enum(STATUS_KINDS, { errorMap: () => ({ message: "statuses.error.kind" }) });
const color = z.enum(STATUS_COLORS, { errorMap: () => ({ message: "statuses.error.color" }) });

/** A new status: an English name (Arabic and Slovenian optional), a kind and a colour. */
export const StatusCreateInput = z.object({
  labels: z.object(
    { en: englishName.default(""), ar: name.optional(), sl: name.optional() },
    { required_error: "statuses.error.nameRequired", invalid_type_error: "statuses.error.nameRequired" },
  ),
  kind,
  color,
});

/** A change to a status: any of its names ("" clears one), its kind, colour or place (1 = first). */
export const StatusPatchInput = z.object({
  labels: z.object({ en: name.optional(), ar: name.optional(), sl: name.optional() }, { invalid_type_error: "statuses.error.name" }).optional(),
  kind: kind.optional(),
  color: color.optional(),
  position: z.coerce.number({ invalid_type_error: "statuses.error.position" }).int("statuses.error.position").min(1, "statuses.error.position").max(1000, "statuses.error.position").optional(),
});

/** Retiring: where the ideas that have the status go (needed when any do). */
export const StatusRetireInput = z.object({
  moveTo: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string({ invalid_type_error: "statuses.error.moveTo" }).max(100, "statuses.error.moveTo").optional()),
});
