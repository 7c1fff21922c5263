import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { addComment } from "~/models/comments.server";
import { setIdeaStatus } from "~/models/statuses.server";
import {
  countFollowers,
  followerBatches,
  followIdea,
  isFollowing,
  subscriptionState,
  unfollowIdea,
} from "~/models/subscriptions.server";
import { setVote } from "~/models/votes.server";
import { action as followAction, loader as followLoader } from "~/routes/api.v1.ideas.$number.follow";
import { call, contextFor, jsonRequest } from "../../setup/remix";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters, notifiedUserIds, processNotifications } from "../../setup/notifications";

async function followers(ideaId: number): Promise<number[]> {
  const all: number[] = [];
  for await (const batch of followerBatches(ideaId, 1000)) all.push(...batch);
  return all;
}

describe("followers", () => {
  it("are the author, voters, commenters and explicit followers, each once, in user-id order", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author });
    const voter = await createTestUser();
    const commenter = await createTestUser();
    const follower = await createTestUser();
    const stranger = await createTestUser();
    await setVote({ actor: voter, number: idea.number, voted: true });
    await addComment({ actor: commenter, number: idea.number, body: "Yes please" });
    await addComment({ actor: voter, number: idea.number, body: "Also commenting" });
    expect(await followIdea({ actor: follower, number: idea.number })).toEqual({ following: true });

    expect(await followers(idea.id)).toEqual([author.id, voter.id, commenter.id, follower.id].sort((a, b) => a - b));
    expect(await countFollowers({ ideaId: idea.id })).toBe(4);
    for (const user of [author, voter, commenter, follower]) expect(await isFollowing({ userId: user.id, ideaId: idea.id })).toBe(true);
    expect(await isFollowing({ userId: stranger.id, ideaId: idea.id })).toBe(false);
  });

  it("lose a voter when the vote is withdrawn (the follow came from the vote), but not a voter who also follows", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author });
    const voter = await createTestUser();
    const voterWhoFollows = await createTestUser();
    for (const user of [voter, voterWhoFollows]) await setVote({ actor: user, number: idea.number, voted: true });
    await followIdea({ actor: voterWhoFollows, number: idea.number });
    for (const user of [voter, voterWhoFollows]) await setVote({ actor: user, number: idea.number, voted: false });
    expect(await isFollowing({ userId: voter.id, ideaId: idea.id })).toBe(false);
    expect(await isFollowing({ userId: voterWhoFollows.id, ideaId: idea.id })).toBe(true);
    expect(await subscriptionState({ userId: voter.id, ideaId: idea.id })).toBeNull();
  });

  it("stay away after Unfollow, even when they vote or comment again, until they press Follow", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author });
    const voter = await createTestUser();
    await setVote({ actor: voter, number: idea.number, voted: true });
    expect(await unfollowIdea({ actor: voter, number: idea.number })).toEqual({ following: false });
    // Unfollowing twice is fine; so is unfollowing your own idea.
    expect((await unfollowIdea({ actor: voter, number: idea.number })).following).toBe(false);
    await unfollowIdea({ actor: author, number: idea.number });

    await setVote({ actor: voter, number: idea.number, voted: false });
    await setVote({ actor: voter, number: idea.number, voted: true });
    await addComment({ actor: voter, number: idea.number, body: "Still want it, quietly" });
    expect(await isFollowing({ userId: voter.id, ideaId: idea.id })).toBe(false);
    expect(await followers(idea.id)).toEqual([]);

    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned" });
    await processNotifications();
    expect(await notifiedUserIds(idea.id, "status_changed")).toEqual([]);

    await followIdea({ actor: voter, number: idea.number });
    expect(await followers(idea.id)).toEqual([voter.id]);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped" });
    await processNotifications();
    expect(await notifiedUserIds(idea.id, "status_changed")).toEqual([voter.id]);
  });

  it("stream in keyset batches of the asked size, never more, and leave nobody out", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author });
    const voters = await addVoters(idea.id, 2345);
    // Some voters also comment or follow explicitly: still one entry each.
    await db.execute(sql`INSERT INTO comments (idea_id, author_id, body, body_html) SELECT ${idea.id}::int, unnest(${`{${voters.slice(0, 50).join(",")}}`}::int[]), 'c', '<p>c</p>'`);
    await db.execute(sql`INSERT INTO subscriptions (idea_id, user_id, state) SELECT ${idea.id}::int, unnest(${`{${voters.slice(40, 60).join(",")}}`}::int[]), 'following'`);
    await db.execute(sql`INSERT INTO subscriptions (idea_id, user_id, state) VALUES (${idea.id}, ${voters[100]}, 'unfollowed')`);

    const sizes: number[] = [];
    const all: number[] = [];
    for await (const batch of followerBatches(idea.id, 1000)) {
      sizes.push(batch.length);
      all.push(...batch);
    }
    const expected = [author.id, ...voters.filter((id) => id !== voters[100])].sort((a, b) => a - b);
    expect(sizes).toEqual([1000, 1000, 345]);
    expect(all).toEqual(expected);
    expect(await countFollowers({ ideaId: idea.id })).toBe(expected.length);
  });

  it("come in full batches until the last around people who unfollowed, whichever way they followed, with nobody skipped or repeated", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author });
    const scratch = await createTestIdea({ author });
    // 90 people with ascending ids; each follows this idea one way (some two ways).
    const people = await addVoters(scratch.id, 90);
    const list = (ids: number[]) => `{${ids.join(",")}}`;
    const voters = people.filter((_, i) => i % 3 === 0);
    const commenters = people.filter((_, i) => i % 3 === 1 || i % 5 === 0);
    const explicit = people.filter((_, i) => i % 3 === 2);
    // A run longer than a batch across two batch boundaries, a pair on a boundary, the very last one.
    const unfollowed = new Set(people.filter((_, i) => (i >= 8 && i <= 21) || i === 29 || i === 30 || i === 39 || i === 89));
    await db.execute(sql`INSERT INTO votes (idea_id, user_id) SELECT ${idea.id}::int, unnest(${list(voters)}::int[])`);
    await db.execute(sql`INSERT INTO comments (idea_id, author_id, body, body_html) SELECT ${idea.id}::int, unnest(${list([...commenters, ...commenters.slice(0, 5)])}::int[]), 'c', '<p>c</p>'`);
    await db.execute(sql`INSERT INTO subscriptions (idea_id, user_id, state) SELECT ${idea.id}::int, unnest(${list(explicit)}::int[]), 'following'`);
    await db.execute(sql`INSERT INTO subscriptions (idea_id, user_id, state) SELECT ${idea.id}::int, unnest(${list([...unfollowed])}::int[]), 'unfollowed'
                         ON CONFLICT (idea_id, user_id) DO UPDATE SET state = 'unfollowed'`);

    const expected = [author.id, ...people.filter((id) => !unfollowed.has(id))].sort((a, b) => a - b);
    for (const size of [10, 7, 1, expected.length, expected.length + 1]) {
      const batches: number[][] = [];
      for await (const batch of followerBatches(idea.id, size)) batches.push(batch);
      expect(batches.slice(0, -1).every((b) => b.length === size), `batch size ${size}`).toBe(true);
      expect(batches.flat(), `batch size ${size}`).toEqual(expected);
    }
    expect(await countFollowers({ ideaId: idea.id })).toBe(expected.length);
  });
});

