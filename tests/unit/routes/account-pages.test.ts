import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens, sessions, users } from "../../../db/schema";
import { authenticate, lucia } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { resetRateLimiters } from "~/lib/rate-limit.server";
import { createApiToken } from "~/models/api-tokens.server";
import { addComment } from "~/models/comments.server";
import { updateNotificationSettings } from "~/models/notification-settings.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { followIdea, unfollowIdea } from "~/models/subscriptions.server";
import { setVote } from "~/models/votes.server";
import { createUser } from "~/models/users.server";
import { loader as exportLoader } from "~/routes/api.v1.me.export";
import { action as changeAction, loader as changeLoader } from "~/routes/email-change.$token";
import { action as accountAction, loader as accountLoader } from "~/routes/settings.account";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { linkPath, mailFor } from "../../setup/outbox";
import { call, contextFor, formRequest, ORIGIN } from "../../setup/remix";

beforeEach(() => resetRateLimiters());

async function signedIn(user: { id: number }) {
  const session = await lucia.createSession(user.id, {});
  return (await authenticate({ cookie: `lb_session=${session.id}` }, false)).auth;
}

const post = (auth: Awaited<ReturnType<typeof signedIn>>, fields: Record<string, string>) =>
  call(accountAction, { request: formRequest("/settings/account", fields), context: contextFor(auth.user, { auth }) });

describe("Settings › Account", () => {
  it("signed out goes to sign-in; the page says whether a current password is asked for", async () => {
    const out = await call(accountLoader, { request: new Request(`${ORIGIN}/settings/account`), context: contextFor(null) });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login?redirectTo=%2Fsettings%2Faccount");
    const user = await createUser({ email: "page@example.com", name: "P", password: "page's password" });
    const page = await call(accountLoader, { request: new Request(`${ORIGIN}/settings/account`), context: contextFor(user) });
    expect(await page.json()).toEqual({ email: "page@example.com", hasPassword: true });
  });

  it("password: a wrong current one is a field error (400-range, typed text not echoed); a right one keeps this session only", async () => {
    const user = await createUser({ email: "formpw@example.com", name: "F", password: "the old password" });
    const auth = await signedIn(user);
    const other = await lucia.createSession(user.id, {});
    const wrong = await post(auth, { intent: "password", currentPassword: "nope nope nope", newPassword: "a fresh passphrase" });
    expect(wrong.status).toBe(422);
    const body = await wrong.json();
    expect(body).toMatchObject({ form: "password", errors: { currentPassword: "That is not your current password." } });
    expect(JSON.stringify(body)).not.toContain("fresh passphrase");
    const ok = await post(auth, { intent: "password", currentPassword: "the old password", newPassword: "a fresh passphrase" });
    expect(await ok.json()).toEqual({ form: "password", done: "password" });
    expect((await lucia.validateSession(auth.sessionId!)).session).not.toBeNull();
    expect((await lucia.validateSession(other.id)).session).toBeNull();
  });

  it("email: taken is a field error; otherwise the link at the new address changes it, on a button press", async () => {
    const user = await createUser({ email: "before@example.com", name: "B" });
    await createUser({ email: "someone@example.com", name: "S" });
    const auth = await signedIn(user);
    const taken = await post(auth, { intent: "email", email: "someone@example.com" });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ form: "email", errors: { email: "Another account uses this address." }, values: { email: "someone@example.com" } });

    const sent = await post(auth, { intent: "email", email: "after@example.com" });
    expect(await sent.json()).toEqual({ form: "email", done: "email", sentTo: "after@example.com" });
    const path = linkPath((await mailFor("after@example.com"))[0], /\/email-change\//);
    const token = path.split("/").pop()!;
    // Opening the link (a mail scanner does) changes nothing.
    const shown = await call(changeLoader, { request: new Request(ORIGIN + path), context: contextFor(null), params: { token } });
    expect(await shown.json()).toMatchObject({ email: "after@example.com" });
    expect((await db.select({ email: users.email }).from(users).where(eq(users.id, user.id)))[0].email).toBe("before@example.com");
    const pressed = await call(changeAction, { request: formRequest(path, {}), context: contextFor(null), params: { token } });
    expect(await pressed.json()).toEqual({ outcome: "changed", email: "after@example.com" });
    expect((await db.select({ email: users.email }).from(users).where(eq(users.id, user.id)))[0].email).toBe("after@example.com");
    expect((await mailFor("before@example.com")).map((m) => m.subject)).toEqual(["Your Loopboard email address was changed"]);
    const again = await call(changeAction, { request: formRequest(path, {}), context: contextFor(null), params: { token } });
    expect(again.status).toBe(400);
  });

  it("delete: a wrong password is a field error; the right one deletes, signs out and goes to the goodbye page", async () => {
    const user = await createUser({ email: "bye@example.com", name: "Bye", password: "bye bye password" });
    const auth = await signedIn(user);
    const wrong = await post(auth, { intent: "delete", content: "keep", confirmation: "wrong password" });
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ form: "delete", errors: { confirmation: "That does not match. Nothing was deleted." } });
    const done = await post(auth, { intent: "delete", content: "remove", confirmation: "bye bye password" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/account-deleted");
    expect(done.headers.get("set-cookie")).toMatch(/^lb_session=;/);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
  });

  it("an unknown intent is a 400", async () => {
    const user = await createTestUser();
    expect((await post(await signedIn(user), { intent: "nope" })).status).toBe(400);
  });
});

