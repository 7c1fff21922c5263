import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { listIdeaActivity } from "~/models/idea-activity.server";
import { findCountDrift } from "~/jobs/reconcile-counts.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { changelogFeed, listChangelog } from "~/models/changelog.server";
import { addComment, deleteComment, getComment, listComments } from "~/models/comments.server";
import { findSimilarIdeas, listIdeas } from "~/models/idea-listing.server";
import { getIdea } from "~/models/ideas.server";
import { hideComment, hideIdea, restoreComment, restoreIdea } from "~/models/moderation.server";
import { countUnread, listNotifications } from "~/models/notifications.server";
import { listRoadmap } from "~/models/roadmap.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { followIdea } from "~/models/subscriptions.server";
import { setVote } from "~/models/votes.server";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { processNotifications } from "../../setup/notifications";

afterAll(() => releaseWorkerInstance());

const MARKER = "Zxqvmoderationmarker";

/** Everything a member could read an idea through, as the idea numbers or texts each shows. */
async function memberDoors(member: Awaited<ReturnType<typeof createTestUser>>, board: string) {
  const listed = (await listIdeas({ actor: member, board, sort: "new", limit: 100 })).ideas.map((i) => i.number);
  const searched = (await listIdeas({ actor: member, q: MARKER, sort: "top", limit: 100 })).ideas.map((i) => i.number);
  const similar = (await findSimilarIdeas({ actor: member, q: `${MARKER} export` })).map((i) => i.number);
  const roadmap = (await listRoadmap({ board })).columns.flatMap((c) => c.ideas.map((i) => i.number));
  const totals = Object.fromEntries((await listRoadmap({ board })).columns.map((c) => [c.status, c.total]));
  const changelog = await listChangelog({ board });
  const feed = changelogFeed({ entries: changelog.entries, board: changelog.board, locale: "en", origin: "http://x.test" });
  return { listed, searched, similar, roadmap, totals, changelog: changelog.entries.map((e) => e.number), feed };
}

describe("hiding an idea", () => {
  it("takes it out of the board, search, similar ideas, roadmap, changelog, feed, votes and notifications for members; restoring puts it all back", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const follower = await createTestUser();
    const board = await createTestBoard();
    const shipped = await createTestIdea({ author: member, board, title: `${MARKER} shipped export`, body: `Body ${MARKER}` });
    const planned = await createTestIdea({ author: member, board, title: `${MARKER} planned export` });
    await setIdeaStatus({ actor: staff, number: shipped.number, status: "shipped", note: "" });
    await setIdeaStatus({ actor: staff, number: planned.number, status: "planned", note: "" });
    await followIdea({ actor: follower, number: shipped.number });
    await setIdeaStatus({ actor: staff, number: shipped.number, status: "shipped", note: "Done", notify: true }).catch(() => undefined);
    await addComment({ actor: staff, number: shipped.number, body: "Shipped today", notify: true });
    await processNotifications();
    const before = await memberDoors(follower, board.slug);
    expect(before.listed).toEqual(expect.arrayContaining([shipped.number, planned.number]));
    expect(before.searched).toContain(shipped.number);
    expect(before.similar).toContain(shipped.number);
    expect(before.changelog).toContain(shipped.number);
    expect(before.feed).toContain(MARKER);
    const unreadBefore = await countUnread({ actor: follower });
    expect(unreadBefore).toBeGreaterThan(0);

    expect((await errorOf(hideIdea({ actor: member, number: shipped.number, reason: "spam" }))).status).toBe(403);
    const noReason = await errorOf(hideIdea({ actor: staff, number: shipped.number, reason: "   " }));
    expect(noReason).toMatchObject({ status: 422, body: { error: { fields: { reason: "Give a reason (up to 500 characters)." } } } });
    expect((await errorOf(hideIdea({ actor: staff, number: 999_999, reason: "x" }))).status).toBe(404);

    const hidden = await hideIdea({ actor: staff, number: shipped.number, reason: "Off topic" });
    expect(hidden.hidden).toMatchObject({ reason: "Off topic" });
    const after = await memberDoors(follower, board.slug);
    expect(after.listed).toEqual([planned.number]);
    expect(after.searched).not.toContain(shipped.number);
    expect(after.similar).not.toContain(shipped.number);
    expect(after.changelog).not.toContain(shipped.number);
    expect(after.feed).not.toContain(`${MARKER} shipped`);
    expect(after.totals.shipped).toBe(before.totals.shipped - 1);
    expect(await getIdea({ actor: follower, number: shipped.number })).toBeNull();
    expect(await getIdea({ actor: null, number: shipped.number })).toBeNull();
    expect((await getIdea({ actor: staff, number: shipped.number }))?.hidden?.reason).toBe("Off topic");
    expect((await errorOf(setVote({ actor: follower, number: shipped.number, voted: true }))).status).toBe(404);
    expect((await errorOf(addComment({ actor: follower, number: shipped.number, body: "Hello?" }))).status).toBe(404);
    // Its notifications are gone from the list, and the unread count equals the rows shown.
    const notes = await listNotifications({ actor: follower });
    expect(notes.notifications.filter((n) => "number" in n.idea && n.idea.number === shipped.number)).toEqual([]);
    expect(await countUnread({ actor: follower })).toBe(notes.notifications.filter((n) => !n.read).length);

    await restoreIdea({ actor: staff, number: shipped.number });
    const restored = await memberDoors(follower, board.slug);
    expect(restored).toEqual(before);
    expect(await countUnread({ actor: follower })).toBe(unreadBefore);
    expect((await getIdea({ actor: follower, number: shipped.number }))?.hidden).toBeNull();
    // The audit trail on the idea's timeline, for staff only.
    const trail = await listIdeaActivity({ actor: staff, ideaId: shipped.id });
    expect(trail.map((e) => [e.kind, e.detail, e.actor.id])).toEqual([
      ["hidden", { reason: "Off topic" }, staff.id],
      ["restored", {}, staff.id],
    ]);
    expect(await listIdeaActivity({ actor: follower, ideaId: shipped.id })).toEqual([]);
  });
});

