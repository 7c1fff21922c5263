/**
 * Votes: one per person per idea. The idea's vote_count and trending_score change in the same
 * statement as the vote row, by what that statement actually inserted or deleted, so parallel
 * clicks can never make the counter disagree with the rows (see docs/decisions/0004-trending.md).
 */
import { sql, type SQL } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows, type Executor } from "../lib/db.server";
import { blocked, notFound, forbidden, unauthorized } from "../lib/errors.server";
import { canVote } from "../permissions";
import { listedIdea } from "./idea-visibility.server";
import { finalIdea, ideaByNumber } from "./merge-chain.server";

/** Trending weights are 2^((vote time − this instant) / half-life). */
export const TRENDING_EPOCH = "2025-01-01T00:00:00Z";
export const TRENDING_HALF_LIFE_SECONDS = 7 * 24 * 3600;

/** The trending weight of a vote cast at `at` (a timestamptz SQL expression). */
export function voteWeight(at: SQL): SQL {
  return sql`power(2::float8, (extract(epoch from (${at} - ${sql.raw(`timestamptz '${TRENDING_EPOCH}'`)})) / ${sql.raw(String(TRENDING_HALF_LIFE_SECONDS))})::float8)`;
}

/** The same weight computed in JavaScript (tests, the seed, the reconcile report). */
export function voteWeightAt(at: Date): number {
  return 2 ** ((at.getTime() - Date.parse(TRENDING_EPOCH)) / 1000 / TRENDING_HALF_LIFE_SECONDS);
}

/**
 * The UPDATE that moves idea `ideaId`'s vote_count and trending_score by exactly the votes a CTE
 * named `changed` (… RETURNING created_at) inserted ("+") or deleted ("-"), in the same statement.
 */
export function voteCounterUpdate(sign: "+" | "-", ideaId: SQL): SQL {
  const weights = sql`coalesce((SELECT sum(${voteWeight(sql`created_at`)}) FROM changed), 0)`;
  return sign === "+"
    ? sql`UPDATE ideas
        SET vote_count = vote_count + (SELECT count(*) FROM changed)::int,
            trending_score = trending_score + ${weights}
        WHERE id = ${ideaId}
        RETURNING vote_count`
    : sql`UPDATE ideas
        SET vote_count = vote_count - (SELECT count(*) FROM changed)::int,
            -- Exactly zero once the last vote is gone, so float rounding never lingers.
            trending_score = CASE
              WHEN vote_count - (SELECT count(*) FROM changed) <= 0 THEN 0
              ELSE greatest(0, trending_score - ${weights})
            END
        WHERE id = ${ideaId}
        RETURNING vote_count`;
}

/** The idea to vote on: by internal id (seed, createIdea) or by public number (pages, API). */
type IdeaRef = { ideaId: number } | { number: number };

/**
 * By number, the idea is locked first and must not be merged: a vote that waited for a merge
 * of this idea finds it merged (the row is read again after the wait) and is cast on the idea
 * it was merged into instead (setVote), never on the closed one where the merge cannot see it.
 */
function targetIdea(ref: IdeaRef): SQL {
  return "ideaId" in ref
    ? sql`SELECT id FROM ideas WHERE id = ${ref.ideaId}`
    : sql`SELECT id FROM ideas WHERE number = ${ref.number} AND ${listedIdea()} FOR NO KEY UPDATE`;
}

/**
 * Casts or withdraws `userId`'s vote in one statement. Returns the idea's vote count afterwards and
 * whether a row changed, or null when the idea does not exist. The UPDATE always runs (adding 0 when
 * the vote was already there), so the count returned is the latest committed one.
 */
export async function applyVote(
  executor: Executor,
  input: IdeaRef & { userId: number; voted: boolean; at?: Date; addedById?: number; note?: string | null },
): Promise<{ changed: boolean; voteCount: number } | null> {
  const at = input.at ? sql`${input.at.toISOString()}::timestamptz` : sql`now()`;
  const statement = input.voted
    ? sql`
      WITH target AS (${targetIdea(input)}),
      changed AS (
        INSERT INTO votes (user_id, idea_id, created_at, added_by_id, note)
        SELECT ${input.userId}, id, ${at}, ${input.addedById ?? null}::int, ${input.note ?? null}::text FROM target
        ON CONFLICT DO NOTHING
        RETURNING created_at
      ),
      updated AS (${voteCounterUpdate("+", sql`(SELECT id FROM target)`)})
      SELECT (SELECT vote_count FROM updated) AS vote_count, (SELECT count(*) FROM changed)::int AS changed`
    : sql`
      WITH target AS (${targetIdea(input)}),
      changed AS (
        DELETE FROM votes
        WHERE user_id = ${input.userId} AND idea_id = (SELECT id FROM target)
        RETURNING created_at
      ),
      updated AS (${voteCounterUpdate("-", sql`(SELECT id FROM target)`)})
      SELECT (SELECT vote_count FROM updated) AS vote_count, (SELECT count(*) FROM changed)::int AS changed`;
  try {
    const [row] = await queryRows<{ vote_count: number | null; changed: number }>(executor, statement);
    if (!row || row.vote_count === null) return null;
    return { changed: Number(row.changed) > 0, voteCount: Number(row.vote_count) };
  } catch (error) {
    // The idea was deleted between finding it and inserting the vote.
    if (isForeignKeyViolation(error)) return null;
    throw error;
  }
}

export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23503" || e?.cause?.code === "23503";
}

/** Votes (`voted: true`) or withdraws the vote; idempotent either way. */
export async function setVote(input: { actor: SessionUser | null; number: number; voted: boolean }): Promise<{ voted: boolean; voteCount: number }> {
  if (!input.actor) throw unauthorized();
  if (input.actor.blocked) throw blocked();
  if (!canVote(input.actor)) throw forbidden();
  const result = await applyVoteFollowingMerges(db, { number: input.number, userId: input.actor.id, voted: input.voted });
  if (!result) throw notFound();
  return { voted: input.voted, voteCount: result.voteCount };
}

/** applyVote() by number; on a merged idea, on the idea it finally lives on (a merged idea's votes are its final idea's). */
export async function applyVoteFollowingMerges(
  executor: Executor,
  input: { number: number; userId: number; voted: boolean; addedById?: number; note?: string | null },
): Promise<{ changed: boolean; voteCount: number } | null> {
  const result = await applyVote(executor, input);
  if (result) return result;
  const idea = await ideaByNumber(executor, input.number);
  const target = idea?.merged_into_id ? await finalIdea(executor, idea.id) : null;
  return target ? applyVote(executor, { ...input, number: target.number }) : null;
}
