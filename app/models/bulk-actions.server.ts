/**
 * Staff actions on several ideas at once (the inbox's selection, or the API): change status, move
 * to a board, merge into one idea, mark reviewed, add or remove a tag. Each idea goes through the
 * same model function as a single action — setIdeaStatus, moveIdea, mergeIdea, markIdeaReviewed,
 * changeIdeaTag — in its own
 * transaction, so each idea's followers are told exactly as by a single change (once), and one
 * idea's refusal (merged meanwhile, already that status, deleted) is reported for that idea
 * without undoing the others.
 */
import { translate } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { AppError, forbidden, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import type { FieldErrors } from "../schemas/parse";
import { canTriage } from "../permissions";
import { MergeInput } from "../schemas/merges";
import { StatusChangeInput } from "../schemas/statuses";
import { BulkInput, MoveInput, type BulkActionName } from "../schemas/triage";
import { findBoardBySlug } from "./boards.server";
import { moveIdea } from "./idea-moves.server";
import { changeIdeaTag } from "./idea-tags.server";
import { ideaByNumber } from "./merge-chain.server";
import { mergeIdea } from "./merges.server";
import { checkStatusChoice, setIdeaStatus } from "./statuses.server";
import { findVisibleTag } from "./tags.server";
import { markIdeaReviewed } from "./triage.server";

export type BulkResult =
  | { number: number; ok: true; outcome: "done" | "unchanged" | "target" }
  | { number: number; ok: false; status: number; error: { code: string; message: string; fields?: FieldErrors } };

export interface BulkOutcome {
  action: BulkActionName;
  results: BulkResult[];
  succeeded: number;
  failed: number;
}

/**
 * Runs `action` on each of `ideas` (numbers), in the order given. The request as a whole is
 * refused only when it cannot apply to any idea: 401/403 for who is asking, 422 for the action's
 * own fields (an unknown status, no board, no idea to merge into). Per idea, a refusal becomes
 * that idea's `{ ok: false, status, error }`; a merge's target, when selected too, is left as it
 * is (`outcome: "target"`).
 */
export async function runBulkAction(input: {
  actor: SessionUser | null;
  ideas: unknown;
  action: unknown;
  status?: unknown;
  note?: unknown;
  notify?: unknown;
  board?: unknown;
  into?: unknown;
  tag?: unknown;
}): Promise<BulkOutcome> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canTriage(actor)) throw forbidden();
  const { ideas: numbers, action } = parseOrRefuse(BulkInput, { ideas: input.ideas, action: input.action }, actor.locale);
  const apply = await prepare(actor, action, input);
  const results: BulkResult[] = [];
  for (const number of numbers) {
    try {
      results.push({ number, ok: true, outcome: await apply(number) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ number, ok: false, status: error.status, error: error.toJSON(actor.locale).error });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { action, results, succeeded, failed: results.length - succeeded };
}

type Apply = (number: number) => Promise<"done" | "unchanged" | "target">;

/** Checks the action's own fields once, and returns what to do for each idea. */
async function prepare(
  actor: SessionUser,
  action: BulkActionName,
  input: { status?: unknown; note?: unknown; notify?: unknown; board?: unknown; into?: unknown; tag?: unknown },
): Promise<Apply> {
  const { locale } = actor;
  switch (action) {
    case "status": {
      const change = parseOrRefuse(StatusChangeInput, { status: input.status, note: input.note, notify: input.notify }, locale);
      await checkStatusChoice(change.status, change.note, locale);
      return async (number) => {
        await setIdeaStatus({ actor, number, ...change });
        return "done";
      };
    }
    case "move": {
      const { board } = parseOrRefuse(MoveInput, { board: input.board }, locale);
      if (!(await findBoardBySlug(board))) throw unprocessable({ board: translate(locale, "move.error.unknown") });
      return async (number) => {
        await moveIdea({ actor, number, board });
        return "done";
      };
    }
    case "merge": {
      const { into } = parseOrRefuse(MergeInput, { into: input.into }, locale);
      const target = await ideaByNumber(db, into);
      if (!target) throw unprocessable({ into: translate(locale, "merge.error.unknown") });
      return async (number) => {
        if (number === into) return "target";
        await mergeIdea({ actor, number, into });
        return "done";
      };
    }
    case "reviewed":
      return async (number) => ((await markIdeaReviewed({ actor, number })).reviewed ? "done" : "unchanged");
    case "tag":
    case "untag": {
      const tag = await findVisibleTag(actor, input.tag);
      if (!tag) throw unprocessable({ tag: translate(locale, "tags.error.choose") });
      return async (number) => changeIdeaTag({ actor, number, tag, on: action === "tag" });
    }
  }
}
