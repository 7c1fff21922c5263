/**
 * Moving an idea to another board (staff). Nothing but `ideas.board_id` changes: votes, comments,
 * followers and the search row stay with the idea, and every list, search, roadmap and count
 * reads the board from the idea, so they show it on its new board at once (the roadmap's column
 * totals are recounted here; other processes recount within their short cache time). The move
 * is kept on the idea's staff timeline ("moved from the board X to Y").
 */
import { sql } from "drizzle-orm";
import { translate } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { forbidden, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { canMoveIdea } from "../permissions";
import { isPositiveInt4 } from "../schemas/limits";
import { MoveInput } from "../schemas/triage";
import { findBoardBySlug } from "./boards.server";
import { recordIdeaActivity } from "./idea-activity.server";
import { forgetColumnTotals } from "./roadmap.server";

export interface IdeaMove {
  number: number;
  from: { slug: string; name: string };
  to: { slug: string; name: string };
}

/**
 * Moves idea `number` to the board whose slug is `board`. Staff only (403); 404 for an unknown
 * idea or board; 422 for an archived board or the board the idea is already on.
 */
export async function moveIdea(input: { actor: SessionUser | null; number: number; board: unknown }): Promise<IdeaMove> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canMoveIdea(actor)) throw forbidden();
  const { board: slug } = parseOrRefuse(MoveInput, { board: input.board }, actor.locale);
  if (!isPositiveInt4(input.number)) throw notFound();
  const target = await findBoardBySlug(slug);
  if (!target) throw notFound();
  if (target.archivedAt) throw unprocessable({ board: translate(actor.locale, "idea.error.boardArchived") });

  const moved = await db.transaction(async (tx) => {
    // Locked so two moves of one idea queue, and "from" is the board this move replaced.
    const [idea] = await queryRows<{ id: number; board_slug: string; board_name: string; board_id: number }>(
      tx,
      sql`SELECT i.id, i.board_id, b.slug AS board_slug, b.name AS board_name
          FROM ideas i JOIN boards b ON b.id = i.board_id
          WHERE i.number = ${input.number}::int FOR UPDATE OF i`,
    );
    if (!idea) throw notFound();
    if (Number(idea.board_id) === target.id) throw unprocessable({ board: translate(actor.locale, "move.error.same") });
    await tx.execute(sql`UPDATE ideas SET board_id = ${target.id}::int, updated_at = now() WHERE id = ${idea.id}::int`);
    // The boards' names as they are now: the timeline keeps saying where it moved from and to.
    await recordIdeaActivity(tx, { ideaId: Number(idea.id), actorId: actor.id, kind: "moved", detail: { from: idea.board_name, to: target.name } });
    return { number: input.number, from: { slug: idea.board_slug, name: idea.board_name }, to: { slug: target.slug, name: target.name } };
  });
  forgetColumnTotals();
  return moved;
}
