import { afterAll, describe, expect, it } from "vitest";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { addComment } from "~/models/comments.server";
import { listIdeaActivity } from "~/models/idea-activity.server";
import { getIdea } from "~/models/ideas.server";
import { setCommentsLocked } from "~/models/moderation-flags.server";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

afterAll(() => releaseWorkerInstance());

describe("locking an idea's comments", () => {
  it("refuses members' comments and replies (403 comments_locked) while staff still comment; unlocking lets members in again; both kept on the audit trail once", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const board = await createTestBoard();
    const idea = await createTestIdea({ author: member, board });
    const earlier = await addComment({ actor: member, number: idea.number, body: "Before the lock" });

    expect((await errorOf(setCommentsLocked({ actor: member, number: idea.number, locked: true }))).status).toBe(403);
    expect((await errorOf(setCommentsLocked({ actor: null, number: idea.number, locked: true }))).status).toBe(401);
    expect((await errorOf(setCommentsLocked({ actor: staff, number: 999_999, locked: true }))).status).toBe(404);
    expect((await getIdea({ actor: member, number: idea.number }))?.commentsLocked).toBe(false);

    const locked = await setCommentsLocked({ actor: staff, number: idea.number, locked: true });
    expect(locked.commentsLocked).toBe(true);
    // Locking again changes nothing and records nothing.
    await setCommentsLocked({ actor: staff, number: idea.number, locked: true });
    expect((await getIdea({ actor: null, number: idea.number }))?.commentsLocked).toBe(true);

    const refused = await errorOf(addComment({ actor: member, number: idea.number, body: "Let me in" }));
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "comments_locked" } } });
    const reply = await errorOf(addComment({ actor: member, number: idea.number, body: "A reply", parentId: earlier.id }));
    expect(reply).toMatchObject({ status: 403, body: { error: { code: "comments_locked" } } });
    const fromStaff = await addComment({ actor: staff, number: idea.number, body: "The team still answers" });
    expect(fromStaff.id).toBeGreaterThan(earlier.id);

    const unlocked = await setCommentsLocked({ actor: staff, number: idea.number, locked: false });
    expect(unlocked.commentsLocked).toBe(false);
    await setCommentsLocked({ actor: staff, number: idea.number, locked: false });
    expect((await addComment({ actor: member, number: idea.number, body: "Back again" })).body).toBe("Back again");

    const trail = await listIdeaActivity({ actor: staff, ideaId: idea.id });
    expect(trail.map((e) => [e.kind, e.actor.id])).toEqual([
      ["commentsLocked", staff.id],
      ["commentsUnlocked", staff.id],
    ]);
  });
});
