import { describe, expect, it } from "vitest";
import { userForApiToken } from "~/lib/api-tokens.server";
import { createApiToken } from "~/models/api-tokens.server";
import { addComment } from "~/models/comments.server";
import { createIdea } from "~/models/ideas.server";
import { listPeople, updatePerson } from "~/models/people.server";
import { findUserById } from "~/models/users.server";
import { setVote } from "~/models/votes.server";
import { errorOf } from "../../setup/errors";
import { createTestIdea, createTestUser, defaultBoard } from "../../setup/factories";

describe("listPeople", () => {
  it("finds people by part of their name or address, any case, with % and _ taken literally; admins only", async () => {
    const admin = await createTestUser({ role: "admin" });
    const zora = await createTestUser({ name: "Zórá Quillfeather", email: "zq-people@example.test" });
    const percent = await createTestUser({ name: "Hundred 100% Sure" });
    const byName = await listPeople({ actor: admin, q: "quillFEATHER" });
    expect(byName.map((p) => p.id)).toEqual([zora.id]);
    const byEmail = await listPeople({ actor: admin, q: "ZQ-PEOPLE@" });
    expect(byEmail.map((p) => p.id)).toEqual([zora.id]);
    expect((await listPeople({ actor: admin, q: "100%" })).map((p) => p.id)).toEqual([percent.id]);
    expect(await listPeople({ actor: admin, q: "_" })).toEqual([]);
    expect((await listPeople({ actor: admin, q: "" })).length).toBeGreaterThanOrEqual(3);
    const staff = await createTestUser({ role: "staff" });
    expect((await errorOf(listPeople({ actor: staff, q: "" }))).status).toBe(403);
  });
});

describe("updatePerson: roles", () => {
  it("changes a role; an admin cannot change their own role, and the last admin stays an admin", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    expect((await updatePerson({ actor: admin, id: member.id, change: { role: "staff" } })).role).toBe("staff");
    const self = await errorOf(updatePerson({ actor: admin, id: admin.id, change: { role: "member" } }));
    expect(self.status).toBe(409);
    expect(self.body.error.message).toBe("You cannot change your own role; another admin can.");
    const other = await createTestUser({ role: "admin" });
    // Demote everyone but one admin, then try the last one.
    const admins = (await listPeople({ actor: admin, q: "" })).filter((p) => p.role === "admin" && p.id !== admin.id);
    for (const a of admins) await updatePerson({ actor: admin, id: a.id, change: { role: "member" } });
    expect((await findUserById(other.id))?.role).toBe("member");
    const promoted = await updatePerson({ actor: admin, id: other.id, change: { role: "admin" } });
    expect(promoted.role).toBe("admin");
    const otherAdmin = (await findUserById(other.id))!;
    await updatePerson({ actor: otherAdmin, id: admin.id, change: { role: "member" } });
    // As the next request reads them: no longer an admin.
    const demoted = (await findUserById(admin.id))!;
    expect((await errorOf(updatePerson({ actor: demoted, id: other.id, change: { role: "member" } }))).status).toBe(403);
    const lastByItself = await errorOf(updatePerson({ actor: otherAdmin, id: otherAdmin.id, change: { role: "staff" } }));
    expect(lastByItself.status).toBe(409);
  });

  it("two admins demoting each other at once: one succeeds, one is refused, one admin remains", async () => {
    const before = await listPeople({ actor: await createTestUser({ role: "admin" }), q: "" });
    const a = await createTestUser({ role: "admin" });
    const b = await createTestUser({ role: "admin" });
    // Leave exactly a and b as admins.
    for (const p of before.filter((p) => p.role === "admin")) await updatePerson({ actor: a, id: p.id, change: { role: "member" } });
    const results = await Promise.allSettled([
      updatePerson({ actor: a, id: b.id, change: { role: "member" } }),
      updatePerson({ actor: b, id: a.id, change: { role: "member" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [ra, rb] = [await findUserById(a.id), await findUserById(b.id)];
    expect([ra?.role, rb?.role].filter((r) => r === "admin")).toHaveLength(1);
  });

  it("refuses a role that does not exist and a change that names nothing (422 with fields)", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const bad = await errorOf(updatePerson({ actor: admin, id: member.id, change: { role: "owner" } }));
    expect(bad).toMatchObject({ status: 422, body: { error: { code: "validation_failed", fields: { role: "Choose admin, staff or member." } } } });
    expect((await errorOf(updatePerson({ actor: admin, id: member.id, change: {} }))).status).toBe(422);
    expect((await errorOf(updatePerson({ actor: admin, id: 999_999, change: { blocked: true } }))).status).toBe(404);
  });
});

describe("updatePerson: blocking", () => {
  it("a blocked person cannot post, comment or vote (403 code blocked); unblocked, they can again", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const idea = await createTestIdea({ author: admin });
    const board = await defaultBoard();
    const blockedPerson = await updatePerson({ actor: admin, id: member.id, change: { blocked: true } });
    expect(blockedPerson.blockedAt).toBeInstanceOf(Date);
    // The next request reads the person afresh, and finds them blocked.
    const actor = (await findUserById(member.id))!;
    expect(actor.blocked).toBe(true);
    for (const attempt of [
      setVote({ actor, number: idea.number, voted: true }),
      addComment({ actor, number: idea.number, body: "Hello" }),
      createIdea({ actor, board: board.slug, title: "A blocked idea" }),
    ]) {
      const refusal = await errorOf(attempt);
      expect(refusal.status).toBe(403);
      expect(refusal.body.error).toEqual({ code: "blocked", message: "An administrator has blocked your account: you can still read, but you cannot post ideas, comment or vote." });
    }
    await updatePerson({ actor: admin, id: member.id, change: { blocked: false } });
    const again = (await findUserById(member.id))!;
    expect(again.blocked).toBe(false);
    expect((await setVote({ actor: again, number: idea.number, voted: true })).voteCount).toBe(2);
  });

  it("a Bearer token's cached person is forgotten on blocking, so the next API call is refused", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const { token } = await createApiToken({ actor: member, name: "script" });
    expect((await userForApiToken(token))?.blocked).toBe(false);
    await updatePerson({ actor: admin, id: member.id, change: { blocked: true } });
    expect((await userForApiToken(token))?.blocked).toBe(true);
  });

  it("an admin cannot block themself or another admin; staff cannot block anyone", async () => {
    const admin = await createTestUser({ role: "admin" });
    const otherAdmin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    expect((await errorOf(updatePerson({ actor: admin, id: admin.id, change: { blocked: true } }))).status).toBe(409);
    const adminBlock = await errorOf(updatePerson({ actor: admin, id: otherAdmin.id, change: { blocked: true } }));
    expect(adminBlock.body.error.message).toBe("Admins cannot be blocked: change their role first.");
    // Demoted and blocked in one change.
    expect((await updatePerson({ actor: admin, id: otherAdmin.id, change: { role: "member", blocked: true } })).blockedAt).not.toBeNull();
    expect((await errorOf(updatePerson({ actor: staff, id: member.id, change: { blocked: true } }))).status).toBe(403);
  });

  it("blocking twice keeps the first time; the form's 'true'/'false' strings are understood", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const first = await updatePerson({ actor: admin, id: member.id, change: { blocked: "true" } });
    const second = await updatePerson({ actor: admin, id: member.id, change: { blocked: true } });
    expect(second.blockedAt?.getTime()).toBe(first.blockedAt?.getTime());
    expect((await updatePerson({ actor: admin, id: member.id, change: { blocked: "false" } })).blockedAt).toBeNull();
  });
});
