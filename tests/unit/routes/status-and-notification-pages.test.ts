/**
 * The pages that close the loop, called as the browser calls them: the idea page's status form,
 * timeline, Follow and staff "notify followers"; the follower list; the notifications page and
 * the header's unread count; roadmap and changelog pages.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { resetRateLimiters } from "~/lib/rate-limit.server";
import type { SessionUser } from "~/lib/auth.server";
import { countUnread, listNotifications } from "~/models/notifications.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { isFollowing } from "~/models/subscriptions.server";
import { loader as rootLoader } from "~/root";
import { action as ideaAction, loader as ideaLoader } from "~/routes/ideas.$number.($slug)";
import { action as followAction, loader as followLoader } from "~/routes/ideas.$number.follow";
import { loader as followersLoader } from "~/routes/ideas.$number.followers";
import { action as notificationsAction, loader as notificationsLoader } from "~/routes/notifications";
import { loader as openLoader } from "~/routes/notifications.$id.open";
import { loader as roadmapLoader } from "~/routes/roadmap";
import { loader as changelogLoader } from "~/routes/changelog";
import { call, contextFor, formRequest, ORIGIN } from "../../setup/remix";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters, notifiedUserIds, processNotifications } from "../../setup/notifications";

beforeEach(() => resetRateLimiters());

const get = (path: string) => new Request(ORIGIN + path);
type Idea = Awaited<ReturnType<typeof createTestIdea>>;

/** A form post with repeated names (a hidden "false" followed by a ticked checkbox's "true"). */
function postPairs(path: string, pairs: Array<[string, string]>): Request {
  return new Request(ORIGIN + path, {
    method: "POST",
    body: new URLSearchParams(pairs),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
  });
}

const ideaParams = (idea: Idea) => ({ number: String(idea.number), slug: idea.slug });
const loadIdea = async (idea: Idea, actor: SessionUser | null) =>
  (await call(ideaLoader, { request: get(idea.url), context: contextFor(actor), params: ideaParams(idea) })).json();
const changeStatus = (idea: Idea, actor: SessionUser, pairs: Array<[string, string]>) =>
  call(ideaAction, { request: postPairs(idea.url, [["intent", "status"], ...pairs]), context: contextFor(actor), params: ideaParams(idea) });

async function eventKinds(ideaId: number): Promise<string[]> {
  const rows = await queryRows<{ kind: string }>(db, sql`SELECT kind FROM notification_events WHERE idea_id = ${ideaId}::int ORDER BY id`);
  return rows.map((r) => r.kind);
}

