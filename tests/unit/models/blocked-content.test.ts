import { afterAll, describe, expect, it } from "vitest";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { findCountDrift } from "~/jobs/reconcile-counts.server";
import { addComment, getComment } from "~/models/comments.server";
import { listIdeaActivity } from "~/models/idea-activity.server";
import { getIdea } from "~/models/ideas.server";
import { hideComment, hideIdea } from "~/models/moderation.server";
import { updatePerson } from "~/models/people.server";
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
