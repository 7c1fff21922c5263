import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { emailDeliveries, users } from "../../../db/schema";
import { db } from "~/lib/db.server";
import { prepareRequest } from "~/lib/request-context.server";
import { signLink, unsubscribeToken, verifyUnsubscribeToken } from "~/lib/signed-links.server";
import { addComment } from "~/models/comments.server";
import { listFailedDeliveries } from "~/models/email-deliveries.server";
import { getNotificationSettings, readUnsubscribeLink, updateNotificationSettings } from "~/models/notification-settings.server";
import { countUnread, listNotifications, markNotificationsRead } from "~/models/notifications.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { isFollowing } from "~/models/subscriptions.server";
import { setVote } from "~/models/votes.server";
import { loader as notificationsLoader, action as notificationsAction } from "~/routes/api.v1.notifications";
import { action as readAction } from "~/routes/api.v1.notifications.read";
import { loader as deliveriesLoader } from "~/routes/admin.deliveries";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/unsubscribe.$token";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { deliveryStates, notifiedUserIds, processNotifications } from "../../setup/notifications";
import { readOutbox } from "../../setup/outbox";

beforeAll(() => {
  process.env.RATE_LIMIT_DISABLED = "true";
});
afterAll(() => {
  delete process.env.RATE_LIMIT_DISABLED;
});

async function mailTo(email: string) {
  return (await readOutbox()).filter((m) => m.to === email);
}

