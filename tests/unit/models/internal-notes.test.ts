/**
 * Internal notes never reach a member or a visitor, through any door, and reach staff. Each door
 * is tested with a marker string of its own, written only into an internal note.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { comments, ideas, notificationEvents } from "../../../db/schema";
import type { SessionUser } from "~/lib/auth.server";
import { db, queryRows } from "~/lib/db.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { findCountDrift } from "~/jobs/reconcile-counts.server";
import { addComment, deleteComment, getComment, listComments, updateComment } from "~/models/comments.server";
import { listIdeas } from "~/models/idea-listing.server";
import { listNotifications } from "~/models/notifications.server";
import { getStats } from "~/models/stats.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { followIdea } from "~/models/subscriptions.server";
import { setUserRole } from "~/models/users.server";
import { loader as ideaPageLoader } from "~/routes/ideas.$number.($slug)";
import { loader as ideaJsonLoader } from "~/routes/api.v1.ideas.$number";
import { action as commentsAction, loader as commentsLoader } from "~/routes/api.v1.ideas.$number.comments";
import { loader as commentLoader } from "~/routes/api.v1.comments.$id";
import { action as attachmentsAction, loader as attachmentsLoader } from "~/routes/api.v1.ideas.$number.attachments";
import { loader as fileLoader } from "~/routes/attachments.$key.($variant)";
import { loader as feedLoader } from "~/routes/changelog[.]atom";
import { loader as exportLoader } from "~/routes/api.v1.me.export";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { processNotifications } from "../../setup/notifications";
import { call, contextFor, jsonRequest, ORIGIN } from "../../setup/remix";
import { sinkPerTest } from "../../setup/smtp";

const useSink = sinkPerTest();
let staff: SessionUser;
let member: SessionUser;

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = "true";
  staff = await createTestUser({ role: "staff", name: "Sam" });
  member = await createTestUser({ name: "Mia" });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await releaseWorkerInstance();
});

/** An idea by the member, followed by them, with one public comment and one internal note carrying `marker`. */
async function ideaWithNote(marker: string) {
  const idea = await createTestIdea({ author: member, title: `Offline mode ${marker.slice(0, 6)}` });
  const visible = await addComment({ actor: member, number: idea.number, body: "Works on the train?" });
  const note = await addComment({ actor: staff, number: idea.number, body: `Customer is ${marker}, worth 40k a year`, internal: true });
  return { idea, visible, note };
}

const get = (path: string) => new Request(ORIGIN + path);
const text = async (response: Response) => response.text();

