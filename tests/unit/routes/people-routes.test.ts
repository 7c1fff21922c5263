import { describe, expect, it } from "vitest";
import { getIdea } from "~/models/ideas.server";
import { findUserById } from "~/models/users.server";
import { loader as rootLoader } from "~/root";
import { action as peoplePageAction, loader as peoplePageLoader } from "~/routes/admin.people._index";
import { action as ideasAction } from "~/routes/api.v1.ideas";
import { action as commentsAction } from "~/routes/api.v1.ideas.$number.comments";
import { action as voteApiAction } from "~/routes/api.v1.ideas.$number.vote";
import { loader as usersLoader, action as usersAction } from "~/routes/api.v1.users";
import { action as userAction, loader as userLoader } from "~/routes/api.v1.users.$id";
import { action as votePageAction } from "~/routes/ideas.$number.vote";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";
import { createTestIdea, createTestUser, defaultBoard } from "../../setup/factories";

const get = (path: string) => new Request(ORIGIN + path);
const BLOCKED = "An administrator has blocked your account: you can still read, but you cannot post ideas, comment or vote.";

describe("GET /api/v1/users and PATCH /api/v1/users/:id", () => {
  it("admins search people and change a role; members 403, signed out 401", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser({ name: "Petra Lindqvist-Routes" });
    const found = await call(usersLoader, { request: get("/api/v1/users?q=lindqvist-routes"), context: contextFor(admin) });
    expect(found.status).toBe(200);
    expect((await found.json()).users).toEqual([
      { id: member.id, name: "Petra Lindqvist-Routes", email: member.email, role: "member", blocked: false, blockedAt: null, createdAt: expect.any(String) },
    ]);
    const asMember = await call(usersLoader, { request: get("/api/v1/users"), context: contextFor(member) });
    expect(asMember.status).toBe(403);
    expect((await asMember.json()).error.code).toBe("forbidden");
    expect((await call(usersLoader, { request: get("/api/v1/users"), context: contextFor(null) })).status).toBe(401);

    const path = `/api/v1/users/${member.id}`;
    const patched = await call(userAction, { request: jsonRequest("PATCH", path, { role: "staff" }), context: contextFor(admin), params: { id: String(member.id) } });
    expect(patched.status).toBe(200);
    expect((await patched.json()).user).toMatchObject({ id: member.id, role: "staff", blocked: false });
    const one = await call(userLoader, { request: get(path), context: contextFor(admin), params: { id: String(member.id) } });
    expect((await one.json()).user.role).toBe("staff");
  });

  it("answers refusals in the API error shape: 409 own role, 422 unknown role, 404 unknown id, 405 POST", async () => {
    const admin = await createTestUser({ role: "admin" });
    const self = await call(userAction, { request: jsonRequest("PATCH", `/api/v1/users/${admin.id}`, { role: "member" }), context: contextFor(admin), params: { id: String(admin.id) } });
    expect(self.status).toBe(409);
    expect(await self.json()).toEqual({ error: { code: "conflict", message: "You cannot change your own role; another admin can." } });
    const member = await createTestUser();
    const bad = await call(userAction, { request: jsonRequest("PATCH", `/api/v1/users/${member.id}`, { role: "owner", blocked: "maybe" }), context: contextFor(admin), params: { id: String(member.id) } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toMatchObject({ role: "Choose admin, staff or member.", blocked: expect.any(String) });
    expect((await call(userAction, { request: jsonRequest("PATCH", "/api/v1/users/999999", { blocked: true }), context: contextFor(admin), params: { id: "999999" } })).status).toBe(404);
    expect((await call(userAction, { request: jsonRequest("PATCH", "/api/v1/users/x", { blocked: true }), context: contextFor(admin), params: { id: "x" } })).status).toBe(404);
    expect((await call(userAction, { request: jsonRequest("POST", `/api/v1/users/${member.id}`, { blocked: true }), context: contextFor(admin), params: { id: String(member.id) } })).status).toBe(405);
    expect((await call(usersAction, { request: jsonRequest("POST", "/api/v1/users", {}), context: contextFor(admin) })).status).toBe(405);
  });

  it("a person blocked through the API is refused 403 code blocked on vote, comment and post; unblocked, they vote", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const idea = await createTestIdea({ author: admin });
    const params = { id: String(member.id) };
    const blockedRes = await call(userAction, { request: jsonRequest("PATCH", `/api/v1/users/${member.id}`, { blocked: true }), context: contextFor(admin), params });
    expect((await blockedRes.json()).user).toMatchObject({ blocked: true, blockedAt: expect.any(String) });
    const actor = (await findUserById(member.id))!;
    const number = { number: String(idea.number) };
    const board = await defaultBoard();
    for (const res of [
      await call(voteApiAction, { request: jsonRequest("POST", `/api/v1/ideas/${idea.number}/vote`), context: contextFor(actor), params: number }),
      await call(commentsAction, { request: jsonRequest("POST", `/api/v1/ideas/${idea.number}/comments`, { body: "hi" }), context: contextFor(actor), params: number }),
      await call(ideasAction, { request: jsonRequest("POST", "/api/v1/ideas", { board: board.slug, title: "Blocked idea" }), context: contextFor(actor) }),
    ]) {
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "blocked", message: BLOCKED } });
    }
    await call(userAction, { request: jsonRequest("PATCH", `/api/v1/users/${member.id}`, { blocked: false }), context: contextFor(admin), params });
    const unblocked = (await findUserById(member.id))!;
    const vote = await call(voteApiAction, { request: jsonRequest("POST", `/api/v1/ideas/${idea.number}/vote`), context: contextFor(unblocked), params: number });
    expect(await vote.json()).toEqual({ voted: true, voteCount: 2 });
  });
});

