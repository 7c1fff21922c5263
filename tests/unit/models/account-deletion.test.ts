import { beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { apiTokens, comments, emailTokens, ideas, notifications, sessions, subscriptions, users, votes } from "../../../db/schema";
import { findDashboardCounterDrift } from "~/models/dashboard-counters.server";
import { findCountDrift } from "~/jobs/reconcile-counts.server";
import { lucia } from "~/lib/auth.server";
import { userForApiToken } from "~/lib/api-tokens.server";
import { db, queryRows } from "~/lib/db.server";
import { AppError } from "~/lib/errors.server";
import { resetRateLimiters } from "~/lib/rate-limit.server";
import { unsubscribeToken } from "~/lib/signed-links.server";
import { deleteAccount, deletedAddress } from "~/models/account-deletion.server";
import { createApiToken } from "~/models/api-tokens.server";
import { addComment, listComments } from "~/models/comments.server";
import { getIdea } from "~/models/ideas.server";
import { readUnsubscribeLink } from "~/models/notification-settings.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { countFollowers, followIdea } from "~/models/subscriptions.server";
import { setVote } from "~/models/votes.server";
import { createUser, signInWithPassword } from "~/models/users.server";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { notifiedUserIds, processNotifications } from "../../setup/notifications";

beforeEach(() => resetRateLimiters());

const count = async (table: typeof votes | typeof comments | typeof subscriptions | typeof notifications | typeof sessions | typeof apiTokens, where: ReturnType<typeof eq>) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0].n;

/**
 * Dee posts an idea, votes on others' ideas, comments (one comment gets a reply from Eve),
 * follows an idea, has notifications, sessions and an API token. Returns what the checks need.
 */
async function busyMember() {
  const dee = await createUser({ email: `dee-${Date.now()}@example.com`, name: "Dee", password: "dee's own password" });
  const eve = await createTestUser({ name: "Eve" });
  const staff = await createTestUser({ role: "staff" });
  const own = await createTestIdea({ author: dee, title: "Dee's idea" });
  await setVote({ actor: eve, number: own.number, voted: true });
  await addComment({ actor: eve, number: own.number, body: "Eve on Dee's idea" });
  const other = await createTestIdea({ author: eve, title: "Eve's idea" });
  const third = await createTestIdea({ author: eve, title: "Third idea" });
  await setVote({ actor: dee, number: other.number, voted: true });
  await setVote({ actor: dee, number: third.number, voted: true });
  const deeComment = await addComment({ actor: dee, number: other.number, body: "Dee was here" });
  await addComment({ actor: eve, number: other.number, body: "Eve replies to Dee", parentId: deeComment.id });
  await addComment({ actor: eve, number: other.number, body: "Eve on her own" });
  await followIdea({ actor: dee, number: third.number });
  await setIdeaStatus({ actor: staff, number: other.number, status: "planned" });
  await processNotifications();
  expect(await count(notifications, eq(notifications.userId, dee.id))).toBeGreaterThan(0);
  await lucia.createSession(dee.id, {});
  const { token } = await createApiToken({ actor: dee, name: "CI" });
  return { dee, eve, staff, own, other, third, token };
}

async function expectNothingPersonalLeft(deeId: number, token: string) {
  expect(await count(votes, eq(votes.userId, deeId))).toBe(0);
  expect(await count(notifications, eq(notifications.userId, deeId))).toBe(0);
  expect(await count(sessions, eq(sessions.userId, deeId))).toBe(0);
  expect(await count(apiTokens, eq(apiTokens.userId, deeId))).toBe(0);
  expect(await count(subscriptions, sql`${subscriptions.userId} = ${deeId} AND ${subscriptions.state} = 'following'`)).toBe(0);
  expect(await userForApiToken(token)).toBeNull();
  const [row] = await db.select().from(users).where(eq(users.id, deeId));
  expect(row).toMatchObject({ email: deletedAddress(deeId), name: "", passwordHash: null, role: "member" });
  expect(row.deletedAt).toBeInstanceOf(Date);
  expect(await readUnsubscribeLink({ token: unsubscribeToken(deeId, "all") })).toBeNull();
  // The counters equal their rows, everywhere: the ideas' and the dashboard's.
  expect((await findCountDrift()).drifted).toEqual([]);
  expect(await findDashboardCounterDrift()).toEqual({ days: [], responseIdeaIds: [] });
}

