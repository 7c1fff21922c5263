/**
 * The one rule of which ideas people see, for every door (ADR 0021). An idea is listed — on the
 * board, in search, similar ideas, the roadmap and its counts, the changelog and its feed, the
 * API's lists, the triage inbox, votes — only while it is not merged into another, not hidden by
 * staff and approved (a member's idea on a board that requires approval is "pending" until staff
 * decide, and stays out once "rejected"). Its page opens for staff always, for its author while
 * it is pending or rejected (not while hidden), and for anyone else only when it is listed.
 */
import { sql, type SQL } from "drizzle-orm";
import type { IdeaApproval } from "../../db/schema";
import { isStaff, type Actor } from "../permissions";

/** The SQL condition "members see this idea in lists", over the ideas row aliased `alias`. */
export function listedIdea(alias = "ideas"): SQL {
  if (!/^[a-z_]+$/.test(alias)) throw new Error(`bad alias ${alias}`);
  return sql.raw(`${alias}.merged_into_id IS NULL AND ${alias}.hidden_at IS NULL AND ${alias}.approval = 'approved'`);
}

/** Whether `actor` may open the page of an idea (merged ideas open, and point to where they went). */
export function canOpenIdea(actor: Actor | null, idea: { authorId: number; hiddenAt: Date | null; approval: IdeaApproval }): boolean {
  if (isStaff(actor)) return true;
  if (idea.hiddenAt !== null) return false;
  return idea.approval === "approved" || actor?.id === idea.authorId;
}
