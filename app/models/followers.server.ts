/**
 * Who follows an idea, as the idea page and the admins' follower list show it. Who counts as a
 * follower is decided in subscriptions.server.ts (followerIdsAfter, countFollowers, isFollowing);
 * this module only reads it for display.
 */
import { eq, sql } from "drizzle-orm";
import { ideas } from "../../db/schema";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { forbidden, notFound, unauthorized } from "../lib/errors.server";
import { canFollow, canSeeFollowerCount, canSeeFollowers } from "../permissions";
import { isPositiveInt4 } from "../schemas/limits";
import { ideaUrl } from "../idea-links";
import { countFollowers, followerIdsAfter, isFollowing } from "./subscriptions.server";

export const FOLLOWERS_PAGE_SIZE = 50;

export interface IdeaFollowState {
  /** Whether the reader follows the idea; null when signed out. */
  following: boolean | null;
  /** How many follow it: staff only (null for everyone else). */
  followerCount: number | null;
  /** Whom a status change or staff update by this reader would reach: the followers but themself (staff only). */
  notifyCount: number | null;
}

/** What the idea page shows about following, for this reader. */
export async function getIdeaFollowState(input: { actor: SessionUser | null; ideaId: number }): Promise<IdeaFollowState> {
  const { actor, ideaId } = input;
  const following = actor && canFollow(actor) ? await isFollowing({ userId: actor.id, ideaId }) : null;
  const followerCount = canSeeFollowerCount(actor) ? await countFollowers({ ideaId }) : null;
  // The actor never hears about their own change.
  const notifyCount = followerCount === null ? null : Math.max(followerCount - (following ? 1 : 0), 0);
  return { following, followerCount, notifyCount };
}

/**
 * An idea's follow fields in the JSON API: `followedByMe` for everyone (false signed out), and
 * `followerCount` for staff only — absent, not null, for anyone else.
 */
export function followStateToJson(state: IdeaFollowState): { followedByMe: boolean; followerCount?: number } {
  return { followedByMe: state.following ?? false, ...(state.followerCount === null ? {} : { followerCount: state.followerCount }) };
}

export interface FollowerRow {
  id: number;
  name: string;
  email: string;
}

/**
 * One page of an idea's followers, by user id (admins only). `after` is the previous page's
 * `nextAfter`. The page is the same keyset walk the notification fan-out uses.
 */
export async function listFollowers(input: {
  actor: SessionUser | null;
  number: number;
  after?: number | string | null;
  limit?: number;
}): Promise<{ idea: { number: number; title: string; url: string }; followers: FollowerRow[]; total: number; nextAfter: number | null }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canSeeFollowers(actor)) throw forbidden();
  if (!isPositiveInt4(input.number)) throw notFound();
  const [idea] = await db.select({ id: ideas.id, number: ideas.number, slug: ideas.slug, title: ideas.title }).from(ideas).where(eq(ideas.number, input.number)).limit(1);
  if (!idea) throw notFound();
  const rawAfter = typeof input.after === "string" && /^\d{1,10}$/.test(input.after) ? Number(input.after) : typeof input.after === "number" ? input.after : 0;
  const after = isPositiveInt4(rawAfter) ? rawAfter : 0;
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? FOLLOWERS_PAGE_SIZE) || FOLLOWERS_PAGE_SIZE, 1), 200);
  const rows = await queryRows<{ id: number; name: string; email: string }>(
    db,
    sql`SELECT u.id, u.name, u.email
        FROM (${followerIdsAfter({ ideaId: idea.id, after, limit: limit + 1 })}) f
        JOIN users u ON u.id = f.user_id
        ORDER BY u.id`,
  );
  const page = rows.slice(0, limit).map((r) => ({ id: Number(r.id), name: r.name, email: r.email }));
  return {
    idea: { number: idea.number, title: idea.title, url: ideaUrl(idea) },
    followers: page,
    total: await countFollowers({ ideaId: idea.id }),
    nextAfter: rows.length > limit ? page[page.length - 1].id : null,
  };
}
