/**
 * The triage desk through its doors: /admin/inbox (page and forms), the header's count, the JSON
 * API (inbox, reviewed, move, bulk), moving from the idea page, and the author's edit lock on the
 * edit page and PATCH.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimiters } from "~/lib/rate-limit.server";
import { getIdea } from "~/models/ideas.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { loader as rootLoader } from "~/root";
import { action as inboxAction, loader as inboxLoader } from "~/routes/admin.inbox";
import { loader as apiInboxLoader } from "~/routes/api.v1.inbox";
import { action as apiIdeaAction } from "~/routes/api.v1.ideas.$number";
import { action as apiMoveAction, loader as apiMoveLoader } from "~/routes/api.v1.ideas.$number.move";
import { action as apiReviewedAction, loader as apiReviewedLoader } from "~/routes/api.v1.ideas.$number.reviewed";
import { action as apiBulkAction } from "~/routes/api.v1.ideas.bulk";
import { action as ideaAction, loader as ideaLoader } from "~/routes/ideas.$number.($slug)";
import { action as editAction, loader as editLoader } from "~/routes/ideas.$number.edit";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";

const get = (path: string) => new Request(ORIGIN + path);
type Idea = Awaited<ReturnType<typeof createTestIdea>>;
const params = (idea: Idea) => ({ number: String(idea.number), slug: idea.slug });

beforeEach(() => resetRateLimiters());

async function desk() {
  const staff = await createTestUser({ role: "staff", name: "Sam" });
  const member = await createTestUser({ name: "Mia" });
  const board = await createTestBoard({ name: "Desktop" });
  const other = await createTestBoard({ name: "Phone" });
  const a = await createTestIdea({ author: member, board, title: "Inbox route idea A" });
  const b = await createTestIdea({ author: member, board, title: "Inbox route idea B" });
  return { staff, member, board, other, a, b };
}

describe("/admin/inbox", () => {
  it("shows staff the waiting ideas of a board with votes and age; members get 403, signed-out people sign in", async () => {
    const { staff, member, board, a, b } = await desk();
    const res = await call(inboxLoader, { request: get(`/admin/inbox?board=${board.slug}`), context: contextFor(staff) });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const data = await res.json();
    expect(data.board).toBe(board.slug);
    expect(data.ideas.map((i: { number: number }) => i.number)).toEqual([a.number, b.number]);
    expect(data.ideas[0]).toMatchObject({ title: "Inbox route idea A", board: { name: "Desktop" }, votes: "1 vote", age: "posted today" });
    expect(data.boards.map((x: { slug: string }) => x.slug)).toContain(board.slug);

    expect((await call(inboxLoader, { request: get("/admin/inbox"), context: contextFor(member) })).status).toBe(403);
    const out = await call(inboxLoader, { request: get("/admin/inbox"), context: contextFor(null) });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Finbox");
  });

  it("marks one idea reviewed with the row's form (no JavaScript needed) and comes back to the same list", async () => {
    const { staff, member, board, a, b } = await desk();
    const res = await call(inboxAction, { request: formRequest(`/admin/inbox?board=${board.slug}`, { intent: "reviewed", number: String(a.number) }), context: contextFor(staff) });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/admin/inbox?board=${board.slug}&reviewed=${a.number}`);
    const data = await (await call(inboxLoader, { request: get(res.headers.get("location")!), context: contextFor(staff) })).json();
    expect(data.reviewed).toBe(a.number);
    expect(data.ideas.map((i: { number: number }) => i.number)).toEqual([b.number]);
    expect((await call(inboxAction, { request: formRequest("/admin/inbox", { intent: "reviewed", number: String(b.number) }), context: contextFor(member) })).status).toBe(403);
  });

  it("runs the bulk form on the ticked ideas and answers per idea; nothing ticked is the form's error", async () => {
    const { staff, board, other, a, b } = await desk();
    const body = new URLSearchParams({ intent: "bulk", action: "move", board: other.slug });
    body.append("ideas[]", String(a.number));
    body.append("ideas[]", String(b.number));
    body.append("ideas[]", "999999");
    const request = new Request(`${ORIGIN}/admin/inbox?board=${board.slug}`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } });
    const res = await call(inboxAction, { request, context: contextFor(staff) });
    expect(res.status).toBe(200);
    const { bulk } = await res.json();
    expect(bulk).toMatchObject({ action: "move", succeeded: 2, failed: 1 });
    expect(bulk.results[2]).toMatchObject({ number: 999999, ok: false, status: 404 });
    expect((await getIdea({ actor: null, number: a.number }))!.board.slug).toBe(other.slug);

    const none = await call(inboxAction, { request: formRequest("/admin/inbox", { intent: "bulk", action: "reviewed" }), context: contextFor(staff) });
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ form: "bulk", errors: { ideas: "Select at least one idea." } });
  });

  it("gives staff the header's inbox count in the root data, and members 0", async () => {
    const { staff, member } = await desk();
    const forStaff = await (await call(rootLoader, { request: get("/"), context: contextFor(staff) })).json();
    expect(forStaff.inbox).toBeGreaterThanOrEqual(2);
    const forMember = await (await call(rootLoader, { request: get("/"), context: contextFor(member) })).json();
    expect(forMember.inbox).toBe(0);
    expect((await (await call(rootLoader, { request: get("/"), context: contextFor(null) })).json()).inbox).toBe(0);
  });
});

describe("the JSON API", () => {
  it("GET /api/v1/inbox: staff get the waiting ideas as JSON; members 403, signed out 401", async () => {
    const { staff, member, board, a } = await desk();
    const res = await call(apiInboxLoader, { request: get(`/api/v1/inbox?board=${board.slug}`), context: contextFor(staff) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ board: { slug: board.slug, name: "Desktop" }, nextCursor: null });
    expect(body.ideas[0]).toEqual({
      number: a.number,
      slug: a.slug,
      url: expect.stringMatching(new RegExp(`/ideas/${a.number}/`)),
      title: "Inbox route idea A",
      status: "open",
      voteCount: 1,
      commentCount: 0,
      board: { slug: board.slug, name: "Desktop" },
      author: { id: member.id, name: "Mia" },
      tags: [],
      createdAt: expect.any(String),
    });
    expect((await call(apiInboxLoader, { request: get("/api/v1/inbox"), context: contextFor(member) })).status).toBe(403);
    expect((await call(apiInboxLoader, { request: get("/api/v1/inbox"), context: contextFor(null) })).status).toBe(401);
    expect((await call(apiInboxLoader, { request: get("/api/v1/inbox?board=nope"), context: contextFor(staff) })).status).toBe(404);
  });

  it("POST /api/v1/ideas/:n/reviewed: 200 { number, reviewed }; 403 members, 404 unknown, 405 GET", async () => {
    const { staff, member, a } = await desk();
    const path = `/api/v1/ideas/${a.number}/reviewed`;
    const res = await call(apiReviewedAction, { request: jsonRequest("POST", path), context: contextFor(staff), params: { number: String(a.number) } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ number: a.number, reviewed: true });
    expect((await call(apiReviewedAction, { request: jsonRequest("POST", path), context: contextFor(member), params: { number: String(a.number) } })).status).toBe(403);
    expect((await call(apiReviewedAction, { request: jsonRequest("POST", "/api/v1/ideas/999999/reviewed"), context: contextFor(staff), params: { number: "999999" } })).status).toBe(404);
    expect((await call(apiReviewedLoader, { request: get(path), context: contextFor(staff), params: { number: String(a.number) } })).status).toBe(405);
  });

  it("POST /api/v1/ideas/:n/move { board }: 200 with the idea on its new board; 404 unknown board or idea, 403 member, 405 GET", async () => {
    const { staff, member, board, other, a } = await desk();
    const path = `/api/v1/ideas/${a.number}/move`;
    const moved = await call(apiMoveAction, { request: jsonRequest("POST", path, { board: other.slug }), context: contextFor(staff), params: { number: String(a.number) } });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ idea: { number: a.number, board: { slug: other.slug, name: "Phone" } }, from: { slug: board.slug }, to: { slug: other.slug } });
    const unknownBoard = await call(apiMoveAction, { request: jsonRequest("POST", path, { board: "nowhere" }), context: contextFor(staff), params: { number: String(a.number) } });
    expect(unknownBoard.status).toBe(404);
    expect((await unknownBoard.json()).error.code).toBe("not_found");
    expect((await call(apiMoveAction, { request: jsonRequest("POST", "/api/v1/ideas/999999/move", { board: board.slug }), context: contextFor(staff), params: { number: "999999" } })).status).toBe(404);
    const forbidden = await call(apiMoveAction, { request: jsonRequest("POST", path, { board: board.slug }), context: contextFor(member), params: { number: String(a.number) } });
    expect(forbidden.status).toBe(403);
    expect((await call(apiMoveLoader, { request: get(path), context: contextFor(staff), params: { number: String(a.number) } })).status).toBe(405);
  });

  it("POST /api/v1/ideas/bulk: 200 with a result per idea, partial failure included; 403 members; 422 bad action", async () => {
    const { staff, member, a, b } = await desk();
    const res = await call(apiBulkAction, { request: jsonRequest("POST", "/api/v1/ideas/bulk", { ideas: [a.number, 999999, b.number], action: "status", status: "under_review", notify: false }), context: contextFor(staff) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      action: "status",
      succeeded: 2,
      failed: 1,
      results: [
        { number: a.number, ok: true, outcome: "done" },
        { number: 999999, ok: false, status: 404, error: { code: "not_found", message: expect.any(String) } },
        { number: b.number, ok: true, outcome: "done" },
      ],
    });
    expect((await call(apiBulkAction, { request: jsonRequest("POST", "/api/v1/ideas/bulk", { ideas: [a.number], action: "reviewed" }), context: contextFor(member) })).status).toBe(403);
    const bad = await call(apiBulkAction, { request: jsonRequest("POST", "/api/v1/ideas/bulk", { ideas: [a.number], action: "delete" }), context: contextFor(staff) });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields.action).toBe("Choose what to do with the selected ideas.");
    expect((await call(apiBulkAction, { request: jsonRequest("POST", "/api/v1/ideas/bulk", "[1,2]"), context: contextFor(staff) })).status).toBe(400);
  });
});

describe("moving from the idea page", () => {
  it("offers staff the boards and moves with the form; members see no form and get 403", async () => {
    const { staff, member, other, a } = await desk();
    const asMember = await (await call(ideaLoader, { request: get(a.url), context: contextFor(member), params: params(a) })).json();
    expect(asMember.boards).toBeNull();
    const asStaff = await (await call(ideaLoader, { request: get(a.url), context: contextFor(staff), params: params(a) })).json();
    expect(asStaff.boards.map((x: { slug: string }) => x.slug)).toContain(other.slug);

    const posted = await call(ideaAction, { request: formRequest(a.url, { intent: "move", board: other.slug }), context: contextFor(staff), params: params(a) });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toBe(`${a.url}?moved=${other.slug}`);
    const after = await (await call(ideaLoader, { request: get(`${a.url}?moved=${other.slug}`), context: contextFor(staff), params: params(a) })).json();
    expect(after.movedNotice).toBe("Phone");
    expect(after.activity).toEqual([expect.objectContaining({ kind: "moved", detail: { from: "Desktop", to: "Phone" }, actor: { id: staff.id, name: "Sam" } })]);
    const memberView = await (await call(ideaLoader, { request: get(a.url), context: contextFor(member), params: params(a) })).json();
    expect(memberView.activity).toEqual([]);
    expect(after.idea.board.slug).toBe(other.slug);

    const same = await call(ideaAction, { request: formRequest(a.url, { intent: "move", board: other.slug }), context: contextFor(staff), params: params(a) });
    expect(same.status).toBe(422);
    expect(await same.json()).toMatchObject({ form: "move", errors: { board: "The idea is already on this board." } });
    expect((await call(ideaAction, { request: formRequest(a.url, { intent: "move", board: other.slug }), context: contextFor(member), params: params(a) })).status).toBe(403);
  });
});

describe("the author's edit lock", () => {
  it("hides Edit and answers the edit page, its form and PATCH with a 403 that says why", async () => {
    const { staff, member, a } = await desk();
    const open = await (await call(ideaLoader, { request: get(a.url), context: contextFor(member), params: params(a) })).json();
    expect(open.idea.canEdit).toBe(true);
    await setIdeaStatus({ actor: staff, number: a.number, status: "planned" });

    const page = await (await call(ideaLoader, { request: get(a.url), context: contextFor(member), params: params(a) })).json();
    expect(page.idea.canEdit).toBe(false);
    const editPage = await call(editLoader, { request: get(`/ideas/${a.number}/edit`), context: contextFor(member), params: { number: String(a.number) } });
    expect(editPage.status).toBe(403);
    expect((await editPage.json()).error.message).toMatch(/can no longer be changed/);
    const posted = await call(editAction, { request: formRequest(`/ideas/${a.number}/edit`, { title: "A different idea now", body: "" }), context: contextFor(member), params: { number: String(a.number) } });
    expect(posted.status).toBe(403);
    const patched = await call(apiIdeaAction, { request: jsonRequest("PATCH", `/api/v1/ideas/${a.number}`, { title: "A different idea now" }), context: contextFor(member), params: { number: String(a.number) } });
    expect(patched.status).toBe(403);
    expect(await patched.json()).toEqual({ error: { code: "forbidden", message: expect.stringMatching(/can no longer be changed/) } });
    expect((await getIdea({ actor: null, number: a.number }))!.title).toBe("Inbox route idea A");

    // Staff still can.
    const staffPatch = await call(apiIdeaAction, { request: jsonRequest("PATCH", `/api/v1/ideas/${a.number}`, { title: "Inbox route idea A, clarified" }), context: contextFor(staff), params: { number: String(a.number) } });
    expect(staffPatch.status).toBe(200);
    expect((await call(editLoader, { request: get(`/ideas/${a.number}/edit`), context: contextFor(staff), params: { number: String(a.number) } })).status).toBe(200);
  });
});
