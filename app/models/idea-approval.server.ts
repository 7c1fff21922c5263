/**
 * Staff approval of new ideas on boards that require it (ADR 0021): approving publishes a pending
 * idea, rejecting keeps it out with a reason its author is told. Each decision that changes
 * something is one transaction, under the idea's row lock: the new state, the audit entry and the
 * author's notification event (fanned out in the app and by email like every other). Asking again
 * for the state an idea is already in changes nothing and tells no one, so two staff approving at
 * the same moment notify its author once.
 */
import { sql } from "drizzle-orm";
import type { IdeaApproval } from "../../db/schema";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { conflict, forbidden, localMessage, notFound, parseOrRefuse, unauthorized } from "../lib/errors.server";
import { canModerate } from "../permissions";
import { HideInput } from "../schemas/moderation";
import { isPositiveInt4 } from "../schemas/limits";
import type { IdeaDetail } from "../shapes";
import { recordIdeaActivity } from "./idea-activity.server";
import { getIdea } from "./ideas.server";
import { prepareNotificationJobs, recordNotificationEvent } from "./notification-events.server";
import { forgetColumnTotals } from "./roadmap.server";

function refuseUnlessModerator(actor: SessionUser | null): asserts actor is SessionUser {
  if (!actor) throw unauthorized();
  if (!canModerate(actor)) throw forbidden();
}

async function decide(actor: SessionUser, number: number, decision: "approved" | "rejected", reason: string | null): Promise<IdeaDetail> {
  if (!isPositiveInt4(number)) throw notFound();
  await prepareNotificationJobs();
  const changed = await db.transaction(async (tx) => {
    // A second decision waits here for the first to commit, then reads the state it left.
    const [idea] = await queryRows<{ id: number; author_id: number; approval: IdeaApproval }>(
      tx,
      sql`SELECT id, author_id, approval FROM ideas WHERE number = ${number}::int FOR NO KEY UPDATE`,
    );
    if (!idea) throw notFound();
    if (idea.approval === decision) return false;
    // Once an idea is public, taking it away is hiding (with its own reason and audit entry).
    if (decision === "rejected" && idea.approval === "approved") throw conflict(localMessage("approval.error.alreadyApproved"));
    const ideaId = Number(idea.id);
    await tx.execute(sql`
      UPDATE ideas SET approval = ${decision}::idea_approval, approval_reason = ${reason},
             approval_decided_by_id = ${actor.id}::int, approval_decided_at = now()
      WHERE id = ${ideaId}::int`);
    await recordIdeaActivity(tx, { ideaId, actorId: actor.id, kind: decision, ...(reason === null ? {} : { detail: { reason } }) });
    await recordNotificationEvent(tx, { kind: decision, ideaId, actorId: actor.id, recipientId: Number(idea.author_id) });
    return true;
  });
  if (changed) forgetColumnTotals();
  const idea = await getIdea({ actor, number });
  if (!idea) throw notFound();
  return idea;
}

/** Publishes idea `number` (pending, or rejected before): it joins its board. Idempotent. */
export async function approveIdea(input: { actor: SessionUser | null; number: number }): Promise<IdeaDetail> {
  refuseUnlessModerator(input.actor);
  return decide(input.actor, input.number, "approved", null);
}

/** Keeps pending idea `number` off the board; its author sees it marked rejected, with `reason`. */
export async function rejectIdea(input: { actor: SessionUser | null; number: number; reason: unknown }): Promise<IdeaDetail> {
  const { actor } = input;
  refuseUnlessModerator(actor);
  const { reason } = parseOrRefuse(HideInput, { reason: input.reason }, actor.locale);
  return decide(actor, input.number, "rejected", reason);
}