describe("deleting an account", () => {
  it("keep: ideas and comments stay under 'deleted user'; votes, follows, notifications, sessions and tokens go; counts equal rows", async () => {
    const { dee, eve, staff, own, other, third, token } = await busyMember();
    await deleteAccount({ actor: dee, content: "keep", confirmation: "dee's own password" });

    await expectNothingPersonalLeft(dee.id, token);
    const kept = await getIdea({ actor: null, number: own.number });
    expect(kept).toMatchObject({ title: "Dee's idea", author: { id: dee.id, name: "" }, voteCount: 1, commentCount: 1 });
    expect(await getIdea({ actor: null, number: other.number })).toMatchObject({ voteCount: 1, commentCount: 3 });
    expect(await getIdea({ actor: null, number: third.number })).toMatchObject({ voteCount: 1 });
    const thread = await listComments({ actor: null, ideaId: other.id });
    expect(thread.find((c) => c.body === "Dee was here")).toMatchObject({ author: { id: dee.id, name: "" }, replies: [expect.objectContaining({ body: "Eve replies to Dee" })] });
    // The tombstone follows nothing, not even what it wrote.
    expect(await countFollowers({ ideaId: own.id })).toBe(1);
    await setIdeaStatus({ actor: staff, number: own.number, status: "shipped" });
    await processNotifications();
    expect(await notifiedUserIds(own.id, "status_changed")).toEqual([eve.id]);
    // The address is free, and nobody can sign in as the tombstone.
    expect(await signInWithPassword({ email: dee.email, password: "dee's own password" })).toBeNull();
    await createUser({ email: dee.email, name: "New Dee" });
  });

  it("remove: the person's ideas and comments (with the replies to them) go too; counts equal rows", async () => {
    const { dee, own, other, third, token } = await busyMember();
    await deleteAccount({ actor: dee, content: "remove", confirmation: "dee's own password" });

    await expectNothingPersonalLeft(dee.id, token);
    expect(await getIdea({ actor: null, number: own.number })).toBeNull();
    expect(await count(comments, eq(comments.authorId, dee.id))).toBe(0);
    expect(await db.select().from(ideas).where(eq(ideas.authorId, dee.id))).toEqual([]);
    expect(await getIdea({ actor: null, number: other.number })).toMatchObject({ voteCount: 1, commentCount: 1 });
    expect((await listComments({ actor: null, ideaId: other.id })).map((c) => c.body)).toEqual(["Eve on her own"]);
    expect(await getIdea({ actor: null, number: third.number })).toMatchObject({ voteCount: 1 });
  });

  it("needs the password (or, without one, the email address typed) and a choice; a wrong one deletes nothing", async () => {
    const { dee } = await busyMember();
    const refusal = (e: unknown) => e as AppError;
    const wrong = refusal(await deleteAccount({ actor: dee, content: "keep", confirmation: "not my password" }).catch((e) => e));
    expect(wrong).toBeInstanceOf(AppError);
    expect(wrong.status).toBe(422);
    expect(wrong.fields).toEqual({ confirmation: "That does not match. Nothing was deleted." });
    const noChoice = refusal(await deleteAccount({ actor: dee, content: "", confirmation: "dee's own password" }).catch((e) => e));
    expect(noChoice.fields?.content).toBe("Choose what happens to your ideas and comments.");
    expect(await count(votes, eq(votes.userId, dee.id))).toBe(3);
    expect(await signInWithPassword({ email: dee.email, password: "dee's own password" })).toMatchObject({ id: dee.id });

    const linkOnly = await createUser({ email: "links@example.com", name: "Lin" });
    await db.insert(emailTokens).values({ kind: "sign_in", tokenHash: "x".repeat(64), email: "links@example.com", userId: linkOnly.id, expiresAt: new Date(Date.now() + 60_000) });
    expect(refusal(await deleteAccount({ actor: linkOnly, content: "keep", confirmation: "someone@example.com" }).catch((e) => e)).status).toBe(422);
    await deleteAccount({ actor: linkOnly, content: "keep", confirmation: " Links@Example.com " });
    expect(await db.select().from(emailTokens).where(eq(emailTokens.email, "links@example.com"))).toEqual([]);
    // Deleting twice (a second tab) is refused: the account is gone.
    expect(refusal(await deleteAccount({ actor: linkOnly, content: "keep", confirmation: "links@example.com" }).catch((e) => e)).status).toBe(401);
  });

  it("a staff member's status changes stay on the ideas' timelines", async () => {
    const author = await createTestUser();
    const staff = await createUser({ email: "leaving-staff@example.com", name: "Sam", role: "staff", password: "sam's own password" });
    const idea = await createTestIdea({ author });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned", note: "Soon" });
    await deleteAccount({ actor: staff, content: "remove", confirmation: "sam's own password" });
    const rows = await queryRows<{ actor_id: number }>(db, sql`SELECT actor_id FROM status_changes WHERE idea_id = ${idea.id}::int`);
    expect(rows.map((r) => Number(r.actor_id))).toEqual([staff.id]);
    expect(await getIdea({ actor: null, number: idea.number })).toMatchObject({ status: "planned" });
  });
});