describe("follow API", () => {
  it("POST follows and DELETE unfollows (idempotent), 401 signed out, 404 for unknown ideas, 405 for GET", async () => {
    const author = await createTestUser();
    const user = await createTestUser();
    const idea = await createTestIdea({ author });
    const path = `/api/v1/ideas/${idea.number}/follow`;
    const params = { number: String(idea.number) };
    const run = (method: string, who: typeof user | null, number = params) =>
      call(followAction, { request: jsonRequest(method, path), context: contextFor(who), params: number });

    const followed = await run("POST", user);
    expect(followed.status).toBe(200);
    expect(await followed.json()).toEqual({ following: true });
    expect(await (await run("POST", user)).json()).toEqual({ following: true });
    expect(await (await run("DELETE", user)).json()).toEqual({ following: false });
    expect(await (await run("DELETE", user)).json()).toEqual({ following: false });
    // How many follow is for staff only.
    expect(await (await run("POST", await createTestUser({ role: "staff" }))).json()).toEqual({ following: true, followerCount: 2 });

    expect((await run("POST", null)).status).toBe(401);
    expect((await run("POST", user, { number: "999999" })).status).toBe(404);
    expect((await run("POST", user, { number: "x" })).status).toBe(404);
    expect((await run("PUT", user)).status).toBe(405);
    expect((await call(followLoader, { request: new Request("http://localhost:3000" + path), context: contextFor(user), params })).status).toBe(405);
  });
});
