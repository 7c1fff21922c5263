import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { ideas, notificationEvents, statusChanges } from "../../../db/schema";
import { db } from "~/lib/db.server";
import { addComment } from "~/models/comments.server";
import { countFollowers, listStatusChanges, setIdeaStatus } from "~/models/statuses.server";
import { action as statusAction, loader as statusLoader } from "~/routes/api.v1.ideas.$number.status";
import { STATUS_NOTE_MAX } from "~/schemas/statuses";
import { call, contextFor, jsonRequest } from "../../setup/remix";
import { errorOf } from "../../setup/errors";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters, deliveryStates, notifiedUserIds, processNotifications } from "../../setup/notifications";
import { readOutbox } from "../../setup/outbox";

describe("setIdeaStatus", () => {
  it("lets staff change a status with a markdown note, keeps the history and tells followers once", async () => {
    const author = await createTestUser({ name: "Ann" });
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const idea = await createTestIdea({ author });
    const voters = await addVoters(idea.id, 3);

    const result = await setIdeaStatus({ actor: staff, number: idea.number, status: "planned", note: "Coming **soon** <script>x</script>" });
    expect(result.idea).toEqual({ number: idea.number, status: "planned" });
    expect(result.statusChange).toMatchObject({ fromStatus: "open", toStatus: "planned", notified: true, actor: { id: staff.id, name: "Sam" } });
    expect(result.statusChange.noteHtml).toContain("<strong>soon</strong>");
    expect(result.statusChange.noteHtml).not.toContain("<script");

    const [row] = await db.select().from(ideas).where(eq(ideas.id, idea.id));
    expect(row.status).toBe("planned");
    expect(row.statusChangedAt).toBeInstanceOf(Date);

    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", notify: false });
    const history = await listStatusChanges({ ideaId: idea.id });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.notified])).toEqual([
      ["open", "planned", true],
      ["planned", "shipped", false],
    ]);
    expect(history[0]).toMatchObject({ note: "Coming **soon** <script>x</script>", actor: { id: staff.id, name: "Sam" } });
    expect(history[1].note).toBe("");

    await processNotifications();
    // The author and the voters heard about "planned" once; nobody heard about the quiet "shipped".
    expect(await notifiedUserIds(idea.id)).toEqual([author.id, ...voters].sort((a, b) => a - b));
  });

  it("refuses members (403), the signed-out (401), unknown ideas (404) and bad input (422)", async () => {
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author: member });
    expect((await errorOf(setIdeaStatus({ actor: member, number: idea.number, status: "planned" }))).status).toBe(403);
    expect((await errorOf(setIdeaStatus({ actor: null, number: idea.number, status: "planned" }))).status).toBe(401);
    expect((await errorOf(setIdeaStatus({ actor: staff, number: 999_999, status: "planned" }))).status).toBe(404);
    expect((await errorOf(setIdeaStatus({ actor: staff, number: -1, status: "planned" }))).status).toBe(404);

    const unknown = await errorOf(setIdeaStatus({ actor: staff, number: idea.number, status: "done" }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.status).toBe("Choose one of the statuses.");

    const declined = await errorOf(setIdeaStatus({ actor: staff, number: idea.number, status: "declined", note: "   " }));
    expect(declined.status).toBe(422);
    expect(declined.body.error.fields.note).toMatch(/note is required/);

    const long = await errorOf(setIdeaStatus({ actor: staff, number: idea.number, status: "planned", note: "x".repeat(STATUS_NOTE_MAX + 1) }));
    expect(long.status).toBe(422);
    expect(long.body.error.fields.note).toMatch(/at most/);

    const badNotify = await errorOf(setIdeaStatus({ actor: staff, number: idea.number, status: "planned", notify: "maybe" }));
    expect(badNotify.status).toBe(422);

    // Same status as now: 422, and no second history row or notification.
    const same = await errorOf(setIdeaStatus({ actor: staff, number: idea.number, status: "open" }));
    expect(same.status).toBe(422);
    expect(same.body.error.fields.status).toMatch(/^The idea already has this status\. Write a note/);
    expect(await db.select().from(statusChanges).where(eq(statusChanges.ideaId, idea.id))).toHaveLength(0);

    await setIdeaStatus({ actor: staff, number: idea.number, status: "declined", note: "Out of scope." });
    // Repeating the same note is a repeated submit: refused, nothing recorded.
    expect((await errorOf(setIdeaStatus({ actor: staff, number: idea.number, status: "declined", note: "Out of scope." }))).status).toBe(422);
    expect(await db.select().from(statusChanges).where(eq(statusChanges.ideaId, idea.id))).toHaveLength(1);
  });

  it("posts an update note without changing the status, and tells followers", async () => {
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const idea = await createTestIdea({ author: await createTestUser() });
    await addVoters(idea.id, 2);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned", note: "Next quarter." });
    const [before] = await db.select().from(ideas).where(eq(ideas.id, idea.id));
    const { statusChange } = await setIdeaStatus({ actor: staff, number: idea.number, status: "planned", note: "Design is **done**." });
    expect(statusChange).toMatchObject({ fromStatus: "planned", toStatus: "planned", notified: true });
    const [after] = await db.select().from(ideas).where(eq(ideas.id, idea.id));
    expect(after.status).toBe("planned");
    // The roadmap's "since" stays the date the status was set.
    expect(after.statusChangedAt).toEqual(before.statusChangedAt);
    expect((await listStatusChanges({ ideaId: idea.id })).map((c) => c.note)).toEqual(["Next quarter.", "Design is **done**."]);
    expect((await errorOf(setIdeaStatus({ actor: staff, number: idea.number, status: "planned", note: "Design is **done**." }))).body.error.fields.note).toBe(
      "This update was just posted.",
    );
    await processNotifications();
    const updates = (await readOutbox()).filter((m) => m.subject.startsWith("An update on"));
    expect(updates).toHaveLength(3);
    expect(updates[0].text).toContain("still Planned");
    expect(updates[0].text).toContain("> Design is done.");
  });

  it("commits nothing and sends nothing when the transaction rolls back after the job was queued", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "admin" });
    const idea = await createTestIdea({ author });
    await addVoters(idea.id, 5);
    // Make the queue insert of the fan-out job fail: it is the last write of the transaction.
    await db.execute(
      sql.raw(`CREATE FUNCTION test_refuse_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name = 'fan-out-notification' THEN RAISE EXCEPTION 'queue unavailable (test)'; END IF;
        RETURN NEW;
      END $$`),
    );
    await db.execute(sql.raw(`CREATE TRIGGER test_refuse_fan_out AFTER INSERT ON pgboss.job FOR EACH ROW EXECUTE FUNCTION test_refuse_fan_out()`));
    try {
      const error = await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Done" }).then(
        () => null,
        (e: Error & { cause?: Error }) => e,
      );
      expect(`${error?.message} ${error?.cause?.message}`).toMatch(/queue unavailable/);
    } finally {
      await db.execute(sql.raw(`DROP TRIGGER test_refuse_fan_out ON pgboss.job`));
      await db.execute(sql.raw(`DROP FUNCTION test_refuse_fan_out()`));
    }
    const [row] = await db.select({ status: ideas.status }).from(ideas).where(eq(ideas.id, idea.id));
    expect(row.status).toBe("open");
    expect(await db.select().from(statusChanges).where(eq(statusChanges.ideaId, idea.id))).toHaveLength(0);
    expect(await db.select().from(notificationEvents).where(eq(notificationEvents.ideaId, idea.id))).toHaveLength(0);
    await processNotifications();
    expect(await notifiedUserIds(idea.id)).toEqual([]);
    expect(await deliveryStates(idea.id)).toEqual({});
    const recipients = new Set((await readOutbox()).map((m) => m.to));
    expect(recipients.has(author.email)).toBe(false);
  });

  it("serializes concurrent changes: each one's 'from' is the status it replaced", async () => {
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author: staff });
    const targets = ["under_review", "planned", "in_progress", "shipped"] as const;
    await Promise.all(targets.map((status) => setIdeaStatus({ actor: staff, number: idea.number, status })));
    const history = await listStatusChanges({ ideaId: idea.id });
    expect(history).toHaveLength(4);
    for (let i = 1; i < history.length; i++) expect(history[i].fromStatus).toBe(history[i - 1].toStatus);
    expect(history[0].fromStatus).toBe("open");
  });
});

