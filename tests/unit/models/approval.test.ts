import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { findCountDrift } from "~/jobs/reconcile-counts.server";
import { countPendingIdeas, listMyUnapprovedIdeas, listPendingIdeas } from "~/models/approval-queue.server";
import { setBoardRequiresApproval } from "~/models/boards.server";
import { changelogFeed, listChangelog } from "~/models/changelog.server";
import { listIdeaActivity } from "~/models/idea-activity.server";
import { approveIdea, rejectIdea } from "~/models/idea-approval.server";
import { findSimilarIdeas, listIdeas } from "~/models/idea-listing.server";
import { createIdea, getIdea } from "~/models/ideas.server";
import { countUnread, listNotifications } from "~/models/notifications.server";
import { updateNotificationSettings } from "~/models/notification-settings.server";
import { listRoadmap } from "~/models/roadmap.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { listInbox } from "~/models/triage.server";
import { setVote } from "~/models/votes.server";
import type { SessionUser } from "~/lib/auth.server";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { processNotifications } from "../../setup/notifications";
import { sinkPerTest } from "../../setup/smtp";

const useSink = sinkPerTest();
const MARKER = "Qzapprovalmarker";

beforeAll(() => {
  process.env.RATE_LIMIT_DISABLED = "true";
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await releaseWorkerInstance();
});

/** Every list a member or visitor could find an idea through, as idea numbers, plus the feed's text and the roadmap's totals. */
async function doors(reader: SessionUser | null, board: string, marker: string) {
  const roadmap = await listRoadmap({ board });
  const changelog = await listChangelog({ board });
  return {
    listed: (await listIdeas({ actor: reader, board, sort: "new", limit: 100 })).ideas.map((i) => i.number),
    searched: (await listIdeas({ actor: reader, q: marker, sort: "top", limit: 100 })).ideas.map((i) => i.number),
    similar: (await findSimilarIdeas({ actor: reader, q: `${marker} export` })).map((i) => i.number),
    roadmap: roadmap.columns.flatMap((c) => c.ideas.map((i) => i.number)),
    totals: Object.fromEntries(roadmap.columns.map((c) => [c.status, c.total])),
    changelog: changelog.entries.map((e) => e.number),
    feed: changelogFeed({ entries: changelog.entries, board: changelog.board, locale: "en", origin: "http://x.test" }),
  };
}

async function setup() {
  const admin = await createTestUser({ role: "admin" });
  const staff = await createTestUser({ role: "staff", name: "Sam" });
  const author = await createTestUser({ name: "Ana" });
  const other = await createTestUser();
  const board = await createTestBoard();
  await setBoardRequiresApproval({ actor: admin, id: board.id, requiresApproval: true });
  return { admin, staff, author, other, board };
}