describe("the status form on the idea page", () => {
  it("is offered to staff with the follower count, never to members or visitors", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const admin = await createTestUser({ role: "admin" });
    const idea = await createTestIdea({ author });
    await addVoters(idea.id, 1283);

    const asStaff = await loadIdea(idea, staff);
    expect(asStaff).toMatchObject({ canChangeStatus: true, isStaff: true, statusNoteMax: 5000 });
    expect(asStaff.follow).toMatchObject({ following: false, followerCount: 1284, followerCountText: "1,284", notifyCountText: "1,284", canSeeFollowers: false });
    // An admin who presses Follow follows too, but is not told about their own change.
    await call(followAction, {
      request: formRequest(`/ideas/${idea.number}/follow`, { intent: "follow", via: "fetcher" }),
      context: contextFor(admin),
      params: { number: String(idea.number) },
    });
    expect((await loadIdea(idea, admin)).follow).toMatchObject({ following: true, followerCount: 1285, notifyCount: 1284, canSeeFollowers: true });

    const asMember = await loadIdea(idea, author);
    expect(asMember).toMatchObject({ canChangeStatus: false, isStaff: false });
    expect(asMember.follow).toMatchObject({ following: true, followerCount: null, followerCountText: null, canSeeFollowers: false });
    const asVisitor = await loadIdea(idea, null);
    expect(asVisitor.canChangeStatus).toBe(false);
    expect(asVisitor.follow).toMatchObject({ following: null, followerCount: null });
  });

  it("answers a member who posts it anyway with 403 and changes nothing", async () => {
    const member = await createTestUser();
    const idea = await createTestIdea({ author: member });
    const res = await changeStatus(idea, member, [["status", "shipped"], ["note", "Done"], ["notify", "false"], ["notify", "true"]]);
    expect(res.status).toBe(403);
    expect((await loadIdea(idea, member)).idea.status).toBe("open");
    expect(await eventKinds(idea.id)).toEqual([]);
  });

  it("asks for a note when declining, keeping what was typed, and refuses the current status", async () => {
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author: await createTestUser() });
    const declined = await changeStatus(idea, staff, [["status", "declined"], ["note", "   "], ["notify", "false"]]);
    expect(declined.status).toBe(422);
    const body = await declined.json();
    expect(body).toMatchObject({ form: "status", errors: { note: "Say why the idea is declined: a note is required." }, values: { status: "declined", notify: "false" } });
    const same = await changeStatus(idea, staff, [["status", "open"]]);
    expect(same.status).toBe(422);
    expect((await same.json()).errors.status).toMatch(/^The idea already has this status\./);
    const unknown = await changeStatus(idea, staff, [["status", "launched"]]);
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors.status).toBe("Choose one of the statuses.");
    expect((await loadIdea(idea, staff)).idea.status).toBe("open");
  });

  it("with the box unticked changes the status quietly; ticked (the default) tells every follower once", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const idea = await createTestIdea({ author });
    const voters = await addVoters(idea.id, 3);

    const quiet = await changeStatus(idea, staff, [["status", "planned"], ["note", "Next quarter"], ["notify", "false"]]);
    expect(quiet.status).toBe(302);
    // Back under the title, where the page confirms the change.
    expect(quiet.headers.get("location")).toMatch(new RegExp(`^${idea.url}\\?changed=\\d+#latest-status$`));
    await processNotifications();
    expect(await notifiedUserIds(idea.id)).toEqual([]);

    const loud = await changeStatus(idea, staff, [["status", "shipped"], ["note", "It is **out**"], ["notify", "false"], ["notify", "true"]]);
    expect(loud.status).toBe(302);
    await processNotifications();
    expect(await notifiedUserIds(idea.id)).toEqual([author.id, ...voters].sort((a, b) => a - b));

    // The timeline shows both changes with who, from → to and the rendered note; staff see which was quiet.
    const page = await loadIdea(idea, staff);
    expect(page.idea.status).toBe("shipped");
    expect(page.statusChanges).toEqual([
      expect.objectContaining({ fromStatus: "open", toStatus: "planned", notified: false, actor: { id: staff.id, name: "Sam" }, noteHtml: expect.stringContaining("Next quarter") }),
      expect.objectContaining({ fromStatus: "planned", toStatus: "shipped", notified: true, noteHtml: expect.stringContaining("<strong>out</strong>") }),
    ]);
    expect(page.statusChanges[0].date).toMatch(/\d{4}/);
    expect(page.statusChanges[0]).not.toHaveProperty("note");
  });
});

describe("staff comments with “notify followers”", () => {
  it("make a staff update for staff who tick it, and an ordinary comment for members whatever they send", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const idea = await createTestIdea({ author });
    const post = (actor: SessionUser, fields: Record<string, string>) =>
      call(ideaAction, { request: formRequest(idea.url, { intent: "comment", ...fields }), context: contextFor(actor), params: ideaParams(idea) });

    expect((await post(staff, { body: "We are on it", notify: "true" })).status).toBe(302);
    expect((await post(staff, { body: "Just a remark" })).status).toBe(302);
    expect((await post(member, { body: "Me too", notify: "true" })).status).toBe(302);
    expect(await eventKinds(idea.id)).toEqual(["staff_comment", "comment", "comment"]);
  });
});

