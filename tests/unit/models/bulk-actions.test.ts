/**
 * Bulk actions on a selection: each idea goes through the single action's model (so followers
 * hear of a status change exactly once per idea), and one idea's refusal is reported for it
 * without stopping or undoing the others.
 */
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db, queryRows } from "~/lib/db.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { runBulkAction } from "~/models/bulk-actions.server";
import { deleteIdea, getIdea } from "~/models/ideas.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { listInbox } from "~/models/triage.server";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters, deliveryStates, notifiedUserIds, processNotifications } from "../../setup/notifications";

afterAll(() => releaseWorkerInstance());

async function three() {
  const staff = await createTestUser({ role: "staff", name: "Sam" });
  const author = await createTestUser();
  const board = await createTestBoard();
  const ideas = [];
  for (let i = 0; i < 3; i++) ideas.push(await createTestIdea({ author, board, title: `Bulk idea ${i} ${Date.now()}` }));
  return { staff, author, board, ideas };
}

describe("runBulkAction: status", () => {
  it("changes each idea's status and tells each idea's followers exactly once", async () => {
    const { staff, author, ideas } = await three();
    const voters = await Promise.all(ideas.map((idea) => addVoters(idea.id, 3)));
    await processNotifications();

    const outcome = await runBulkAction({ actor: staff, ideas: ideas.map((i) => i.number), action: "status", status: "planned", note: "On the plan for spring." });
    expect(outcome).toEqual({ action: "status", succeeded: 3, failed: 0, results: ideas.map((i) => ({ number: i.number, ok: true, outcome: "done" })) });
    await processNotifications();
    await processNotifications();

    for (const [n, idea] of ideas.entries()) {
      expect((await getIdea({ actor: null, number: idea.number }))!.status).toBe("planned");
      const [{ changes }] = await queryRows<{ changes: number }>(db, sql`SELECT count(*)::int AS changes FROM status_changes WHERE idea_id = ${idea.id}::int`);
      expect(changes).toBe(1);
      // The author and the three voters, once each; the staff member who changed it is not told.
      expect(await notifiedUserIds(idea.id, "status_changed")).toEqual([author.id, ...voters[n]].sort((a, b) => a - b));
      expect(await deliveryStates(idea.id)).toEqual({ sent: 4 });
    }
  });

  it("reports one idea's refusal for that idea and changes the others (never the whole request)", async () => {
    const { staff, ideas } = await three();
    await setIdeaStatus({ actor: staff, number: ideas[1].number, status: "in_progress" });
    await deleteIdea({ actor: staff, number: ideas[2].number });

    const outcome = await runBulkAction({ actor: staff, ideas: [ideas[0].number, ideas[1].number, ideas[2].number], action: "status", status: "in_progress" });
    expect(outcome.succeeded).toBe(1);
    expect(outcome.failed).toBe(2);
    expect(outcome.results[0]).toEqual({ number: ideas[0].number, ok: true, outcome: "done" });
    expect(outcome.results[1]).toMatchObject({ number: ideas[1].number, ok: false, status: 422, error: { code: "validation_failed", fields: { status: expect.any(String) } } });
    expect(outcome.results[2]).toMatchObject({ number: ideas[2].number, ok: false, status: 404, error: { code: "not_found" } });
    expect((await getIdea({ actor: null, number: ideas[0].number }))!.status).toBe("in_progress");
  });

  it("refuses the request itself for members (403), an unknown status or a decline without a note (422), no selection (422)", async () => {
    const { staff, ideas } = await three();
    const member = await createTestUser();
    const numbers = ideas.map((i) => i.number);
    expect((await errorOf(runBulkAction({ actor: member, ideas: numbers, action: "reviewed" }))).status).toBe(403);
    expect((await errorOf(runBulkAction({ actor: null, ideas: numbers, action: "reviewed" }))).status).toBe(401);
    expect((await errorOf(runBulkAction({ actor: staff, ideas: numbers, action: "status", status: "maybe" }))).body.error.fields).toEqual({ status: expect.any(String) });
    expect((await errorOf(runBulkAction({ actor: staff, ideas: numbers, action: "status", status: "declined" }))).body.error.fields).toEqual({ note: expect.any(String) });
    expect((await errorOf(runBulkAction({ actor: staff, ideas: [], action: "reviewed" }))).body.error.fields).toEqual({ ideas: "Select at least one idea." });
    expect((await errorOf(runBulkAction({ actor: staff, ideas: numbers, action: "explode" }))).status).toBe(422);
    expect((await errorOf(runBulkAction({ actor: staff, ideas: Array.from({ length: 101 }, (_, i) => i + 1), action: "reviewed" }))).status).toBe(422);
    for (const idea of ideas) expect((await getIdea({ actor: null, number: idea.number }))!.status).toBe("open");
  });
});

describe("runBulkAction: move, merge, reviewed", () => {
  it("moves the selected ideas to a board; an unknown board refuses the request", async () => {
    const { staff, ideas } = await three();
    const to = await createTestBoard({ name: "Integrations" });
    const outcome = await runBulkAction({ actor: staff, ideas: ideas.map((i) => i.number), action: "move", board: to.slug });
    expect(outcome.succeeded).toBe(3);
    for (const idea of ideas) expect((await getIdea({ actor: null, number: idea.number }))!.board.slug).toBe(to.slug);
    expect((await errorOf(runBulkAction({ actor: staff, ideas: [ideas[0].number], action: "move", board: "nowhere" }))).body.error.fields).toEqual({ board: expect.any(String) });
    // Already there: that idea's own refusal.
    const again = await runBulkAction({ actor: staff, ideas: [ideas[0].number], action: "move", board: to.slug });
    expect(again.results[0]).toMatchObject({ ok: false, status: 422 });
  });

  it("merges the selected ideas into the chosen one (itself left as it is), each as a single merge would", async () => {
    const { staff, ideas } = await three();
    const [target, b, c] = ideas;
    await addVoters(b.id, 2);
    await addVoters(c.id, 1);
    const outcome = await runBulkAction({ actor: staff, ideas: [b.number, target.number, c.number], action: "merge", into: String(target.number) });
    expect(outcome.results).toEqual([
      { number: b.number, ok: true, outcome: "done" },
      { number: target.number, ok: true, outcome: "target" },
      { number: c.number, ok: true, outcome: "done" },
    ]);
    // The author voted for all three: counted once; plus B's two voters and C's one.
    expect((await getIdea({ actor: null, number: target.number }))!.voteCount).toBe(4);
    expect((await getIdea({ actor: null, number: b.number }))!.mergedInto?.number).toBe(target.number);
    expect((await errorOf(runBulkAction({ actor: staff, ideas: [b.number], action: "merge", into: 999_999 }))).status).toBe(422);
    // Merged already: reported for that idea.
    const again = await runBulkAction({ actor: staff, ideas: [b.number], action: "merge", into: target.number });
    expect(again.results[0]).toMatchObject({ ok: false, status: 409 });
  });

  it("marks the selected ideas reviewed: they leave the inbox; one no longer waiting is 'unchanged'", async () => {
    const { staff, board, ideas } = await three();
    await setIdeaStatus({ actor: staff, number: ideas[0].number, status: "planned" });
    const outcome = await runBulkAction({ actor: staff, ideas: ideas.map((i) => String(i.number)), action: "reviewed" });
    expect(outcome.results.map((r) => (r.ok ? r.outcome : "failed"))).toEqual(["unchanged", "done", "done"]);
    expect((await listInbox({ actor: staff, board: board.slug })).ideas).toEqual([]);
  });
});
