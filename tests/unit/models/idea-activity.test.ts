import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { deleteIdea, updateIdea } from "~/models/ideas.server";
import { listIdeaActivity, recordIdeaActivity } from "~/models/idea-activity.server";
import { loader as ideaLoader } from "~/routes/ideas.$number.($slug)";
import { call, contextFor, ORIGIN } from "../../setup/remix";
import { createTestIdea, createTestUser } from "../../setup/factories";

describe("the audit trail on an idea's timeline", () => {
  it("records a staff edit of someone else's idea, not the author's own edits, and shows it to staff only", async () => {
    const author = await createTestUser({ name: "Ana" });
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const idea = await createTestIdea({ author, title: "Dark mode" });
    await updateIdea({ actor: author, number: idea.number, body: "my own words" });
    expect(await listIdeaActivity({ actor: staff, ideaId: idea.id })).toEqual([]);

    await updateIdea({ actor: staff, number: idea.number, title: "Dark theme" });
    const entries = await listIdeaActivity({ actor: staff, ideaId: idea.id });
    expect(entries).toEqual([{ id: expect.any(Number), kind: "edited", detail: {}, actor: { id: staff.id, name: "Sam" }, at: expect.any(Date) }]);
    expect(await listIdeaActivity({ actor: author, ideaId: idea.id })).toEqual([]);
    expect(await listIdeaActivity({ actor: null, ideaId: idea.id })).toEqual([]);

    const params = { number: String(idea.number), slug: "dark-theme" };
    const request = () => new Request(`${ORIGIN}/ideas/${idea.number}/dark-theme`);
    const asStaff = await (await call(ideaLoader, { request: request(), context: contextFor(staff), params })).json();
    expect(asStaff.activity).toEqual([expect.objectContaining({ kind: "edited", actor: { id: staff.id, name: "Sam" }, createdAt: expect.any(String), date: expect.any(String) })]);
    const asAuthor = await (await call(ideaLoader, { request: request(), context: contextFor(author), params })).json();
    expect(asAuthor.activity).toEqual([]);
  });

  it("keeps the words an entry needs as they were, and goes with the idea when it is deleted", async () => {
    const staff = await createTestUser({ role: "admin", name: "Ada" });
    const idea = await createTestIdea({ author: staff, title: "Moved somewhere" });
    await recordIdeaActivity(db, { ideaId: idea.id, actorId: staff.id, kind: "edited", detail: { board: "Ideas ‹old›" } });
    expect((await listIdeaActivity({ actor: staff, ideaId: idea.id }))[0]!.detail).toEqual({ board: "Ideas ‹old›" });
    await deleteIdea({ actor: staff, number: idea.number });
    const [left] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM idea_activity WHERE idea_id = ${idea.id}::int`);
    expect(Number(left!.n)).toBe(0);
  });
});

describe("votes added on a customer's behalf on the audit trail", () => {
  it("says who added and who removed whose vote, once per change", async () => {
    const { addVoteOnBehalf, removeVoteOnBehalf } = await import("~/models/votes-on-behalf.server");
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const idea = await createTestIdea({ author: staff, title: "Asked for on a call" });
    const email = `call-${Date.now().toString(36)}@customer.example`;
    await addVoteOnBehalf({ actor: staff, number: idea.number, email, name: "Cleo Customer", note: "call, 2026-12-01" });
    await addVoteOnBehalf({ actor: staff, number: idea.number, email });
    await removeVoteOnBehalf({ actor: staff, number: idea.number, email });
    await removeVoteOnBehalf({ actor: staff, number: idea.number, email });
    const entries = await listIdeaActivity({ actor: staff, ideaId: idea.id });
    expect(entries.map((e) => [e.kind, e.detail, e.actor.name])).toEqual([
      ["votedOnBehalf", { person: "Cleo Customer" }, "Sam"],
      ["removedVoteOnBehalf", { person: "Cleo Customer" }, "Sam"],
    ]);
  });
});