describe("countFollowers", () => {
  it("counts the author, voters, commenters and explicit follows once each, minus unfollows", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author });
    const voters = await addVoters(idea.id, 4);
    const commenter = await createTestUser();
    await addComment({ actor: commenter, number: idea.number, body: "Me too" });
    // A voter who also comments counts once.
    const firstVoter = voters[0];
    await db.execute(sql`INSERT INTO comments (idea_id, author_id, body, body_html) VALUES (${idea.id}, ${firstVoter}, 'x', '<p>x</p>')`);
    expect(await countFollowers({ ideaId: idea.id })).toBe(1 + 4 + 1);
    await db.execute(sql`INSERT INTO subscriptions (idea_id, user_id, state) VALUES (${idea.id}, ${voters[1]}, 'unfollowed')`);
    expect(await countFollowers({ ideaId: idea.id })).toBe(5);
  });
});

describe("PATCH /api/v1/ideas/:number/status", () => {
  it("answers staff with the change, members with 403, other methods with 405", async () => {
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const member = await createTestUser();
    const idea = await createTestIdea({ author: member });
    const path = `/api/v1/ideas/${idea.number}/status`;
    const params = { number: String(idea.number) };

    const ok = await call(statusAction, { request: jsonRequest("PATCH", path, { status: "in_progress", note: "On it" }), context: contextFor(staff), params });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ idea: { number: idea.number, status: "in_progress" }, statusChange: { fromStatus: "open", toStatus: "in_progress", note: "On it" } });

    const refused = await call(statusAction, { request: jsonRequest("PATCH", path, { status: "planned" }), context: contextFor(member), params });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");

    const same = await call(statusAction, { request: jsonRequest("PATCH", path, { status: "in_progress" }), context: contextFor(staff), params });
    expect(same.status).toBe(422);

    const badJson = await call(statusAction, { request: jsonRequest("PATCH", path, "{nope"), context: contextFor(staff), params });
    expect(badJson.status).toBe(400);

    const signedOut = await call(statusAction, { request: jsonRequest("PATCH", path, { status: "planned" }), context: contextFor(null), params });
    expect(signedOut.status).toBe(401);

    const missing = await call(statusAction, { request: jsonRequest("PATCH", "/api/v1/ideas/abc/status", { status: "planned" }), context: contextFor(staff), params: { number: "abc" } });
    expect(missing.status).toBe(404);

    expect((await call(statusAction, { request: jsonRequest("POST", path, { status: "planned" }), context: contextFor(staff), params })).status).toBe(405);
    expect((await call(statusLoader, { request: new Request("http://localhost:3000" + path), context: contextFor(staff), params })).status).toBe(405);
  });
});
