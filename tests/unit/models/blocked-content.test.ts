import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { findCountDrift } from "~/jobs/reconcile-counts.server";
import { addComment, getComment } from "~/models/comments.server";
import { listIdeaActivity } from "~/models/idea-activity.server";
import { getIdea } from "~/models/ideas.server";
import { hideComment, hideIdea } from "~/models/moderation.server";
import { updatePerson } from "~/models/people.server";
import { listOpenReports } from "~/models/report-queue.server";
import { reportComment, reportIdea } from "~/models/reports.server";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

afterAll(() => releaseWorkerInstance());

describe("blocking with hideContent", () => {
  it("hides every idea and comment of the person in the same step (reason, audit, counts); unblocking with restoreContent restores only what the block hid", async () => {
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    const troll = await createTestUser();
    const reader = await createTestUser();
    const board = await createTestBoard();
    const ideaA = await createTestIdea({ author: troll, board, title: "Troll idea one" });
    const ideaB = await createTestIdea({ author: troll, board, title: "Troll idea two" });
    const earlier = await createTestIdea({ author: troll, board, title: "Hidden before the block" });
    await hideIdea({ actor: staff, number: earlier.number, reason: "duplicate" });
    const host = await createTestIdea({ author: reader, board, title: "A good idea" });
    const c1 = await addComment({ actor: troll, number: host.number, body: "Troll comment one" });
    const c2 = await addComment({ actor: troll, number: host.number, body: "Troll comment two" });
    const hiddenBefore = await addComment({ actor: troll, number: host.number, body: "Hidden before" });
    await hideComment({ actor: staff, id: hiddenBefore.id, reason: "rude" });
    const fair = await addComment({ actor: reader, number: host.number, body: "Fair comment" });
    expect((await getIdea({ actor: reader, number: host.number }))?.commentCount).toBe(3);

    const blocked = await updatePerson({ actor: admin, id: troll.id, change: { blocked: true, hideContent: "true" } });
    expect(blocked.blockedAt).not.toBeNull();
    expect(blocked.content).toEqual({ hidden: { ideas: 2, comments: 2 } });
    for (const n of [ideaA.number, ideaB.number]) {
      expect(await getIdea({ actor: reader, number: n })).toBeNull();
      expect((await getIdea({ actor: staff, number: n }))?.hidden?.reason).toBe("Author blocked");
    }
    expect(await getComment({ actor: reader, id: c1.id })).toBeNull();
    expect((await getComment({ actor: staff, id: c2.id }))?.hidden?.reason).toBe("Author blocked");
    expect(await getComment({ actor: reader, id: fair.id })).not.toBeNull();
    expect((await getIdea({ actor: reader, number: host.number }))?.commentCount).toBe(1);
    expect((await listIdeaActivity({ actor: staff, ideaId: ideaA.id })).map((e) => [e.kind, e.actor.id, e.detail])).toEqual([["hidden", admin.id, { reason: "Author blocked" }]]);
    expect((await listIdeaActivity({ actor: staff, ideaId: host.id })).filter((e) => e.actor.id === admin.id).map((e) => e.detail.comment)).toEqual([`#${c1.id}`, `#${c2.id}`]);
    expect((await findCountDrift()).drifted).toEqual([]);

    // Staff hid one again by hand meanwhile: it is theirs now, not the block's.
    await hideIdea({ actor: staff, number: ideaB.number, reason: "spam, really" });

    const unblocked = await updatePerson({ actor: admin, id: troll.id, change: { blocked: false, restoreContent: true } });
    expect(unblocked.blockedAt).toBeNull();
    expect(unblocked.content).toEqual({ restored: { ideas: 1, comments: 2 } });
    expect(await getIdea({ actor: reader, number: ideaA.number })).not.toBeNull();
    expect(await getIdea({ actor: reader, number: ideaB.number })).toBeNull();
    expect(await getIdea({ actor: reader, number: earlier.number })).toBeNull();
    expect(await getComment({ actor: reader, id: c1.id })).not.toBeNull();
    expect(await getComment({ actor: reader, id: hiddenBefore.id })).toBeNull();
    expect((await getIdea({ actor: reader, number: host.number }))?.commentCount).toBe(3);
    expect((await listIdeaActivity({ actor: staff, ideaId: ideaA.id })).map((e) => e.kind)).toEqual(["hidden", "restored"]);
    expect((await findCountDrift()).drifted).toEqual([]);
  });

  it("resolves the open reports on what it hides as hidden by the blocking admin, on the audit trail; others' reports stay open; unblocking does not reopen them", async () => {
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    const troll = await createTestUser();
    const reader = await createTestUser();
    const other = await createTestUser();
    const board = await createTestBoard();
    const idea = await createTestIdea({ author: troll, board, title: "Reported troll idea" });
    const host = await createTestIdea({ author: reader, board, title: "Reported host" });
    const comment = await addComment({ actor: troll, number: host.number, body: "Reported troll comment" });
    await reportIdea({ actor: reader, number: idea.number, reason: "spam" });
    await reportIdea({ actor: other, number: idea.number, reason: "offensive" });
    await reportComment({ actor: reader, id: comment.id, reason: "offensive" });
    await reportIdea({ actor: other, number: host.number, reason: "spam" });
    const queued = async () => (await listOpenReports({ actor: staff })).filter((g) => [idea.number, host.number].includes(g.idea.number)).map((g) => [g.idea.number, g.commentId]);
    expect(await queued()).toEqual([[idea.number, null], [host.number, comment.id], [host.number, null]]);

    await updatePerson({ actor: admin, id: troll.id, change: { blocked: true, hideContent: true } });
    // Only the report on the reader's own idea is left for staff.
    expect(await queued()).toEqual([[host.number, null]]);
    const resolved = await queryRows<{ idea_id: number; comment_id: number | null; outcome: string; resolved_by_id: number }>(
      db,
      sql`SELECT idea_id, comment_id, outcome, resolved_by_id FROM reports WHERE idea_id IN (${idea.id}::int, ${host.id}::int) AND resolved_at IS NOT NULL ORDER BY id`,
    );
    expect(resolved.map((r) => [Number(r.idea_id), r.comment_id === null ? null : Number(r.comment_id), r.outcome, Number(r.resolved_by_id)])).toEqual([
      [idea.id, null, "hidden", admin.id],
      [idea.id, null, "hidden", admin.id],
      [host.id, comment.id, "hidden", admin.id],
    ]);
    expect((await listIdeaActivity({ actor: staff, ideaId: idea.id })).map((e) => [e.kind, e.actor.id, e.detail])).toEqual([
      ["hidden", admin.id, { reason: "Author blocked" }],
      ["reportsHidden", admin.id, { count: "2" }],
    ]);
    expect((await listIdeaActivity({ actor: staff, ideaId: host.id })).filter((e) => e.kind === "commentReportsHidden").map((e) => e.detail)).toEqual([{ count: "1", comment: `#${comment.id}` }]);

    await updatePerson({ actor: admin, id: troll.id, change: { blocked: false, restoreContent: true } });
    expect(await getIdea({ actor: reader, number: idea.number })).not.toBeNull();
    expect(await queued()).toEqual([[host.number, null]]);
  });

  it("blocking without hideContent, or unblocking without restoreContent, leaves the content as it is; a refused block hides nothing", async () => {
    const admin = await createTestUser({ role: "admin" });
    const person = await createTestUser();
    const board = await createTestBoard();
    const idea = await createTestIdea({ author: person, board, title: "Still visible" });
    const plain = await updatePerson({ actor: admin, id: person.id, change: { blocked: true } });
    expect(plain.content).toBeUndefined();
    expect(await getIdea({ actor: null, number: idea.number })).not.toBeNull();
    await updatePerson({ actor: admin, id: person.id, change: { blocked: true, hideContent: true } });
    expect(await getIdea({ actor: null, number: idea.number })).toBeNull();
    await updatePerson({ actor: admin, id: person.id, change: { blocked: false } });
    expect(await getIdea({ actor: null, number: idea.number })).toBeNull();

    const otherAdmin = await createTestUser({ role: "admin" });
    const adminIdea = await createTestIdea({ author: otherAdmin, board, title: "An admin's idea" });
    expect((await errorOf(updatePerson({ actor: admin, id: otherAdmin.id, change: { blocked: true, hideContent: true } }))).status).toBe(409);
    expect(await getIdea({ actor: null, number: adminIdea.number })).not.toBeNull();
    const staff = await createTestUser({ role: "staff" });
    expect((await errorOf(updatePerson({ actor: staff, id: person.id, change: { blocked: true, hideContent: true } }))).status).toBe(403);
  });
});