describe("internal notes: who may write one", () => {
  it("POST /api/v1/ideas/:n/comments with internal: true is 403 for a member (the API's error shape), 201 for staff", async () => {
    const idea = await createTestIdea({ author: member });
    const path = `/api/v1/ideas/${idea.number}/comments`;
    const refused = await call(commentsAction, { request: jsonRequest("POST", path, { body: "psst", internal: true }), context: contextFor(member), params: { number: String(idea.number) } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
    const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM comments WHERE idea_id = ${idea.id}::int`);
    expect(Number(n)).toBe(0);

    const made = await call(commentsAction, { request: jsonRequest("POST", path, { body: "Enterprise ask", internal: true }), context: contextFor(staff), params: { number: String(idea.number) } });
    expect(made.status).toBe(201);
    expect((await made.json()).comment).toMatchObject({ body: "Enterprise ask", internal: true, isStaff: true });
    const bad = await call(commentsAction, { request: jsonRequest("POST", path, { body: "x", internal: "maybe" }), context: contextFor(staff), params: { number: String(idea.number) } });
    expect(bad.status).toBe(422);
  });

  it("a reply in an internal thread is internal; a member cannot answer an internal note, edit it or delete it (it does not exist for them)", async () => {
    const { idea, note } = await ideaWithNote("marker-thread-7d1");
    const reply = await addComment({ actor: staff, number: idea.number, body: "Agreed", parentId: note.id });
    expect(reply.internal).toBe(true);
    expect((await errorOf(addComment({ actor: member, number: idea.number, body: "Me too", parentId: note.id }))).status).toBe(422);
    expect((await errorOf(updateComment({ actor: member, id: note.id, body: "mine now" }))).status).toBe(404);
    expect((await errorOf(deleteComment({ actor: member, id: note.id }))).status).toBe(404);
    // A staff member demoted to member no longer sees the note they wrote.
    const former = await createTestUser({ role: "staff" });
    const own = await addComment({ actor: former, number: idea.number, body: "marker-former-91c", internal: true });
    const demoted = (await setUserRole({ email: former.email, role: "member" }))!;
    expect(await getComment({ actor: demoted, id: own.id })).toBeNull();
    expect((await errorOf(updateComment({ actor: demoted, id: own.id, body: "x" }))).status).toBe(404);
  });
});

describe("internal notes never reach a member through any door", () => {
  it("the idea page: staff see the note marked internal; a member and a visitor do not, and the count shown leaves it out", async () => {
    const marker = "marker-page-4f2a";
    const { idea } = await ideaWithNote(marker);
    const page = (user: SessionUser | null) => call(ideaPageLoader, { request: get(idea.url), context: contextFor(user), params: { number: String(idea.number), slug: idea.slug } });
    for (const user of [member, null]) {
      const body = await text(await page(user));
      expect(body).not.toContain(marker);
      const data = JSON.parse(body);
      expect(data.commentTotal).toBe(1);
      expect(data.idea.commentCount).toBe(1);
    }
    const data = await (await page(staff)).json();
    expect(JSON.stringify(data)).toContain(marker);
    expect(data.commentTotal).toBe(2);
    expect(data.comments.find((c: { internal: boolean }) => c.internal).body).toContain(marker);
    // Read again after staff: each kind of reader has a statement of its own, kept between requests.
    expect(await text(await page(member))).not.toContain(marker);
  });

  it("the JSON API: the idea, its comments list and the single comment (404 for members and visitors)", async () => {
    const marker = "marker-api-b81c";
    const { idea, note } = await ideaWithNote(marker);
    const params = { number: String(idea.number) };
    for (const user of [member, null]) {
      expect(await text(await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${idea.number}`), context: contextFor(user), params }))).not.toContain(marker);
      const list = await call(commentsLoader, { request: get(`/api/v1/ideas/${idea.number}/comments`), context: contextFor(user), params });
      const listed = await list.json();
      expect(JSON.stringify(listed)).not.toContain(marker);
      expect(listed.comments).toHaveLength(1);
      const single = await call(commentLoader, { request: get(`/api/v1/comments/${note.id}`), context: contextFor(user), params: { id: String(note.id) } });
      expect(single.status).toBe(404);
      expect(await single.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    }
    expect(await text(await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${idea.number}`), context: contextFor(staff), params }))).toContain(marker);
    const staffList = await (await call(commentsLoader, { request: get(`/api/v1/ideas/${idea.number}/comments`), context: contextFor(staff), params })).json();
    expect(staffList.comments).toHaveLength(2);
    const single = await call(commentLoader, { request: get(`/api/v1/comments/${note.id}`), context: contextFor(staff), params: { id: String(note.id) } });
    expect(single.status).toBe(200);
    expect((await single.json()).comment).toMatchObject({ id: note.id, internal: true });
  });

  it("search: searching for words of an internal note finds nothing (comments are not indexed, for anyone)", async () => {
    const marker = "zanzibarquokka";
    await ideaWithNote(marker);
    for (const user of [member, null, staff]) {
      const found = await listIdeas({ actor: user, sort: "top", q: marker, limit: 20 });
      expect(JSON.stringify(found)).not.toContain(marker);
      expect(found.ideas).toHaveLength(0);
    }
  });

  it("the Atom feed: a shipped idea's entry carries its ship note, never its internal note", async () => {
    const marker = "marker-feed-33e0";
    const { idea } = await ideaWithNote(marker);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Out today: ship-note-visible" });
    const feed = await text(await call(feedLoader, { request: get("/changelog.atom"), context: contextFor(null) }));
    expect(feed).toContain("ship-note-visible");
    expect(feed).not.toContain(marker);
  });

  it("notifications and emails: followers are not told of an internal note at all (no event, no bell, no mail), while a public staff comment is", async () => {
    await processNotifications(); // what earlier tests queued goes to the outbox, not to this server
    const smtp = await useSink();
    const marker = "marker-mail-d5e9";
    const idea = await createTestIdea({ author: member, title: "Bulk export" });
    const follower = await createTestUser({ name: "Fay" });
    await followIdea({ actor: follower, number: idea.number });
    const note = await addComment({ actor: staff, number: idea.number, body: `Churn risk: ${marker}`, internal: true, notify: true });
    const events = await db.select().from(notificationEvents).where(eq(notificationEvents.commentId, note.id));
    expect(events).toHaveLength(0);
    // The control: a public staff update on the same idea reaches the follower by bell and email.
    await addComment({ actor: staff, number: idea.number, body: "public-update-ok", notify: true });
    await processNotifications();
    await smtp.waitFor(1);
    await processNotifications();
    expect(smtp.messages.every((m) => !`${m.subject} ${m.text} ${m.html}`.includes(marker))).toBe(true);
    const toFollower = smtp.messages.filter((m) => m.envelope.to[0] === follower.email);
    expect(toFollower).toHaveLength(1);
    expect(toFollower[0].text).toContain("public-update-ok");
    // The bell: one notification, about the public comment, none pointing at the note.
    const bell = (await listNotifications({ actor: follower })).notifications;
    expect(bell.map((n) => n.commentId)).toEqual([expect.any(Number)]);
    expect(bell.some((n) => n.commentId === note.id)).toBe(false);
    expect((await listNotifications({ actor: member })).notifications.some((n) => n.commentId === note.id)).toBe(false);
  });

  it("the account export: a member's has no internal note (not even one they wrote while staff); a staff member's has their own", async () => {
    const marker = "marker-export-0c77";
    const former = await createTestUser({ role: "staff" });
    const { idea } = await ideaWithNote(marker);
    await addComment({ actor: former, number: idea.number, body: `${marker} (former)`, internal: true });
    const demoted = (await setUserRole({ email: former.email, role: "member" }))!;
    const exported = (user: SessionUser) => call(exportLoader, { request: get("/api/v1/me/export"), context: contextFor(user) }).then(text);
    expect(await exported(member)).not.toContain(marker);
    expect(await exported(demoted)).not.toContain(marker);
    expect(await exported(staff)).toContain(marker);
    // The idea's comment count in the member's export is the public one.
    const doc = JSON.parse(await exported(member));
    expect(doc.ideas.find((i: { number: number }) => i.number === idea.number).commentCount).toBe(1);
  });

  it("screenshots on an internal note: listed and served to staff only", async () => {
    const idea = await createTestIdea({ author: member });
    const note = await addComment({ actor: staff, number: idea.number, body: "see screenshot", internal: true });
    const form = new FormData();
    form.append("commentId", String(note.id));
    const image = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#123456" } }).png().toBuffer();
    form.append("attachments", new File([image as BlobPart], "crm.png", { type: "image/png" }));
    const params = { number: String(idea.number) };
    const added = await call(attachmentsAction, { request: new Request(`${ORIGIN}/api/v1/ideas/${idea.number}/attachments`, { method: "POST", body: form, headers: { origin: ORIGIN } }), context: contextFor(staff), params });
    expect(added.status).toBe(201);
    const [{ key }] = (await added.json()).attachments;
    const list = (user: SessionUser | null) => call(attachmentsLoader, { request: get(`/api/v1/ideas/${idea.number}/attachments`), context: contextFor(user), params }).then(text);
    const serve = (user: SessionUser | null) => call(fileLoader, { request: get(`/attachments/${key}`), context: contextFor(user), params: { key } });
    expect(await list(member)).not.toContain(key);
    expect(await list(null)).not.toContain(key);
    expect((await serve(member)).status).toBe(404);
    expect((await serve(null)).status).toBe(404);
    expect(await list(staff)).toContain(key);
    expect((await serve(staff)).status).toBe(200);
    expect(await list(member)).not.toContain(key);
  });
});

describe("internal notes and the public comment count", () => {
  it("comment_count counts public comments only, through posting, replies and deletion; the reconcile job finds no drift", async () => {
    const { idea, visible, note } = await ideaWithNote("marker-count-aa10");
    await addComment({ actor: staff, number: idea.number, body: "internal reply to a public comment", parentId: visible.id, internal: true });
    await addComment({ actor: staff, number: idea.number, body: "internal reply", parentId: note.id });
    await addComment({ actor: member, number: idea.number, body: "public reply", parentId: visible.id });
    const count = async () => (await db.select({ n: ideas.commentCount }).from(ideas).where(eq(ideas.id, idea.id)))[0].n;
    expect(await count()).toBe(2);
    expect((await listComments({ actor: member, ideaId: idea.id })).flatMap((c) => [c, ...c.replies])).toHaveLength(2);
    expect((await listComments({ actor: staff, ideaId: idea.id })).flatMap((c) => [c, ...c.replies])).toHaveLength(5);
    // Deleting the public comment takes its replies, the internal one included: the count drops by the public rows.
    await deleteComment({ actor: staff, id: visible.id });
    expect(await count()).toBe(0);
    expect((await db.select().from(comments).where(eq(comments.ideaId, idea.id))).length).toBe(2);
    expect((await findCountDrift()).drifted.filter((d) => d.ideaId === idea.id)).toEqual([]);
  });
});

describe("internal notes on the staff dashboard", () => {
  it("an internal note is not an answer: the idea still counts as waiting for one", async () => {
    const board = await createTestBoard();
    const idea = await createTestIdea({ author: member, board });
    await addComment({ actor: staff, number: idea.number, body: "Looking into it internally", internal: true });
    const before = (await getStats({ actor: staff, raw: { board: board.slug }, locale: "en" })).response;
    expect(before.answered).toBe(0);
    await addComment({ actor: staff, number: idea.number, body: "Thanks, we are on it" });
    expect((await getStats({ actor: staff, raw: { board: board.slug }, locale: "en" })).response.answered).toBe(1);
  });
});