describe("in-app notifications", () => {
  it("reach every follower but the actor, newest first, with unread counts and mark-as-read", async () => {
    const author = await createTestUser({ name: "Ann" });
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const voter = await createTestUser();
    const idea = await createTestIdea({ author, title: "Dark mode" });
    await setVote({ actor: voter, number: idea.number, voted: true });
    await setVote({ actor: staff, number: idea.number, voted: true }); // the actor follows too

    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned", note: "Soon" });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Out now" });
    await processNotifications();

    expect(await notifiedUserIds(idea.id, "status_changed")).toEqual([author.id, author.id, voter.id, voter.id].sort((a, b) => a - b));
    expect((await listNotifications({ actor: staff })).notifications).toEqual([]);

    const { notifications, nextCursor } = await listNotifications({ actor: voter });
    expect(nextCursor).toBeNull();
    expect(notifications).toHaveLength(2);
    expect(notifications[0]).toMatchObject({
      kind: "status_changed",
      status: "shipped",
      actorName: "Sam",
      read: false,
      // The bell lands on the latest status under the idea's title.
      idea: { number: idea.number, title: "Dark mode", url: `/ideas/${idea.number}/dark-mode#latest-status` },
    });
    expect(notifications[0].createdAt).toBeInstanceOf(Date);
    expect(notifications[1].status).toBe("planned");
    expect(notifications[0].createdAt.getTime()).toBeGreaterThanOrEqual(notifications[1].createdAt.getTime());

    // Pagination by cursor.
    const first = await listNotifications({ actor: voter, limit: 1 });
    expect(first.notifications.map((n) => n.id)).toEqual([notifications[0].id]);
    const second = await listNotifications({ actor: voter, limit: 1, cursor: first.nextCursor });
    expect(second.notifications.map((n) => n.id)).toEqual([notifications[1].id]);
    expect(second.nextCursor).toBeNull();

    expect(await countUnread({ actor: voter })).toBe(2);
    // Someone else's ids are ignored.
    const authorsFirst = (await listNotifications({ actor: author })).notifications[0].id;
    expect(await markNotificationsRead({ actor: voter, ids: [notifications[1].id, authorsFirst] })).toEqual({ updated: 1, unread: 1 });
    expect(await countUnread({ actor: author })).toBe(2);
    expect((await listNotifications({ actor: voter })).notifications.map((n) => n.read)).toEqual([false, true]);
    expect(await markNotificationsRead({ actor: voter })).toEqual({ updated: 1, unread: 0 });
    expect(await markNotificationsRead({ actor: voter, ids: [] })).toEqual({ updated: 0, unread: 0 });
  });

  it("for comments: a reply goes to the replied-to author, other comments to followers in the app only, staff 'notify' by email too", async () => {
    const author = await createTestUser({ name: "Ann" });
    const voter = await createTestUser({ name: "Vic" });
    const optedIn = await createTestUser({ name: "Olga" });
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const idea = await createTestIdea({ author, title: "Offline mode" });
    for (const user of [voter, optedIn]) await setVote({ actor: user, number: idea.number, voted: true });
    await updateNotificationSettings({ actor: optedIn, emailOnComment: true });

    // An ordinary comment: followers in the app; by email only the person who opted in.
    const comment = await addComment({ actor: voter, number: idea.number, body: "Please!" });
    await processNotifications();
    expect(await notifiedUserIds(idea.id, "comment")).toEqual([author.id, optedIn.id].sort((a, b) => a - b));
    expect(await mailTo(author.email)).toEqual([]);
    const [optedInMail] = await mailTo(optedIn.email);
    expect(optedInMail.subject).toBe("New comment on “Offline mode”");
    expect(optedInMail.text).toContain("Please!");

    // A reply: the replied-to person hears it as a reply (by email), not also as a follower.
    await addComment({ actor: author, number: idea.number, body: "Thanks for the support", parentId: comment.id });
    await processNotifications();
    expect(await notifiedUserIds(idea.id, "reply")).toEqual([voter.id]);
    const replyMail = await mailTo(voter.email);
    expect(replyMail.map((m) => m.subject)).toEqual(["Ann replied to your comment on “Offline mode”"]);
    expect(replyMail[0].links.some((l) => l.includes(`/ideas/${idea.number}/offline-mode#comment-`))).toBe(true);
    expect((await notifiedUserIds(idea.id, "comment")).filter((id) => id === voter.id)).toEqual([]);

    // Replying to yourself notifies nobody.
    await addComment({ actor: voter, number: idea.number, body: "Me again", parentId: comment.id });
    await processNotifications();
    expect(await notifiedUserIds(idea.id, "reply")).toEqual([voter.id]);

    // Staff with "notify followers": every follower but the staff member, by email too.
    await addComment({ actor: staff, number: idea.number, body: "We started on this.", notify: true });
    await processNotifications();
    expect(await notifiedUserIds(idea.id, "staff_comment")).toEqual([author.id, voter.id, optedIn.id].sort((a, b) => a - b));
    for (const user of [author, voter, optedIn]) {
      expect((await mailTo(user.email)).filter((m) => m.subject === "Sam from the team commented on “Offline mode”")).toHaveLength(1);
    }
    // "notify" from a member is just a comment.
    await addComment({ actor: optedIn, number: idea.number, body: "Great", notify: true });
    await processNotifications();
    expect(await notifiedUserIds(idea.id, "staff_comment")).toHaveLength(3);
  });
});

describe("email settings", () => {
  it("default to status/staff/reply email on and ordinary comment email off; 'all email off' keeps the app notifications", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "admin" });
    const idea = await createTestIdea({ author });
    expect(await getNotificationSettings({ actor: author })).toEqual({
      emailOnStatusChange: true,
      emailOnStaffComment: true,
      emailOnReply: true,
      emailOnComment: false,
      unsubscribedAll: false,
    });
    const updated = await updateNotificationSettings({ actor: author, emailOnReply: "false", unsubscribedAll: true });
    expect(updated).toMatchObject({ emailOnReply: false, unsubscribedAll: true, emailOnStatusChange: true });
    await expect(updateNotificationSettings({ actor: author, emailOnComment: "perhaps" })).rejects.toMatchObject({ status: 422 });
    await expect(getNotificationSettings({ actor: null })).rejects.toMatchObject({ status: 401 });

    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned" });
    await processNotifications();
    expect(await notifiedUserIds(idea.id)).toEqual([author.id]);
    expect(await mailTo(author.email)).toEqual([]);

    expect((await updateNotificationSettings({ actor: author, unsubscribedAll: false })).unsubscribedAll).toBe(false);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "in_progress" });
    await processNotifications();
    expect(await mailTo(author.email)).toHaveLength(1);
  });

  it("are re-checked at send time: unsubscribing after the event but before the send cancels the email", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned" });
    // Fan out only, then unsubscribe, then send.
    const { fanOutNotificationJob } = await import("~/jobs/fan-out-notification.server");
    const { drainQueue } = await import("~/lib/queue.server");
    await drainQueue([fanOutNotificationJob]);
    expect(await deliveryStates(idea.id)).toEqual({ pending: 1 });
    await updateNotificationSettings({ actor: author, unsubscribedAll: true });
    await processNotifications();
    expect(await deliveryStates(idea.id)).toEqual({ cancelled: 1 });
    expect(await mailTo(author.email)).toEqual([]);
  });
});

