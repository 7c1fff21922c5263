/**
 * The triage inbox and the staff actions on it (mark reviewed, move to another board, bulk
 * actions), shared by the page forms and the JSON API. Messages are catalog keys
 * (app/i18n/en/triage.ts).
 */
import { z } from "zod";
import { INT4_MAX } from "./limits";

/**
 * Ideas per inbox page (a screenful to work through with j / k; rendering each row is most of
 * the page's cost), and the most one bulk action takes.
 */
export const INBOX_PAGE_SIZE = 25;
export const BULK_MAX_IDEAS = 100;
export const BULK_ACTIONS = ["status", "move", "merge", "reviewed", "tag", "untag"] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

const boardSlug = z.string({ required_error: "move.error.board", invalid_type_error: "move.error.board" }).trim().min(1, "move.error.board").max(100, "move.error.board");

/** An idea number, as JSON (42) or as a form sends it ("42"). */
const ideaNumber = z.preprocess(
  (v) => (typeof v === "string" && /^\s*#?\d{1,10}\s*$/.test(v) ? Number(v.trim().replace(/^#/, "")) : v),
  z.number({ invalid_type_error: "bulk.error.ideas" }).int("bulk.error.ideas").min(1, "bulk.error.ideas").max(INT4_MAX, "bulk.error.ideas"),
);

/** The inbox's filters: a board's slug, a tag's slug, and where the page starts. */
export const InboxQuery = z.object({
  board: z.string().trim().max(100).optional(),
  tag: z.string().trim().toLowerCase().max(100).optional(),
  cursor: z.string().max(200).optional(),
});

/** Moving one idea: the slug of the board it goes to. */
export const MoveInput = z.object({ board: boardSlug });

/** A bulk action: which ideas, what to do, and that action's own fields (checked per action). */
export const BulkInput = z.object({
  ideas: z
    .array(ideaNumber, { required_error: "bulk.error.none", invalid_type_error: "bulk.error.none" })
    .min(1, "bulk.error.none")
    .max(BULK_MAX_IDEAS, "bulk.error.tooMany")
    .transform((numbers) => [...new Set(numbers)]),
  action: z.enum(BULK_ACTIONS, { errorMap: () => ({ message: "bulk.error.action" }) }),
});
