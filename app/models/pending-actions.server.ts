/**
 * Finishing what a person started before they were asked to sign in (see
 * schemas/pending-action.ts): a vote they pressed while signed out is cast once they are in.
 */
import type { SessionUser } from "../lib/auth.server";
import { AppError } from "../lib/errors.server";
import { parsePendingAction } from "../schemas/pending-action";
import { setVote } from "./votes.server";

/**
 * Does the pending action for the person who just signed in. Nothing happens for a value that
 * does not parse; a refusal (the idea is gone, the person may not vote) is not an error here: they
 * land on the page and see how things are.
 */
export async function finishPendingAction(input: { actor: SessionUser; then: unknown }): Promise<void> {
  const action = parsePendingAction(input.then);
  if (!action) return;
  try {
    await setVote({ actor: input.actor, number: action.number, voted: true });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
}