describe("unsubscribe links", () => {
  it("are HMAC-signed: a changed user, idea or signature does not verify", () => {
    const token = unsubscribeToken(42, 7);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken(token)).toEqual({ purpose: "unsubscribe", userId: 42, scope: 7 });
    expect(verifyUnsubscribeToken(unsubscribeToken(42, "all"))).toEqual({ purpose: "unsubscribe", userId: 42, scope: "all" });
    const raw = Buffer.from(token, "base64url");
    const forged = Buffer.concat([Buffer.from("unsubscribe:43:7"), raw.subarray(raw.length - 32)]).toString("base64url");
    expect(verifyUnsubscribeToken(forged)).toBeNull();
    const flipped = token.slice(0, -2) + (token.at(-2) === "A" ? "B" : "A") + token.at(-1);
    expect(verifyUnsubscribeToken(flipped)).toBeNull();
    expect(verifyUnsubscribeToken("")).toBeNull();
    expect(verifyUnsubscribeToken("not a token")).toBeNull();
    expect(verifyUnsubscribeToken(signLink({ purpose: "unsubscribe", userId: 0, scope: 1 }))).toBeNull();
  });

  it("show a page signed out and unsubscribe from the idea (an explicit unfollow) or from all email", async () => {
    const author = await createTestUser();
    const voter = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author, title: "Export to CSV" });
    await setVote({ actor: voter, number: idea.number, voted: true });
    const token = unsubscribeToken(voter.id, idea.id);
    const path = `/unsubscribe/${token}`;

    const page = await call(unsubscribeLoader, { request: new Request(ORIGIN + path), context: contextFor(null), params: { token } });
    expect(page.status).toBe(200);
    expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(await page.json()).toMatchObject({ link: { idea: { title: "Export to CSV" }, unsubscribedAll: false } });

    const bad = await call(unsubscribeLoader, { request: new Request(ORIGIN + "/unsubscribe/x"), context: contextFor(null), params: { token: "x" } });
    expect(bad.status).toBe(404);
    expect((await call(unsubscribeAction, { request: formRequest("/unsubscribe/x", { intent: "all" }), context: contextFor(null), params: { token: "x" } })).status).toBe(404);

    const done = await call(unsubscribeAction, { request: formRequest(path, { intent: "idea" }), context: contextFor(null), params: { token } });
    expect(await done.json()).toEqual({ done: "idea" });
    expect(await isFollowing({ userId: voter.id, ideaId: idea.id })).toBe(false);
    expect((await readUnsubscribeLink({ token }))!.unsubscribedIdea).toBe(true);

    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned" });
    await processNotifications();
    expect(await notifiedUserIds(idea.id)).toEqual([author.id]);
    expect(await mailTo(voter.email)).toEqual([]);

    const all = await call(unsubscribeAction, { request: formRequest(path, { intent: "all" }), context: contextFor(null), params: { token } });
    expect(await all.json()).toEqual({ done: "all" });
    const [row] = await db.select({ at: users.emailUnsubscribedAllAt }).from(users).where(eq(users.id, voter.id));
    expect(row.at).toBeInstanceOf(Date);
  });

  it("accept the RFC 8058 one-click POST from a mail client: no cookie, no Origin, past the cross-site check", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author });
    const token = unsubscribeToken(author.id, idea.id);
    const path = `/unsubscribe/${token}`;
    const incoming = { method: "POST", url: path, https: true, host: "feedback.example", ip: "203.0.113.9", headers: {} };
    expect((await prepareRequest(incoming)).kind).toBe("continue");
    // Only this path, only with a token that verifies.
    expect(await prepareRequest({ ...incoming, url: "/unsubscribe/forged-token-forged-token-forged-token-forged" })).toMatchObject({ kind: "refuse", status: 403 });
    expect(await prepareRequest({ ...incoming, url: `/settings/notifications` })).toMatchObject({ kind: "refuse", status: 403 });
    expect(await prepareRequest({ ...incoming, url: `${path}/extra` })).toMatchObject({ kind: "refuse", status: 403 });

    const request = new Request(ORIGIN + path, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const response = await call(unsubscribeAction, { request, context: contextFor(null), params: { token } });
    expect(response.status).toBe(200);
    expect(await isFollowing({ userId: author.id, ideaId: idea.id })).toBe(false);
  });
});

