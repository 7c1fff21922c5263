import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/lib/auth.server";
import { resetRateLimiters } from "~/lib/rate-limit.server";
import { loader as boardsLoader, action as boardsAction } from "~/routes/api.v1.boards";
import { loader as ideasLoader, action as ideasAction } from "~/routes/api.v1.ideas";
import { loader as ideaLoader, action as ideaAction } from "~/routes/api.v1.ideas.$number";
import { loader as voteLoader, action as voteAction } from "~/routes/api.v1.ideas.$number.vote";
import { action as followAction } from "~/routes/api.v1.ideas.$number.follow";
import { loader as commentsLoader, action as commentsAction } from "~/routes/api.v1.ideas.$number.comments";
import { action as commentAction } from "~/routes/api.v1.comments.$id";
import { IDEA_BODY_MAX } from "~/schemas/ideas";
import { call, jsonRequest } from "../../setup/remix";
import { createTestBoard, createTestIdea, createTestUser, defaultBoard } from "../../setup/factories";

/** The context server.ts builds for a request with `Authorization: Bearer …`. */
const tokenContext = (user: SessionUser | null): AppLoadContext =>
  ({ auth: { user, sessionId: null, via: user ? "token" : null }, clientIp: "127.0.0.1", https: false, cspNonce: "" }) as AppLoadContext;

type Fn = (args: any) => unknown;
async function api(fn: Fn, method: string, path: string, opts: { user?: SessionUser | null; body?: unknown; params?: Record<string, string> } = {}) {
  const response = await call(fn as any, { request: jsonRequest(method, path, opts.body), context: tokenContext(opts.user ?? null), params: opts.params ?? {} });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

function expectError(res: { status: number; json: any }, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.json).toEqual({ error: expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }) });
}

const ideaShape = {
  number: expect.any(Number),
  slug: expect.any(String),
  url: expect.stringMatching(/^https?:\/\/[^/]+\/ideas\/\d+\/.+/),
  board: { slug: expect.any(String), name: expect.any(String) },
  title: expect.any(String),
  body: expect.any(String),
  bodyHtml: expect.any(String),
  status: "open",
  voteCount: expect.any(Number),
  commentCount: expect.any(Number),
  votedByMe: expect.any(Boolean),
  author: { id: expect.any(Number), name: expect.any(String) },
  createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
};

let member: SessionUser;
let other: SessionUser;
let staff: SessionUser;
let boardSlug: string;

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = "true";
  member = await createTestUser({ name: "Member" });
  other = await createTestUser({ name: "Other" });
  staff = await createTestUser({ role: "staff", name: "Staff" });
  boardSlug = (await defaultBoard()).slug;
});
afterAll(() => {
  delete process.env.RATE_LIMIT_DISABLED;
});

describe("GET /api/v1/boards", () => {
  it("lists boards that take ideas", async () => {
    const archived = await createTestBoard({ archived: true });
    const res = await api(boardsLoader, "GET", "/api/v1/boards");
    expect(res.status).toBe(200);
    expect(res.json.boards).toContainEqual({ slug: boardSlug, name: expect.any(String), description: expect.any(String), requiresApproval: false });
    expect(res.json.boards.map((b: { slug: string }) => b.slug)).not.toContain(archived.slug);
    expectError(await api(boardsAction, "POST", "/api/v1/boards", { user: staff, body: {} }), 405, "method_not_allowed");
  });
});

