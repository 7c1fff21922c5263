/** Admin › People: the search box and a change to one person, shared by the page and the JSON API. */
import { z } from "zod";
import { ROLES } from "../roles";
import { flag } from "./statuses";

export const PEOPLE_QUERY_MAX = 200;
export const PEOPLE_PAGE_SIZE = 50;

export const PeopleQuery = z.object({
  q: z
    .string({ invalid_type_error: "field.invalid" })
    .max(PEOPLE_QUERY_MAX)
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .optional()
    .transform((s) => s ?? ""),
});

/**
 * A change to a person: a new role, blocked or not, and (with blocking) whether everything they
 * wrote is hidden in the same step, (with unblocking) whether what that hid comes back. At least
 * one of role and blocked.
 */
export const PersonChange = z
  .object({
    role: z.enum(ROLES, { errorMap: () => ({ message: "people.error.role" }) }).optional(),
    // Absent means "unchanged", so not flag(), which reads absent as its fallback.
    blocked: z.preprocess((v) => (v === undefined || v === null || v === "" ? undefined : v), flag(false).optional()),
    hideContent: flag(false).optional(),
    // With unblocking: put back what blocking hid.
    restoreContent: flag(false).optional(),
  })
  .refine((v) => v.role !== undefined || v.blocked !== undefined, { message: "people.error.nothing", path: ["role"] });
export type PersonChangeInput = z.output<typeof PersonChange>;