describe("Follow / Unfollow", () => {
  const follow = (idea: Idea, actor: SessionUser | null, fields: Record<string, string>) =>
    call(followAction, { request: formRequest(`/ideas/${idea.number}/follow`, fields), context: contextFor(actor), params: { number: String(idea.number) } });

  it("answers a fetcher with JSON and a plain form with a redirect back; the page shows the state", async () => {
    const reader = await createTestUser();
    const idea = await createTestIdea({ author: await createTestUser() });

    const followed = await follow(idea, reader, { intent: "follow", via: "fetcher", redirectTo: idea.url });
    expect(followed.status).toBe(200);
    expect(await followed.json()).toEqual({ following: true });
    expect(await isFollowing({ userId: reader.id, ideaId: idea.id })).toBe(true);
    expect((await loadIdea(idea, reader)).follow.following).toBe(true);

    const plain = await follow(idea, reader, { intent: "unfollow", redirectTo: `${idea.url}?x=1#comments` });
    expect(plain.status).toBe(302);
    expect(plain.headers.get("location")).toBe(`${idea.url}?x=1#follow`);
    expect(await isFollowing({ userId: reader.id, ideaId: idea.id })).toBe(false);
    expect((await loadIdea(idea, reader)).follow.following).toBe(false);

    const offsite = await follow(idea, reader, { intent: "follow", redirectTo: "https://evil.example/" });
    expect(offsite.headers.get("location")).toBe(`/ideas/${idea.number}#follow`);
  });

  it("sends the signed-out to sign in, and refuses a bad intent (400) or an unknown idea (404)", async () => {
    const reader = await createTestUser();
    const idea = await createTestIdea({ author: reader });
    const signedOut = await follow(idea, null, { intent: "follow", redirectTo: idea.url });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(idea.url)}`);
    expect((await follow(idea, reader, { intent: "maybe" })).status).toBe(400);
    const missing = await call(followAction, {
      request: formRequest("/ideas/999999/follow", { intent: "follow", via: "fetcher" }),
      context: contextFor(reader),
      params: { number: "999999" },
    });
    expect(missing.status).toBe(404);
    const getRequest = await call(followLoader, { request: get(`/ideas/${idea.number}/follow`), context: contextFor(reader), params: { number: String(idea.number) } });
    expect(getRequest.status).toBe(302);
  });
});

describe("the follower list", () => {
  it("is for admins only, 50 a page by user id", async () => {
    const author = await createTestUser({ name: "Author" });
    const idea = await createTestIdea({ author });
    await addVoters(idea.id, 60);
    const load = (actor: SessionUser, query = "") =>
      call(followersLoader, { request: get(`/ideas/${idea.number}/followers${query}`), context: contextFor(actor), params: { number: String(idea.number) } });

    expect((await load(await createTestUser({ role: "staff" }))).status).toBe(403);
    expect((await load(author)).status).toBe(403);
    const admin = await createTestUser({ role: "admin" });
    const first = await (await load(admin)).json();
    expect(first).toMatchObject({ total: 61, totalText: "61", paged: false, idea: { number: idea.number, url: idea.url } });
    expect(first.followers).toHaveLength(50);
    expect(first.followers[0]).toEqual({ id: author.id, name: "Author", email: author.email });
    const second = await (await load(admin, `?after=${first.nextAfter}`)).json();
    expect(second.followers).toHaveLength(11);
    expect(second.nextAfter).toBeNull();
    const ids = [...first.followers, ...second.followers].map((f: { id: number }) => f.id);
    expect(new Set(ids).size).toBe(61);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const missing = await call(followersLoader, { request: get("/ideas/999999/followers"), context: contextFor(admin), params: { number: "999999" } });
    expect(missing.status).toBe(404);
  });
});

describe("the notifications page and the bell", () => {
  /** An idea by `member`, shipped by staff, then commented on by staff (with notify) and replied to. */
  async function busyIdea() {
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const idea = await createTestIdea({ author: member, title: "Dark mode" });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Out now" });
    const post = (actor: SessionUser, fields: Record<string, string>) =>
      call(ideaAction, { request: formRequest(idea.url, { intent: "comment", ...fields }), context: contextFor(actor), params: ideaParams(idea) });
    await post(member, { body: "Thanks!" });
    const [mine] = await queryRows<{ id: number }>(db, sql`SELECT id FROM comments WHERE idea_id = ${idea.id}::int ORDER BY id LIMIT 1`);
    await post(staff, { body: "Enjoy", notify: "true" });
    await post(staff, { body: "You are welcome", parentId: String(mine.id) });
    await processNotifications();
    return { member, staff, idea };
  }

  it("lists notifications newest first with the unread count in the header; opening one marks it read", async () => {
    const { member, idea } = await busyIdea();
    const rootData = await (await call(rootLoader, { request: get("/"), context: contextFor(member) })).json();
    expect(rootData.unread).toBe(3);
    expect((await (await call(rootLoader, { request: get("/"), context: contextFor(null) })).json()).unread).toBe(0);

    const page = await (await call(notificationsLoader, { request: get("/notifications"), context: contextFor(member) })).json();
    expect(page).toMatchObject({ unread: 3, unreadText: "3", paged: false, nextCursor: null });
    expect(page.notifications.map((n: { kind: string; read: boolean }) => [n.kind, n.read])).toEqual([
      ["reply", false],
      ["staff_comment", false],
      ["status_changed", false],
    ]);
    expect(page.notifications[2]).toMatchObject({ status: "shipped", idea: { title: "Dark mode" } });

    const reply = page.notifications[0];
    const opened = await call(openLoader, { request: get(`/notifications/${reply.id}/open`), context: contextFor(member), params: { id: String(reply.id) } });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(`${idea.url}#comment-${reply.commentId}`);
    expect(opened.headers.get("x-remix-revalidate")).toBe("yes");
    expect(await countUnread({ actor: member })).toBe(2);
    // Opening it again still works; someone else's id, or nonsense, is a 404.
    expect((await call(openLoader, { request: get(`/notifications/${reply.id}/open`), context: contextFor(member), params: { id: String(reply.id) } })).status).toBe(302);
    const stranger = await createTestUser();
    for (const id of [String(reply.id), "0", "abc", "99999999999999999999"]) {
      const res = await call(openLoader, { request: get(`/notifications/${id}/open`), context: contextFor(stranger), params: { id } });
      expect(res.status).toBe(404);
    }
    const shipped = page.notifications[2];
    const toIdea = await call(openLoader, { request: get(`/notifications/${shipped.id}/open`), context: contextFor(member), params: { id: String(shipped.id) } });
    // A status change lands on the latest status under the idea's title.
    expect(toIdea.headers.get("location")).toBe(`${idea.url}#latest-status`);
  });

  it("marks one, then all, as read with plain forms, and ignores other people's ids", async () => {
    const { member, staff } = await busyIdea();
    const [newest, , oldest] = (await listNotifications({ actor: member })).notifications;
    const post = (actor: SessionUser, fields: Record<string, string>) =>
      call(notificationsAction, { request: formRequest("/notifications", fields), context: contextFor(actor) });

    const one = await post(member, { intent: "read", id: String(oldest.id), redirectTo: "/notifications?cursor=123" });
    expect(one.status).toBe(302);
    expect(one.headers.get("location")).toBe("/notifications?cursor=123");
    const after = (await listNotifications({ actor: member })).notifications;
    expect(after.map((n) => n.read)).toEqual([false, false, true]);

    // Staff cannot mark the member's notification read.
    expect((await post(staff, { intent: "read", id: String(newest.id) })).status).toBe(302);
    expect(await countUnread({ actor: member })).toBe(2);

    const all = await post(member, { intent: "readAll", redirectTo: "https://evil.example/" });
    expect(all.headers.get("location")).toBe("/notifications");
    expect(await countUnread({ actor: member })).toBe(0);
    expect((await post(member, { intent: "shout" })).status).toBe(400);
    expect((await post(member, { intent: "read", id: "x" })).status).toBe(400);
  });

  it("pages with a cursor, and sends the signed-out to sign in", async () => {
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author: member });
    const statuses = ["under_review", "planned", "in_progress", "shipped", "in_progress"] as const;
    for (let round = 0; round < 5; round++) {
      for (const status of statuses) await setIdeaStatus({ actor: staff, number: idea.number, status });
    }
    await processNotifications();
    const first = await (await call(notificationsLoader, { request: get("/notifications"), context: contextFor(member) })).json();
    expect(first.notifications).toHaveLength(20);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await call(notificationsLoader, { request: get(`/notifications?cursor=${first.nextCursor}`), context: contextFor(member) })).json();
    expect(second).toMatchObject({ paged: true, nextCursor: null });
    expect(second.notifications).toHaveLength(5);
    const signedOut = await call(notificationsLoader, { request: get("/notifications"), context: contextFor(null) });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("roadmap and changelog pages", () => {
  it("show the columns and the shipped ideas by month, filtered by board, with the board's feed", async () => {
    const staff = await createTestUser({ role: "staff" });
    const board = await createTestBoard({ name: "Mobile" });
    const idea = await createTestIdea({ author: await createTestUser(), board, title: "Widgets" });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Shipped **today**", notify: false });

    const roadmap = await (await call(roadmapLoader, { request: get(`/roadmap?board=${board.slug}`), context: contextFor(null) })).json();
    expect(roadmap.board).toEqual({ slug: board.slug, name: "Mobile" });
    expect(roadmap.boards).toContainEqual({ slug: board.slug, name: "Mobile" });
    expect(roadmap.columns.map((c: { status: string; totalText: string }) => [c.status, c.totalText])).toEqual([
      ["under_review", "0"],
      ["planned", "0"],
      ["in_progress", "0"],
      ["shipped", "1"],
    ]);

    const changelog = await (await call(changelogLoader, { request: get(`/changelog?board=${board.slug}`), context: contextFor(null) })).json();
    expect(changelog.feed).toEqual({ href: `/changelog.atom?board=${board.slug}`, title: "Loopboard changelog: Mobile" });
    const month = new Date().toLocaleDateString("en", { month: "long", year: "numeric", timeZone: "UTC" });
    expect(changelog.months).toEqual([
      expect.objectContaining({ heading: month, entries: [expect.objectContaining({ title: "Widgets", noteHtml: expect.stringContaining("<strong>today</strong>") })] }),
    ]);
    for (const loader of [roadmapLoader, changelogLoader]) {
      expect((await call(loader, { request: get("/x?board=nope"), context: contextFor(null) })).status).toBe(404);
    }
    expect((await call(changelogLoader, { request: get("/changelog?cursor=%%%"), context: contextFor(null) })).status).toBe(400);
  });
});