async function eventCount(ideaId: number, kind: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM notification_events WHERE idea_id = ${ideaId}::int AND kind = ${kind}`);
  return Number(row.n);
}

describe("a board that requires approval", () => {
  it("admins switch it on and off (member 403, not a boolean 422); staff ideas publish directly, members' wait", async () => {
    const { admin, staff, author, board } = await setup();
    expect((await errorOf(setBoardRequiresApproval({ actor: author, id: board.id, requiresApproval: false }))).status).toBe(403);
    expect((await errorOf(setBoardRequiresApproval({ actor: staff, id: board.id, requiresApproval: false }))).status).toBe(403);
    const invalid = await errorOf(setBoardRequiresApproval({ actor: admin, id: board.id, requiresApproval: "maybe" }));
    expect(invalid).toMatchObject({ status: 422, body: { error: { fields: { requiresApproval: "Say true or false." } } } });
    expect((await errorOf(setBoardRequiresApproval({ actor: admin, id: 999_999, requiresApproval: true }))).status).toBe(404);

    const byMember = await createIdea({ actor: author, board: board.slug, title: `${MARKER} member idea` });
    expect(byMember.approval).toEqual({ state: "pending", reason: null });
    const byStaff = await createIdea({ actor: staff, board: board.slug, title: `${MARKER} staff idea` });
    expect(byStaff.approval.state).toBe("approved");

    expect((await setBoardRequiresApproval({ actor: admin, id: board.id, requiresApproval: false })).requiresApproval).toBe(false);
    const later = await createIdea({ actor: author, board: board.slug, title: `${MARKER} after switching off` });
    expect(later.approval.state).toBe("approved");
    // Switching off approves nothing that waits.
    expect((await getIdea({ actor: staff, number: byMember.number }))?.approval.state).toBe("pending");
  });
});

describe("a pending idea", () => {
  it("reaches no other member or visitor through any door — board, search, similar ideas, roadmap and its counts, changelog, feed, page, votes, triage inbox — while its author and staff see it marked", async () => {
    const { staff, author, other, board } = await setup();
    const MARKER = "Qzpendingdoorsmarker";
    const published = await createTestIdea({ author: other, board, title: `${MARKER} published export` });
    await setIdeaStatus({ actor: staff, number: published.number, status: "planned", note: "" });
    const before = await doors(other, board.slug, MARKER);

    const pending = await createIdea({ actor: author, board: board.slug, title: `${MARKER} pending export`, body: `Body ${MARKER}` });
    const shippedPending = await createTestIdea({ author, board, title: `${MARKER} shipped export`, approval: "pending" });
    // Even with a roadmap status and shipped, a pending idea is on no roadmap, changelog or feed.
    await setIdeaStatus({ actor: staff, number: pending.number, status: "planned", note: "", notify: false });
    await setIdeaStatus({ actor: staff, number: shippedPending.number, status: "shipped", note: "", notify: false });

    for (const reader of [other, null, author]) {
      const after = await doors(reader, board.slug, MARKER);
      expect(after.listed).toEqual([published.number]);
      expect(after.searched).toEqual([published.number]);
      expect(after.similar).not.toContain(pending.number);
      expect(after.similar).toContain(published.number);
      expect(after.roadmap).toEqual([published.number]);
      expect(after.totals).toEqual(before.totals);
      expect(after.changelog).toEqual([]);
      expect(after.feed).not.toContain(MARKER);
    }
    expect(await getIdea({ actor: other, number: pending.number })).toBeNull();
    expect(await getIdea({ actor: null, number: pending.number })).toBeNull();
    expect((await getIdea({ actor: author, number: pending.number }))?.approval).toEqual({ state: "pending", reason: null });
    expect((await getIdea({ actor: staff, number: pending.number }))?.approval.state).toBe("pending");
    expect((await errorOf(setVote({ actor: other, number: pending.number, voted: true }))).status).toBe(404);
    const inbox = (await listInbox({ actor: staff, board: board.slug })).ideas.map((i) => i.number);
    expect(inbox).not.toContain(pending.number);
    // Its author's own list marks it; nobody else's shows it.
    expect(await listMyUnapprovedIdeas({ actor: author })).toEqual([
      expect.objectContaining({ number: shippedPending.number, state: "pending" }),
      expect.objectContaining({ number: pending.number, state: "pending", reason: null }),
    ]);
    expect(await listMyUnapprovedIdeas({ actor: other })).toEqual([]);
    expect(await listMyUnapprovedIdeas({ actor: null })).toEqual([]);
    // Posting it told no one.
    expect(await eventCount(pending.id, "approved")).toBe(0);
    expect(await countUnread({ actor: other })).toBe(0);
    // The author's own vote is a row and is counted: counts equal rows.
    expect(pending.voteCount).toBe(1);
    expect((await findCountDrift()).drifted).toEqual([]);
  });
});

describe("the moderation queue", () => {
  it("lists pending ideas oldest first with board, author and excerpt, to staff only, and counts them", async () => {
    const { staff, author, other, board } = await setup();
    const first = await createTestIdea({ author, board, title: `${MARKER} first`, body: "The **first** one", approval: "pending", createdAt: new Date(Date.now() - 60_000) });
    const second = await createTestIdea({ author: other, board, title: `${MARKER} second`, approval: "pending" });
    await createTestIdea({ author, board, title: `${MARKER} rejected`, approval: "rejected" });
    const queue = await listPendingIdeas({ actor: staff });
    const mine = queue.filter((i) => i.board.slug === board.slug);
    expect(mine.map((i) => i.number)).toEqual([first.number, second.number]);
    expect(mine[0]).toMatchObject({ title: `${MARKER} first`, excerpt: "The first one", board: { slug: board.slug, name: board.name }, author: { id: author.id, name: "Ana" } });
    expect(queue.map((i) => i.createdAt.getTime())).toEqual([...queue].map((i) => i.createdAt.getTime()).sort((a, b) => a - b));
    expect((await errorOf(listPendingIdeas({ actor: author }))).status).toBe(403);
    expect((await errorOf(listPendingIdeas({ actor: null }))).status).toBe(401);
    expect(await countPendingIdeas({ actor: staff })).toBeGreaterThanOrEqual(2);
    expect(await countPendingIdeas({ actor: author })).toBe(0);
  });
});

describe("approving", () => {
  it("publishes the idea, tells its author once in the app and by email, and goes on its audit trail; approving again is harmless", async () => {
    const smtp = await useSink();
    const { staff, author, other, board } = await setup();
    const idea = await createIdea({ actor: author, board: board.slug, title: `${MARKER} dark mode` });
    expect((await errorOf(approveIdea({ actor: author, number: idea.number }))).status).toBe(403);
    expect((await errorOf(approveIdea({ actor: null, number: idea.number }))).status).toBe(401);
    expect((await errorOf(approveIdea({ actor: staff, number: 999_999 }))).status).toBe(404);

    const approved = await approveIdea({ actor: staff, number: idea.number });
    expect(approved.approval).toEqual({ state: "approved", reason: null });
    expect((await approveIdea({ actor: staff, number: idea.number })).approval.state).toBe("approved");
    await processNotifications();

    expect((await listIdeas({ actor: other, board: board.slug, sort: "new", limit: 100 })).ideas.map((i) => i.number)).toEqual([idea.number]);
    expect(await getIdea({ actor: null, number: idea.number })).not.toBeNull();
    // Now it waits for a staff answer like any new idea.
    expect((await listInbox({ actor: staff, board: board.slug })).ideas.map((i) => i.number)).toEqual([idea.number]);
    expect(await listMyUnapprovedIdeas({ actor: author })).toEqual([]);

    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 300));
    // Earlier tests' status emails may still be on their way to other people: count the author's.
    const mails = smtp.messages.filter((m) => m.envelope.to[0] === author.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toBe(`Your idea “${MARKER} dark mode” was approved`);
    expect(mail.text).toContain(`/ideas/${idea.number}/`);
    expect((await listNotifications({ actor: author })).notifications).toEqual([expect.objectContaining({ kind: "approved", idea: expect.objectContaining({ number: idea.number }) })]);
    expect(await eventCount(idea.id, "approved")).toBe(1);

    const trail = await listIdeaActivity({ actor: staff, ideaId: idea.id });
    expect(trail.map((e) => [e.kind, e.actor.id])).toEqual([["approved", staff.id]]);
  });

  it("two staff approving at the same moment notify the author once", async () => {
    const { staff, author, board } = await setup();
    const second = await createTestUser({ role: "admin" });
    const idea = await createIdea({ actor: author, board: board.slug, title: `${MARKER} race` });
    const results = await Promise.all([approveIdea({ actor: staff, number: idea.number }), approveIdea({ actor: second, number: idea.number })]);
    expect(results.map((r) => r.approval.state)).toEqual(["approved", "approved"]);
    await processNotifications();
    expect(await eventCount(idea.id, "approved")).toBe(1);
    expect((await listNotifications({ actor: author })).notifications.filter((n) => n.kind === "approved")).toHaveLength(1);
    expect((await listIdeaActivity({ actor: staff, ideaId: idea.id })).filter((e) => e.kind === "approved")).toHaveLength(1);
  });

  it("the email follows the author's settings; the in-app notification stays", async () => {
    const smtp = await useSink();
    const { staff, author, board } = await setup();
    await updateNotificationSettings({ actor: author, emailOnStatusChange: false });
    const idea = await createIdea({ actor: author, board: board.slug, title: `${MARKER} quiet` });
    await approveIdea({ actor: staff, number: idea.number });
    await processNotifications();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.filter((m) => m.envelope.to[0] === author.email)).toHaveLength(0);
    expect((await listNotifications({ actor: author })).notifications.map((n) => n.kind)).toEqual(["approved"]);
  });
});

describe("rejecting", () => {
  it("needs a reason; the author sees the idea marked rejected with it, in the app and by email; no one else sees it; an approved idea cannot be rejected", async () => {
    const smtp = await useSink();
    const { staff, author, other, board } = await setup();
    const idea = await createIdea({ actor: author, board: board.slug, title: `${MARKER} off topic` });
    const noReason = await errorOf(rejectIdea({ actor: staff, number: idea.number, reason: "  " }));
    expect(noReason).toMatchObject({ status: 422, body: { error: { fields: { reason: "Give a reason (up to 500 characters)." } } } });
    expect((await errorOf(rejectIdea({ actor: other, number: idea.number, reason: "x" }))).status).toBe(403);
    expect((await errorOf(rejectIdea({ actor: staff, number: 999_999, reason: "x" }))).status).toBe(404);

    const rejected = await rejectIdea({ actor: staff, number: idea.number, reason: "Please post support questions to the help desk" });
    expect(rejected.approval).toEqual({ state: "rejected", reason: "Please post support questions to the help desk" });
    // Again: harmless, the first reason stands and nobody is told twice.
    await rejectIdea({ actor: staff, number: idea.number, reason: "Another reason" });
    await processNotifications();

    expect((await getIdea({ actor: author, number: idea.number }))?.approval).toEqual({ state: "rejected", reason: "Please post support questions to the help desk" });
    expect(await getIdea({ actor: other, number: idea.number })).toBeNull();
    expect(await getIdea({ actor: null, number: idea.number })).toBeNull();
    expect((await listIdeas({ actor: other, board: board.slug, sort: "new", limit: 100 })).ideas).toEqual([]);
    expect(await listMyUnapprovedIdeas({ actor: author })).toEqual([
      expect.objectContaining({ number: idea.number, state: "rejected", reason: "Please post support questions to the help desk" }),
    ]);
    expect((await listPendingIdeas({ actor: staff })).map((i) => i.number)).not.toContain(idea.number);

    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 300));
    const mails = smtp.messages.filter((m) => m.envelope.to[0] === author.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toBe(`Your idea “${MARKER} off topic” was not approved`);
    expect(mail.text).toContain("Please post support questions to the help desk");
    expect(mail.html).toContain("Please post support questions to the help desk");
    expect((await listNotifications({ actor: author })).notifications.map((n) => n.kind)).toEqual(["rejected"]);
    const trail = await listIdeaActivity({ actor: staff, ideaId: idea.id });
    expect(trail.map((e) => [e.kind, e.detail])).toEqual([["rejected", { reason: "Please post support questions to the help desk" }]]);

    const published = await createTestIdea({ author, board, title: `${MARKER} published` });
    const refused = await errorOf(rejectIdea({ actor: staff, number: published.number, reason: "Too late" }));
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    // Staff may change their mind about a rejected idea.
    expect((await approveIdea({ actor: staff, number: idea.number })).approval).toEqual({ state: "approved", reason: null });
  });
});
