/**
 * Who follows an idea. Followers are derived, never stored as such:
 *
 *   author ∪ voters ∪ commenters ∪ explicit "following" − explicit "unfollowed"
 *
 * so removing a vote removes the follow it implied, and an "unfollowed" row (Unfollow, or the
 * unsubscribe link in an email about the idea) keeps a later vote or comment from silently
 * subscribing the person again. Pressing Follow turns that row back into "following".
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { ideas, subscriptions } from "../../db/schema";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows, type Executor } from "../lib/db.server";
import { notFound, unauthorized } from "../lib/errors.server";
import { canFollow, canSeeFollowerCount } from "../permissions";
import { isPositiveInt4 } from "../schemas/limits";

/** Followers per fan-out batch: big enough to be fast, small enough to keep transactions short. */
export const FOLLOWER_BATCH_SIZE = 1000;

/**
 * The ids of an idea's followers above `after`, ascending, at most `limit`. Each source (author,
 * voters, commenters, explicit follows) is cut to its own first `limit` eligible ids by an
 * ordered index scan before they are merged, so a page costs O(limit) however many people voted:
 * a fan-out to 100,000 followers reads each vote once in total (indexes: votes (idea_id, user_id),
 * comments (idea_id, author_id), subscriptions' primary key). `exclude` leaves people out (the
 * actor, who never notifies themself). Exclusions and unfollows are applied inside each source,
 * before its cut, so a page is short only when no follower is left after it: the fan-out stops
 * on a short page, and a cut that dropped excluded rows would make it stop early.
 */
export function followerIdsAfter(input: { ideaId: number; after: number; limit: number; exclude?: Array<number | null | undefined> }): SQL {
  const { ideaId, after, limit } = input;
  const exclude = (input.exclude ?? []).filter((id): id is number => typeof id === "number");
  const eligible = (column: string) => {
    const id = sql.raw(column);
    const notExcluded = exclude.map((x) => sql` AND ${id} <> ${x}::int`);
    return sql`${id} > ${after}::int${sql.join(notExcluded, sql.raw(""))}
      AND NOT EXISTS (SELECT 1 FROM subscriptions u WHERE u.idea_id = ${ideaId}::int AND u.user_id = ${id} AND u.state = 'unfollowed')`;
  };
  return sql`SELECT DISTINCT f.user_id FROM (
      (SELECT i.author_id AS user_id FROM ideas i WHERE i.id = ${ideaId}::int AND ${eligible("i.author_id")})
      UNION ALL
      (SELECT v.user_id FROM votes v WHERE v.idea_id = ${ideaId}::int AND ${eligible("v.user_id")} ORDER BY v.user_id LIMIT ${limit}::int)
      UNION ALL
      (SELECT DISTINCT c.author_id FROM comments c WHERE c.idea_id = ${ideaId}::int AND ${eligible("c.author_id")} ORDER BY c.author_id LIMIT ${limit}::int)
      UNION ALL
      (SELECT s.user_id FROM subscriptions s WHERE s.idea_id = ${ideaId}::int AND s.state = 'following' AND ${eligible("s.user_id")} ORDER BY s.user_id LIMIT ${limit}::int)
    ) f
    ORDER BY f.user_id
    LIMIT ${limit}::int`;
}

/** Follower ids in batches ordered by user id (keyset), never holding more than one batch. */
export async function* followerBatches(ideaId: number, batchSize = FOLLOWER_BATCH_SIZE, executor: Executor = db): AsyncGenerator<number[]> {
  let after = 0;
  for (;;) {
    const rows = await queryRows<{ user_id: number }>(executor, followerIdsAfter({ ideaId, after, limit: batchSize }));
    if (rows.length === 0) return;
    const ids = rows.map((r) => Number(r.user_id));
    yield ids;
    if (ids.length < batchSize) return;
    after = ids[ids.length - 1];
  }
}