describe("notification API", () => {
  it("GET /api/v1/notifications lists with the unread count; POST …/read marks; both need a user", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "under_review" });
    await processNotifications();

    const list = await call(notificationsLoader, { request: new Request(ORIGIN + "/api/v1/notifications?limit=5"), context: contextFor(author) });
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.unread).toBe(1);
    expect(body.notifications).toEqual([
      expect.objectContaining({ kind: "status_changed", status: "under_review", read: false, idea: expect.objectContaining({ number: idea.number }) }),
    ]);
    expect((await call(notificationsLoader, { request: new Request(ORIGIN + "/api/v1/notifications?limit=0"), context: contextFor(author) })).status).toBe(422);
    for (const cursor of ["abc", "99999999999", "0"]) {
      const response = await call(notificationsLoader, { request: new Request(ORIGIN + `/api/v1/notifications?cursor=${cursor}`), context: contextFor(author) });
      expect(response.status).toBe(422);
    }
    expect((await call(notificationsLoader, { request: new Request(ORIGIN + "/api/v1/notifications"), context: contextFor(null) })).status).toBe(401);
    expect((await call(notificationsAction, { request: jsonRequest("POST", "/api/v1/notifications", {}), context: contextFor(author) })).status).toBe(405);

    const bad = await call(readAction, { request: jsonRequest("POST", "/api/v1/notifications/read", { ids: ["x"] }), context: contextFor(author) });
    expect(bad.status).toBe(422);
    const read = await call(readAction, { request: jsonRequest("POST", "/api/v1/notifications/read", { ids: [body.notifications[0].id] }), context: contextFor(author) });
    expect(await read.json()).toEqual({ updated: 1, unread: 0 });
    const all = await call(readAction, { request: jsonRequest("POST", "/api/v1/notifications/read", {}), context: contextFor(author) });
    expect(await all.json()).toEqual({ updated: 0, unread: 0 });
    expect((await call(readAction, { request: jsonRequest("POST", "/api/v1/notifications/read", {}), context: contextFor(null) })).status).toBe(401);
  });
});

describe("failed deliveries", () => {
  it("are for admins only", async () => {
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    expect(Array.isArray(await listFailedDeliveries({ actor: admin }))).toBe(true);
    await expect(listFailedDeliveries({ actor: staff })).rejects.toMatchObject({ status: 403 });
    const page = await call(deliveriesLoader, { request: new Request(ORIGIN + "/admin/deliveries"), context: contextFor(staff) });
    expect(page.status).toBe(403);
    const ok = await call(deliveriesLoader, { request: new Request(ORIGIN + "/admin/deliveries"), context: contextFor(admin) });
    expect(ok.status).toBe(200);
    // Sanity: the table exists and is empty here.
    expect(await db.select().from(emailDeliveries).where(sql`state = 'failed'`)).toEqual([]);
  });
});