describe("GET /api/v1/me/export", () => {
  it("is the person's own data as a JSON download, and nothing staff-only or about other people", async () => {
    const me = await createUser({ email: "me@example.com", name: "Me", password: "my password here" });
    const other = await createUser({ email: "other-person@example.com", name: "Other" });
    const staff = await createTestUser({ role: "staff", name: "Staffer" });
    const mine = await createTestIdea({ author: me, title: "My idea", body: "Mine **all** mine" });
    const theirs = await createTestIdea({ author: other, title: "Their idea" });
    const followed = await createTestIdea({ author: other, title: "Followed idea" });
    await setVote({ actor: me, number: theirs.number, voted: true });
    await setVote({ actor: other, number: mine.number, voted: true });
    await addComment({ actor: me, number: theirs.number, body: "My comment" });
    await addComment({ actor: other, number: theirs.number, body: "Their comment" });
    await followIdea({ actor: me, number: followed.number });
    await unfollowIdea({ actor: me, number: mine.number });
    await setIdeaStatus({ actor: staff, number: theirs.number, status: "planned", note: "Staff note" });
    await updateNotificationSettings({ actor: me, emailOnComment: true });
    await createApiToken({ actor: me, name: "Laptop" });

    const response = await call(exportLoader, { request: new Request(`${ORIGIN}/api/v1/me/export`), context: contextFor(me) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="loopboard-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const data = await response.json();
    expect(data.profile).toMatchObject({ id: me.id, name: "Me", email: "me@example.com", role: "member", hasPassword: true });
    expect(data.notificationSettings).toMatchObject({ emailOnComment: true, emailOnStatusChange: true, unsubscribedAllAt: null });
    expect(data.ideas).toEqual([expect.objectContaining({ number: mine.number, title: "My idea", body: "Mine **all** mine", voteCount: 2, url: expect.stringMatching(/^https?:\/\/.+\/ideas\/\d+\/my-idea$/) })]);
    expect(data.comments.map((c: { body: string }) => c.body)).toEqual(["My comment"]);
    expect(data.votes.map((v: { idea: { title: string } }) => v.idea.title).sort()).toEqual(["My idea", "Their idea"]);
    expect(data.follows.map((f: { idea: { title: string }; state: string }) => [f.idea.title, f.state]).sort()).toEqual([
      ["Followed idea", "following"],
      ["My idea", "unfollowed"],
    ]);
    expect(data.apiTokens).toEqual([expect.objectContaining({ name: "Laptop" })]);

    const text = JSON.stringify(data);
    for (const secret of ["other-person@example.com", "Their comment", "Staff note", "followerCount", "passwordHash", "tokenHash", "$argon2"]) {
      expect(text, secret).not.toContain(secret);
    }
    const [hash] = await db.select({ hash: apiTokens.tokenHash }).from(apiTokens).where(eq(apiTokens.userId, me.id));
    expect(text).not.toContain(hash.hash);
  });

  it("answers 401 JSON signed out, and works with a Bearer token", async () => {
    const out = await call(exportLoader, { request: new Request(`${ORIGIN}/api/v1/me/export`), context: contextFor(null) });
    expect(out.status).toBe(401);
    expect(await out.json()).toMatchObject({ error: { code: "unauthorized" } });
    const user = await createTestUser();
    const { token } = await createApiToken({ actor: user, name: "Script" });
    const auth = (await authenticate({ authorization: `Bearer ${token}` }, false)).auth;
    const ok = await call(exportLoader, { request: new Request(`${ORIGIN}/api/v1/me/export`), context: contextFor(auth.user, { auth }) });
    expect((await ok.json()).profile.id).toBe(user.id);
  });
});