/** How many people follow the idea (one aggregate; for "Notify 1,284 people"). */
export async function countFollowers(input: { ideaId: number }, executor: Executor = db): Promise<number> {
  const { ideaId } = input;
  const [row] = await queryRows<{ n: number }>(
    executor,
    sql`SELECT count(*)::int AS n FROM (
          SELECT author_id AS user_id FROM ideas WHERE id = ${ideaId}::int
          UNION SELECT user_id FROM votes WHERE idea_id = ${ideaId}::int
          UNION SELECT author_id FROM comments WHERE idea_id = ${ideaId}::int
          UNION SELECT user_id FROM subscriptions WHERE idea_id = ${ideaId}::int AND state = 'following'
        ) f
        WHERE NOT EXISTS (
          SELECT 1 FROM subscriptions u WHERE u.idea_id = ${ideaId}::int AND u.user_id = f.user_id AND u.state = 'unfollowed'
        )`,
  );
  return Number(row?.n ?? 0);
}

export async function isFollowing(input: { userId: number; ideaId: number }, executor: Executor = db): Promise<boolean> {
  const { userId, ideaId } = input;
  const [row] = await queryRows<{ following: boolean }>(
    executor,
    sql`SELECT CASE
          WHEN s.state = 'unfollowed' THEN false
          WHEN s.state = 'following' THEN true
          ELSE EXISTS (SELECT 1 FROM ideas WHERE id = ${ideaId}::int AND author_id = ${userId}::int)
            OR EXISTS (SELECT 1 FROM votes WHERE idea_id = ${ideaId}::int AND user_id = ${userId}::int)
            OR EXISTS (SELECT 1 FROM comments WHERE idea_id = ${ideaId}::int AND author_id = ${userId}::int)
        END AS following
        FROM (SELECT 1) one
        LEFT JOIN subscriptions s ON s.idea_id = ${ideaId}::int AND s.user_id = ${userId}::int`,
  );
  return Boolean(row?.following);
}

/** Records an explicit follow or unfollow (the last press wins). */
export async function setSubscription(
  input: { userId: number; ideaId: number; state: "following" | "unfollowed" },
  executor: Executor = db,
): Promise<void> {
  await executor
    .insert(subscriptions)
    .values({ userId: input.userId, ideaId: input.ideaId, state: input.state })
    .onConflictDoUpdate({
      target: [subscriptions.ideaId, subscriptions.userId],
      // A press makes the row the person's own: unmerging an idea no longer takes it away.
      set: { state: input.state, mergedFrom: null, updatedAt: sql`now()` },
    });
}

async function ideaIdByNumber(number: number): Promise<number | null> {
  if (!isPositiveInt4(number)) return null;
  const [row] = await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.number, number)).limit(1);
  return row?.id ?? null;
}

export interface FollowState {
  following: boolean;
  /** How many follow the idea now: staff only (canSeeFollowerCount), absent for everyone else. */
  followerCount?: number;
}

/** Follows (`following: true`) or unfollows an idea; idempotent either way. */
export async function setFollowing(input: { actor: SessionUser | null; number: number; following: boolean }): Promise<FollowState> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const ideaId = await ideaIdByNumber(input.number);
  if (ideaId === null) throw notFound();
  if (!canFollow(actor)) throw unauthorized();
  await setSubscription({ userId: actor.id, ideaId, state: input.following ? "following" : "unfollowed" });
  if (!canSeeFollowerCount(actor)) return { following: input.following };
  return { following: input.following, followerCount: await countFollowers({ ideaId }) };
}

export const followIdea = (input: { actor: SessionUser | null; number: number }) => setFollowing({ ...input, following: true });
export const unfollowIdea = (input: { actor: SessionUser | null; number: number }) => setFollowing({ ...input, following: false });

/** The explicit row, if any (for tests and the admin): "following", "unfollowed" or null. */
export async function subscriptionState(input: { userId: number; ideaId: number }): Promise<"following" | "unfollowed" | null> {
  const [row] = await db
    .select({ state: subscriptions.state })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, input.userId), eq(subscriptions.ideaId, input.ideaId)))
    .limit(1);
  return row?.state ?? null;
}
