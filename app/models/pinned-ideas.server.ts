/**
 * Ideas staff pin to the top of their board: they come first on the board's list in every sort
 * (the first page only, read by boardPageQuery in idea-listing.server.ts; search results keep their
 * own order), marked "Pinned". At most PINNED_PER_BOARD_MAX per board, so the first page stays a
 * page. Pinning and unpinning are kept on the idea's audit trail. See docs/decisions/0021-moderation.md.
 */
import { sql } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { conflict, forbidden, localMessage, notFound, unauthorized } from "../lib/errors.server";
import { canPinIdeas } from "../permissions";
import { isPositiveInt4 } from "../schemas/limits";
import type { IdeaDetail } from "../shapes";
import { listedIdea } from "./idea-visibility.server";
import { recordIdeaActivity } from "./idea-activity.server";
import { getIdea } from "./ideas.server";

export const PINNED_PER_BOARD_MAX = 5;

/** Pins (`pinned: true`) or unpins idea `number`; idempotent. 409 past PINNED_PER_BOARD_MAX on its board. */
export async function setIdeaPinned(input: { actor: SessionUser | null; number: number; pinned: boolean }): Promise<IdeaDetail> {
  const { actor, number, pinned } = input;
  if (!actor) throw unauthorized();
  if (!canPinIdeas(actor)) throw forbidden();
  if (!isPositiveInt4(number)) throw notFound();
  await db.transaction(async (tx) => {
    const [idea] = await queryRows<{ id: number; boardId: number; pinnedAt: Date | null }>(
      tx,
      sql`SELECT id, board_id AS "boardId", pinned_at AS "pinnedAt" FROM ideas WHERE number = ${number}::int FOR NO KEY UPDATE`,
    );
    if (!idea) throw notFound();
    if ((idea.pinnedAt !== null) === pinned) return;
    if (pinned) {
      // Serialises pins on one board, so two staff pinning at once cannot both take the last place.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`pin:${idea.boardId}`}, 0))`);
      const [taken] = await queryRows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM ideas WHERE board_id = ${idea.boardId}::int AND pinned_at IS NOT NULL AND ${listedIdea()}`,
      );
      if (Number(taken.n) >= PINNED_PER_BOARD_MAX) throw conflict(localMessage("pin.error.tooMany", { max: PINNED_PER_BOARD_MAX }));
    }
    await tx.execute(sql`UPDATE ideas SET pinned_at = ${pinned ? sql`now()` : sql`NULL`} WHERE id = ${idea.id}::int`);
    await recordIdeaActivity(tx, { ideaId: Number(idea.id), actorId: actor.id, kind: pinned ? "pinned" : "unpinned" });
  });
  const idea = await getIdea({ actor, number });
  if (!idea) throw notFound();
  return idea;
}