describe("hiding a comment", () => {
  it("members no longer see it nor count it; staff see it with the reason; a reply keeps a placeholder; restoring counts it again", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const idea = await createTestIdea({ author: member, board: await createTestBoard() });
    const first = await addComment({ actor: member, number: idea.number, body: `Rude ${MARKER}` });
    const reply = await addComment({ actor: staff, number: idea.number, body: "Please be kind", parentId: first.id });
    const lone = await addComment({ actor: member, number: idea.number, body: `Spam ${MARKER}` });
    expect((await getIdea({ actor: member, number: idea.number }))?.commentCount).toBe(3);

    expect((await errorOf(hideComment({ actor: member, id: first.id, reason: "x" }))).status).toBe(403);
    const hidden = await hideComment({ actor: staff, id: first.id, reason: "Rude" });
    expect(hidden.hidden).toMatchObject({ reason: "Rude" });
    await hideComment({ actor: staff, id: lone.id, reason: "Spam" });
    // Hiding again changes the reason, not the count.
    await hideComment({ actor: staff, id: lone.id, reason: "Spam, really" });
    expect((await getIdea({ actor: member, number: idea.number }))?.commentCount).toBe(1);
    expect((await findCountDrift()).drifted.filter((d) => d.ideaId === idea.id)).toEqual([]);

    const seen = await listComments({ actor: member, ideaId: idea.id });
    expect(JSON.stringify(seen)).not.toContain(MARKER);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: first.id, removed: true, body: "", bodyHtml: "", author: { id: 0, name: "" } });
    expect(seen[0].replies.map((r) => r.id)).toEqual([reply.id]);
    expect(await getComment({ actor: member, id: lone.id })).toBeNull();
    const staffView = await listComments({ actor: staff, ideaId: idea.id });
    expect(staffView.map((c) => [c.id, c.hidden?.reason ?? null])).toEqual([
      [first.id, "Rude"],
      [lone.id, "Spam, really"],
    ]);
    // A member cannot answer, edit or delete a hidden comment: it does not exist for them.
    expect((await errorOf(addComment({ actor: member, number: idea.number, body: "Re", parentId: lone.id }))).status).toBe(422);
    expect((await errorOf(deleteComment({ actor: member, id: lone.id }))).status).toBe(404);

    await restoreComment({ actor: staff, id: first.id });
    await restoreComment({ actor: staff, id: first.id });
    expect((await getIdea({ actor: member, number: idea.number }))?.commentCount).toBe(2);
    // Deleting a hidden comment takes nothing more off the count.
    await deleteComment({ actor: staff, id: lone.id });
    expect((await getIdea({ actor: member, number: idea.number }))?.commentCount).toBe(2);
    expect((await findCountDrift()).drifted.filter((d) => d.ideaId === idea.id)).toEqual([]);
  });

  it("parallel hides, restores and new comments on one idea leave comment_count equal to the visible rows", async () => {
    const staff = await createTestUser({ role: "staff" });
    const members = await Promise.all([1, 2, 3, 4].map(() => createTestUser()));
    const idea = await createTestIdea({ author: staff, board: await createTestBoard() });
    const comments = [];
    for (const m of members) comments.push(await addComment({ actor: m, number: idea.number, body: `Comment by ${m.id}` }));
    await Promise.all([
      ...comments.map((c) => hideComment({ actor: staff, id: c.id, reason: "x" })),
      ...comments.map((c) => hideComment({ actor: staff, id: c.id, reason: "y" })),
      ...members.map((m) => addComment({ actor: m, number: idea.number, body: `Second by ${m.id}` })),
      restoreComment({ actor: staff, id: comments[0].id }),
    ]);
    expect((await findCountDrift()).drifted.filter((d) => d.ideaId === idea.id)).toEqual([]);
  });

  it("a hidden comment's notifications leave the list; its pending emails are cancelled", async () => {
    const staff = await createTestUser({ role: "staff" });
    const author = await createTestUser();
    const idea = await createTestIdea({ author, board: await createTestBoard() });
    const comment = await addComment({ actor: staff, number: idea.number, body: `Staff note ${MARKER}`, notify: true });
    await processNotifications();
    const mine = async () => (await listNotifications({ actor: author })).notifications.filter((n) => n.commentId === comment.id);
    expect(await mine()).toHaveLength(1);
    await hideComment({ actor: staff, id: comment.id, reason: "Wrong idea" });
    expect(await mine()).toEqual([]);
    expect(await countUnread({ actor: author })).toBe((await listNotifications({ actor: author })).notifications.filter((n) => !n.read).length);
    await restoreComment({ actor: staff, id: comment.id });
    expect(await mine()).toHaveLength(1);

    // Hidden before its fan-out ran: no notification is written and no email goes out, even once restored.
    const early = await addComment({ actor: staff, number: idea.number, body: "Second staff note", notify: true });
    await hideComment({ actor: staff, id: early.id, reason: "Posted by mistake" });
    await processNotifications();
    await restoreComment({ actor: staff, id: early.id });
    expect((await listNotifications({ actor: author })).notifications.filter((n) => n.commentId === early.id)).toEqual([]);
    const sent = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM email_deliveries d JOIN notification_events e ON e.id = d.event_id WHERE e.comment_id = ${early.id}::int AND d.state <> 'cancelled'`,
    );
    expect(Number(sent[0].n)).toBe(0);
  });
});