describe("pages for a blocked person", () => {
  it("every page says they are blocked (the root's data); a vote through the page is refused with the message", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const idea = await createTestIdea({ author: admin });
    await call(userAction, { request: jsonRequest("PATCH", `/api/v1/users/${member.id}`, { blocked: true }), context: contextFor(admin), params: { id: String(member.id) } });
    const actor = (await findUserById(member.id))!;
    const root = await call(rootLoader, { request: get("/"), context: contextFor(actor) });
    expect((await root.json()).user).toMatchObject({ id: member.id, blocked: true });
    const viaFetcher = await call(votePageAction, {
      request: formRequest(`/ideas/${idea.number}/vote`, { intent: "vote", via: "fetcher" }),
      context: contextFor(actor),
      params: { number: String(idea.number) },
    });
    expect(viaFetcher.status).toBe(403);
    expect(await viaFetcher.json()).toEqual({ error: BLOCKED });
  });
});

describe("/admin/people", () => {
  it("lists people for admins (403 for staff), blocks and unblocks from the page, and shows a refusal on the person's form", async () => {
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser({ name: "Ottilie Page-Person" });
    const page = await call(peoplePageLoader, { request: get("/admin/people?q=page-person"), context: contextFor(admin) });
    const data = await page.json();
    expect(data.people.map((p: { id: number }) => p.id)).toEqual([member.id]);
    expect(data.q).toBe("page-person");
    expect((await call(peoplePageLoader, { request: get("/admin/people"), context: contextFor(staff) })).status).toBe(403);

    const blocked = await call(peoplePageAction, { request: formRequest("/admin/people", { intent: "block", id: String(member.id), blocked: "true" }), context: contextFor(admin) });
    expect(await blocked.json()).toEqual({ form: String(member.id), saved: "Ottilie Page-Person" });
    expect((await findUserById(member.id))?.blocked).toBe(true);
    await call(peoplePageAction, { request: formRequest("/admin/people", { intent: "block", id: String(member.id), blocked: "false" }), context: contextFor(admin) });
    expect((await findUserById(member.id))?.blocked).toBe(false);
    await call(peoplePageAction, { request: formRequest("/admin/people", { intent: "role", id: String(member.id), role: "staff" }), context: contextFor(admin) });
    expect((await findUserById(member.id))?.role).toBe("staff");

    const self = await call(peoplePageAction, { request: formRequest("/admin/people", { intent: "role", id: String(admin.id), role: "member" }), context: contextFor(admin) });
    expect(self.status).toBe(409);
    expect(await self.json()).toMatchObject({ form: String(admin.id), formError: "You cannot change your own role; another admin can." });
    const asStaff = await call(peoplePageAction, { request: formRequest("/admin/people", { intent: "block", id: String(member.id), blocked: "true" }), context: contextFor(staff) });
    expect(asStaff.status).toBe(403);
  });

  it("blocks from the list with the person's ideas and comments hidden when ticked, and unblocks with them restored", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser({ name: "Troll From The List" });
    const idea = await createTestIdea({ author: member, board: await defaultBoard() });
    const post = (fields: Record<string, string>) => call(peoplePageAction, { request: formRequest("/admin/people", { intent: "block", id: String(member.id), ...fields }), context: contextFor(admin) });
    expect(await (await post({ blocked: "true", hideContent: "true" })).json()).toEqual({ form: String(member.id), saved: "Troll From The List", content: { hidden: { ideas: 1, comments: 0 } } });
    expect(await getIdea({ actor: null, number: idea.number })).toBeNull();
    expect(await (await post({ blocked: "false", restoreContent: "true" })).json()).toEqual({ form: String(member.id), saved: "Troll From The List", content: { restored: { ideas: 1, comments: 0 } } });
    expect(await getIdea({ actor: null, number: idea.number })).not.toBeNull();
    // Not ticked: the block alone.
    expect(await (await post({ blocked: "true" })).json()).toEqual({ form: String(member.id), saved: "Troll From The List" });
    expect(await getIdea({ actor: null, number: idea.number })).not.toBeNull();
  });
});
