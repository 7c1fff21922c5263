/**
 * Staff flags on an idea that change how members take part: locked comments (members can no longer
 * comment or reply; staff still can). Each change that does something is kept on the idea's audit
 * trail; asking for the state it is already in changes nothing and records nothing.
 * See docs/decisions/0021-moderation.md.
 */
import { sql } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { forbidden, notFound, unauthorized } from "../lib/errors.server";
import { canLockComments } from "../permissions";
import { isPositiveInt4 } from "../schemas/limits";
import type { IdeaDetail } from "../shapes";
import { recordIdeaActivity } from "./idea-activity.server";
import { getIdea } from "./ideas.server";

/** Locks (`locked: true`) or unlocks idea `number`'s comments; idempotent. */
export async function setCommentsLocked(input: { actor: SessionUser | null; number: number; locked: boolean }): Promise<IdeaDetail> {
  const { actor, number, locked } = input;
  if (!actor) throw unauthorized();
  if (!canLockComments(actor)) throw forbidden();
  if (!isPositiveInt4(number)) throw notFound();
  await db.transaction(async (tx) => {
    const [idea] = await queryRows<{ id: number; changed: boolean }>(
      tx,
      sql`WITH target AS (SELECT id, comments_locked_at FROM ideas WHERE number = ${number}::int FOR NO KEY UPDATE),
          changed AS (
            UPDATE ideas SET comments_locked_at = ${locked ? sql`now()` : sql`NULL`}
            FROM target WHERE ideas.id = target.id AND (target.comments_locked_at IS NULL) = ${locked}
            RETURNING ideas.id
          )
          SELECT target.id, EXISTS (SELECT 1 FROM changed) AS changed FROM target`,
    );
    if (!idea) throw notFound();
    if (idea.changed) await recordIdeaActivity(tx, { ideaId: Number(idea.id), actorId: actor.id, kind: locked ? "commentsLocked" : "commentsUnlocked" });
  });
  const idea = await getIdea({ actor, number });
  if (!idea) throw notFound();
  return idea;
}