describe("/api/v1/ideas", () => {
  it("POST creates an idea (201) with the author's vote; signed out is 401", async () => {
    const res = await api(ideasAction, "POST", "/api/v1/ideas", { user: member, body: { board: boardSlug, title: "  Api   idea ", body: "Made **via** API" } });
    expect(res.status).toBe(201);
    expect(res.json.idea).toEqual(expect.objectContaining({ ...ideaShape, title: "Api idea", slug: "api-idea", voteCount: 1, votedByMe: true, commentCount: 0 }));
    expect(res.json.idea.bodyHtml).toContain("<strong>via</strong>");
    expect(res.headers.get("location")).toBe(res.json.idea.url);
    expectError(await api(ideasAction, "POST", "/api/v1/ideas", { body: { board: boardSlug, title: "Anon", body: "" } }), 401, "unauthorized");
  });

  it("POST refuses bad input: 400 not JSON, 422 fields, 413 too large — before writing", async () => {
    const before = (await api(ideasLoader, "GET", "/api/v1/ideas?sort=new&limit=1")).json.ideas[0]?.number;
    expectError(await api(ideasAction, "POST", "/api/v1/ideas", { user: member, body: "{not json" }), 400, "bad_request");
    expectError(await api(ideasAction, "POST", "/api/v1/ideas", { user: member, body: "[1,2]" }), 400);
    const invalid = await api(ideasAction, "POST", "/api/v1/ideas", { user: member, body: { board: 5, title: "x", body: 7 } });
    expectError(invalid, 422, "validation_failed");
    expect(Object.keys(invalid.json.error.fields).sort()).toEqual(["board", "body", "title"]);
    const missing = await api(ideasAction, "POST", "/api/v1/ideas", { user: member, body: {} });
    expect(Object.keys(missing.json.error.fields).sort()).toEqual(["board", "title"]);
    const longBody = await api(ideasAction, "POST", "/api/v1/ideas", { user: member, body: { board: boardSlug, title: "Long", body: "x".repeat(IDEA_BODY_MAX + 1) } });
    expectError(longBody, 422);
    expect(longBody.json.error.fields.body).toContain("20000");
    const huge = await api(ideasAction, "POST", "/api/v1/ideas", { user: member, body: { board: boardSlug, title: "Huge", body: "x".repeat(500_000) } });
    expectError(huge, 413, "payload_too_large");
    const nul = await api(ideasAction, "POST", "/api/v1/ideas", { user: member, body: { board: boardSlug, title: "Nul", body: "a\u0000b" } });
    expectError(nul, 422);
    expect(nul.json.error.fields.body).toBeTruthy();
    const unknownBoard = await api(ideasAction, "POST", "/api/v1/ideas", { user: member, body: { board: "nope", title: "Fine title" } });
    expect(unknownBoard.json.error.fields).toEqual({ board: expect.any(String) });
    expect((await api(ideasLoader, "GET", "/api/v1/ideas?sort=new&limit=1")).json.ideas[0]?.number).toBe(before);
  });

  it("POST is rate-limited per person (429 with Retry-After)", async () => {
    delete process.env.RATE_LIMIT_DISABLED;
    process.env.RATE_LIMIT_IDEAS_PER_HOUR = "1";
    resetRateLimiters();
    try {
      const poster = await createTestUser();
      expect((await api(ideasAction, "POST", "/api/v1/ideas", { user: poster, body: { board: boardSlug, title: "First one" } })).status).toBe(201);
      const limited = await api(ideasAction, "POST", "/api/v1/ideas", { user: poster, body: { board: boardSlug, title: "Second one" } });
      expectError(limited, 429, "rate_limited");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      delete process.env.RATE_LIMIT_IDEAS_PER_HOUR;
      process.env.RATE_LIMIT_DISABLED = "true";
      resetRateLimiters();
    }
  });

  it("GET lists with every field, pages with nextCursor, and refuses bad parameters", async () => {
    const board = await createTestBoard();
    for (let i = 0; i < 3; i++) await createTestIdea({ author: other, board, title: `Paged ${i}` });
    const first = await api(ideasLoader, "GET", `/api/v1/ideas?board=${board.slug}&sort=new&limit=2`, { user: other });
    expect(first.status).toBe(200);
    expect(first.json.ideas).toHaveLength(2);
    for (const idea of first.json.ideas) expect(idea).toEqual(expect.objectContaining({ ...ideaShape, votedByMe: true, board: { slug: board.slug, name: board.name } }));
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await api(ideasLoader, "GET", `/api/v1/ideas?board=${board.slug}&sort=new&limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.ideas).toHaveLength(1);
    expect(second.json.ideas[0].votedByMe).toBe(false);
    expect(second.json.nextCursor).toBeNull();
    const searched = await api(ideasLoader, "GET", `/api/v1/ideas?board=${board.slug}&q=${encodeURIComponent("Paged 1")}`);
    expect(searched.json.ideas.map((i: { title: string }) => i.title)).toContain("Paged 1");

    for (const query of ["sort=best", "status=maybe", "limit=0", "limit=101", "limit=abc", `q=${"x".repeat(201)}`]) {
      const res = await api(ideasLoader, "GET", `/api/v1/ideas?${query}`);
      expectError(res, 422, "validation_failed");
      expect(Object.keys(res.json.error.fields)).toHaveLength(1);
    }
    expectError(await api(ideasLoader, "GET", "/api/v1/ideas?board=no-such-board"), 404, "not_found");
    const badCursor = await api(ideasLoader, "GET", "/api/v1/ideas?cursor=garbage");
    expectError(badCursor, 400);
    expect(badCursor.json.error.fields.cursor).toBeTruthy();
    expectError(await api(ideasAction, "PUT", "/api/v1/ideas", { user: member, body: {} }), 405);
  });
});

describe("/api/v1/ideas/:number", () => {
  it("GET returns the idea with its comments; unknown or non-numeric numbers are 404", async () => {
    const idea = await createTestIdea({ author: member, title: "With comments" });
    await api(commentsAction, "POST", `/api/v1/ideas/${idea.number}/comments`, { user: staff, body: { body: "Thanks!" }, params: { number: String(idea.number) } });
    const res = await api(ideaLoader, "GET", `/api/v1/ideas/${idea.number}`, { user: member, params: { number: String(idea.number) } });
    expect(res.status).toBe(200);
    expect(res.json.idea).toEqual(expect.objectContaining({ ...ideaShape, number: idea.number, commentCount: 1, votedByMe: true }));
    expect(res.json.idea.comments).toEqual([
      expect.objectContaining({ body: "Thanks!", isStaff: true, parentId: null, author: { id: staff.id, name: "Staff" }, replies: [] }),
    ]);
    for (const number of ["999999", "abc", "0", "-1", "1.5", "99999999999", "1e3"]) {
      expectError(await api(ideaLoader, "GET", `/api/v1/ideas/${number}`, { params: { number } }), 404, "not_found");
    }
  });

  it("GET says whether the caller follows the idea (false signed out), and how many do to staff only", async () => {
    const idea = await createTestIdea({ author: member, title: "Who follows" });
    const params = { number: String(idea.number) };
    const get = async (user: SessionUser | null) => (await api(ideaLoader, "GET", `/api/v1/ideas/${idea.number}`, { user, params })).json.idea;
    const follow = (user: SessionUser, following: boolean) =>
      api(followAction, following ? "POST" : "DELETE", `/api/v1/ideas/${idea.number}/follow`, { user, params });

    // The author follows their idea; the other member does not, until they press Follow.
    expect(await get(member)).toMatchObject({ followedByMe: true });
    expect(await get(other)).toMatchObject({ followedByMe: false });
    expect(await get(null)).toMatchObject({ followedByMe: false });
    expect(await get(staff)).toMatchObject({ followedByMe: false, followerCount: 1 });
    await follow(other, true);
    expect(await get(other)).toMatchObject({ followedByMe: true });
    expect(await get(staff)).toMatchObject({ followedByMe: false, followerCount: 2 });
    await follow(staff, true);
    expect(await get(staff)).toMatchObject({ followedByMe: true, followerCount: 3 });

    // Staff-only data never reaches a member or a visitor: the field is absent, not null.
    for (const user of [member, other, null]) expect(await get(user)).not.toHaveProperty("followerCount");
    const unfollowed = await follow(other, false);
    expect(unfollowed.json).toEqual({ following: false });
    expect((await follow(staff, false)).json).toEqual({ following: false, followerCount: 1 });
  });

  it("PATCH edits for the author (200) and staff, 403 for others, 401 signed out, 404 unknown, 422 invalid", async () => {
    const idea = await createTestIdea({ author: member, title: "Before edit" });
    const params = { number: String(idea.number) };
    const path = `/api/v1/ideas/${idea.number}`;
    const ok = await api(ideaAction, "PATCH", path, { user: member, body: { title: "After edit" }, params });
    expect(ok.status).toBe(200);
    expect(ok.json.idea).toMatchObject({ title: "After edit", slug: "after-edit", url: expect.stringMatching(/\/after-edit$/) });
    expect((await api(ideaAction, "PATCH", path, { user: staff, body: { body: "staff" }, params })).json.idea.body).toBe("staff");
    expectError(await api(ideaAction, "PATCH", path, { user: other, body: { title: "Stolen" }, params }), 403, "forbidden");
    expectError(await api(ideaAction, "PATCH", path, { body: { title: "Anon" }, params }), 401);
    expectError(await api(ideaAction, "PATCH", "/api/v1/ideas/999999", { user: member, body: { title: "Ghost" }, params: { number: "999999" } }), 404);
    const invalid = await api(ideaAction, "PATCH", path, { user: member, body: { title: "" }, params });
    expectError(invalid, 422);
    expect(invalid.json.error.fields.title).toBeTruthy();
    expectError(await api(ideaAction, "PATCH", path, { user: member, body: "nope", params }), 400);
    expectError(await api(ideaAction, "PUT", path, { user: member, body: {}, params }), 405);
  });

  it("DELETE is for staff only (204), then the idea is 404", async () => {
    const idea = await createTestIdea({ author: member });
    const params = { number: String(idea.number) };
    const path = `/api/v1/ideas/${idea.number}`;
    expectError(await api(ideaAction, "DELETE", path, { user: member, params }), 403);
    expectError(await api(ideaAction, "DELETE", path, { params }), 401);
    const res = await api(ideaAction, "DELETE", path, { user: staff, params });
    expect(res.status).toBe(204);
    expectError(await api(ideaLoader, "GET", path, { params }), 404);
    expectError(await api(ideaAction, "DELETE", path, { user: staff, params }), 404);
  });
});

describe("/api/v1/ideas/:number/vote", () => {
  it("POST votes and DELETE withdraws, idempotently, answering { voted, voteCount }", async () => {
    const idea = await createTestIdea({ author: member });
    const params = { number: String(idea.number) };
    const path = `/api/v1/ideas/${idea.number}/vote`;
    expect((await api(voteAction, "POST", path, { user: other, params })).json).toEqual({ voted: true, voteCount: 2 });
    expect((await api(voteAction, "POST", path, { user: other, params })).json).toEqual({ voted: true, voteCount: 2 });
    expect((await api(voteAction, "DELETE", path, { user: other, params })).json).toEqual({ voted: false, voteCount: 1 });
    expectError(await api(voteAction, "POST", path, { params }), 401);
    expectError(await api(voteAction, "POST", "/api/v1/ideas/999999/vote", { user: other, params: { number: "999999" } }), 404);
    expectError(await api(voteAction, "POST", "/api/v1/ideas/x/vote", { user: other, params: { number: "x" } }), 404);
    expectError(await api(voteAction, "PUT", path, { user: other, params }), 405);
    expectError(await api(voteLoader, "GET", path, { user: other, params }), 405);
  });
});

describe("/api/v1/ideas/:number/comments", () => {
  it("POST adds a comment (201) or a reply; refuses bad bodies (422), foreign parents (422), unknown ideas (404)", async () => {
    const idea = await createTestIdea({ author: member });
    const elsewhere = await createTestIdea({ author: member });
    const params = { number: String(idea.number) };
    const path = `/api/v1/ideas/${idea.number}/comments`;
    const created = await api(commentsAction, "POST", path, { user: other, body: { body: "Nice _idea_" }, params });
    expect(created.status).toBe(201);
    expect(created.json.comment).toEqual({
      id: expect.any(Number),
      url: expect.stringMatching(new RegExp(`/ideas/${idea.number}#comment-\\d+$`)),
      ideaNumber: idea.number,
      parentId: null,
      body: "Nice _idea_",
      bodyHtml: expect.stringContaining("<em>idea</em>"),
      author: { id: other.id, name: "Other" },
      isStaff: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      edited: false,
      editedByStaff: false,
      internal: false,
      replies: [],
    });
    const reply = await api(commentsAction, "POST", path, { user: member, body: { body: "Thanks", parentId: created.json.comment.id }, params });
    expect(reply.json.comment.parentId).toBe(created.json.comment.id);
    const listed = await api(commentsLoader, "GET", path, { params });
    expect(listed.json.comments).toHaveLength(1);
    expect(listed.json.comments[0].replies.map((r: { body: string }) => r.body)).toEqual(["Thanks"]);

    const empty = await api(commentsAction, "POST", path, { user: other, body: { body: "  " }, params });
    expectError(empty, 422);
    expect(empty.json.error.fields.body).toBeTruthy();
    const foreignParent = await api(commentsAction, "POST", `/api/v1/ideas/${elsewhere.number}/comments`, {
      user: other,
      body: { body: "Wrong thread", parentId: created.json.comment.id },
      params: { number: String(elsewhere.number) },
    });
    expectError(foreignParent, 422);
    expect(foreignParent.json.error.fields.parentId).toBeTruthy();
    expectError(await api(commentsAction, "POST", path, { user: other, body: { body: "x", parentId: "abc" }, params }), 422);
    expectError(await api(commentsAction, "POST", "/api/v1/ideas/999999/comments", { user: other, body: { body: "x" }, params: { number: "999999" } }), 404);
    expectError(await api(commentsAction, "POST", path, { body: { body: "anon" }, params }), 401);
    expectError(await api(commentsAction, "POST", path, { user: other, body: { body: "x".repeat(200_000) }, params }), 413);
  });

  it("PATCH and DELETE /api/v1/comments/:id are for the author or staff", async () => {
    const idea = await createTestIdea({ author: member });
    const created = await api(commentsAction, "POST", `/api/v1/ideas/${idea.number}/comments`, {
      user: other,
      body: { body: "Mine" },
      params: { number: String(idea.number) },
    });
    const id = String(created.json.comment.id);
    const path = `/api/v1/comments/${id}`;
    expectError(await api(commentAction, "PATCH", path, { user: member, body: { body: "Not yours" }, params: { id } }), 403);
    const edited = await api(commentAction, "PATCH", path, { user: other, body: { body: "Mine, edited" }, params: { id } });
    expect(edited.json.comment).toMatchObject({ body: "Mine, edited", edited: true });
    expectError(await api(commentAction, "DELETE", path, { user: member, params: { id } }), 403);
    expect((await api(commentAction, "DELETE", path, { user: staff, params: { id } })).status).toBe(204);
    expectError(await api(commentAction, "DELETE", path, { user: staff, params: { id } }), 404);
    expectError(await api(commentAction, "DELETE", "/api/v1/comments/abc", { user: staff, params: { id: "abc" } }), 404);
  });
});
