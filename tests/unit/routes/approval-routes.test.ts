import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { action as adminBoardsAction, loader as adminBoardsLoader } from "~/routes/admin.boards";
import { action as queueAction, loader as queueLoader } from "~/routes/admin.moderation";
import { loader as boardLoader } from "~/routes/_index";
import { loader as boardsLoader } from "~/routes/api.v1.boards";
import { action as boardAction, loader as boardJsonLoader } from "~/routes/api.v1.boards.$slug";
import { loader as feedLoader } from "~/routes/changelog[.]atom";
import { action as ideasAction, loader as ideasLoader } from "~/routes/api.v1.ideas";
import { loader as ideaJsonLoader } from "~/routes/api.v1.ideas.$number";
import { action as approveAction, loader as approveLoader } from "~/routes/api.v1.ideas.$number.approve";
import { action as rejectAction } from "~/routes/api.v1.ideas.$number.reject";
import { loader as pendingLoader } from "~/routes/api.v1.moderation.pending";
import { loader as roadmapLoader } from "~/routes/api.v1.roadmap";
import { loader as ideaPageLoader } from "~/routes/ideas.$number.($slug)";
import { action as moderateAction } from "~/routes/ideas.$number.moderate";
import { loader as similarLoader } from "~/routes/ideas.similar";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

const get = (path: string) => new Request(ORIGIN + path);

beforeAll(() => {
  process.env.RATE_LIMIT_DISABLED = "true";
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await releaseWorkerInstance();
});

async function setup() {
  const admin = await createTestUser({ role: "admin" });
  const staff = await createTestUser({ role: "staff" });
  const author = await createTestUser();
  const other = await createTestUser();
  const board = await createTestBoard({ requiresApproval: true });
  return { admin, staff, author, other, board };
}

describe("PATCH /api/v1/boards/:slug and GET /api/v1/boards", () => {
  it("admins switch approval on (member and staff 403, not a boolean 422, unknown 404); the boards list says which boards require it", async () => {
    const { admin, staff, author } = await setup();
    const board = await createTestBoard();
    const path = `/api/v1/boards/${board.slug}`;
    const params = { slug: board.slug };
    for (const user of [author, staff]) {
      expect((await call(boardAction, { request: jsonRequest("PATCH", path, { requiresApproval: true }), context: contextFor(user), params })).status).toBe(403);
    }
    const invalid = await call(boardAction, { request: jsonRequest("PATCH", path, { requiresApproval: "yes" }), context: contextFor(admin), params });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.fields.requiresApproval).toBe("Say true or false.");
    expect((await call(boardAction, { request: jsonRequest("PATCH", "/api/v1/boards/nope-none", { requiresApproval: true }), context: contextFor(admin), params: { slug: "nope-none" } })).status).toBe(404);
    expect((await call(boardAction, { request: jsonRequest("POST", path, { requiresApproval: true }), context: contextFor(admin), params })).status).toBe(405);
    const on = await call(boardAction, { request: jsonRequest("PATCH", path, { requiresApproval: true }), context: contextFor(admin), params });
    expect(on.status).toBe(200);
    expect((await on.json()).board).toEqual({ slug: board.slug, name: board.name, description: "", requiresApproval: true });
    expect((await (await call(boardJsonLoader, { request: get(path), context: contextFor(null), params })).json()).board.requiresApproval).toBe(true);
    const list = await (await call(boardsLoader, { request: get("/api/v1/boards"), context: contextFor(null) })).json();
    expect(list.boards.find((b: { slug: string }) => b.slug === board.slug)).toMatchObject({ requiresApproval: true });
  });

  it("/admin/boards switches it with the board's button (intent approval), admins only", async () => {
    const { admin, staff } = await setup();
    const board = await createTestBoard();
    const fields = { intent: "approval", id: String(board.id), requiresApproval: "true" };
    expect((await call(adminBoardsAction, { request: formRequest("/admin/boards", fields), context: contextFor(staff) })).status).toBe(403);
    expect((await call(adminBoardsAction, { request: formRequest("/admin/boards", fields), context: contextFor(admin) })).status).toBe(200);
    const page = await (await call(adminBoardsLoader, { request: get("/admin/boards"), context: contextFor(admin) })).json();
    expect(page.boards.find((b: { id: number }) => b.id === board.id).requiresApproval).toBe(true);
  });
});

describe("a pending idea through every door", () => {
  it("POST /api/v1/ideas by a member answers it pending; other members and visitors find it on no board (HTML data or JSON), search, roadmap, feed or similar ideas, and its page and JSON are 404; its author and staff open it", async () => {
    const { staff, author, other, board } = await setup();
    const MARKER = "Qqpendingroutemarker";
    const posted = await call(ideasAction, { request: jsonRequest("POST", "/api/v1/ideas", { board: board.slug, title: `${MARKER} roadmap idea` }), context: contextFor(author) });
    expect(posted.status).toBe(201);
    const idea = (await posted.json()).idea;
    expect(idea.approval).toEqual({ state: "pending", reason: null });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "", notify: false });
    const params = { number: String(idea.number) };

    for (const user of [other, null]) {
      const boardPage = await call(boardLoader, { request: get(`/?board=${board.slug}`), context: contextFor(user) });
      expect(await boardPage.text()).not.toContain(MARKER);
      // The search page repeats the words searched for: what it found is its list.
      const search = await call(boardLoader, { request: get(`/?q=${MARKER}`), context: contextFor(user) });
      expect((await search.json()).ideas).toEqual([]);
      const list = await call(ideasLoader, { request: get(`/api/v1/ideas?board=${board.slug}`), context: contextFor(user) });
      expect(await list.text()).not.toContain(MARKER);
      const searched = await call(ideasLoader, { request: get(`/api/v1/ideas?q=${MARKER}`), context: contextFor(user) });
      expect(await searched.text()).not.toContain(MARKER);
      const roadmap = await call(roadmapLoader, { request: get(`/api/v1/roadmap?board=${board.slug}`), context: contextFor(user) });
      expect(await roadmap.text()).not.toContain(MARKER);
      const feed = await call(feedLoader, { request: get(`/changelog.atom?board=${board.slug}`), context: contextFor(user) });
      expect(await feed.text()).not.toContain(MARKER);
      const similar = await call(similarLoader, { request: get(`/ideas/similar?q=${MARKER}%20roadmap`), context: contextFor(user) });
      expect(JSON.stringify(await similar.json())).not.toContain(`${MARKER} roadmap idea`);
      expect((await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${idea.number}`), context: contextFor(user), params })).status).toBe(404);
      expect((await call(ideaPageLoader, { request: get(`/ideas/${idea.number}`), context: contextFor(user), params })).status).toBe(404);
    }
    const ownPage = await call(ideaPageLoader, { request: get(`/ideas/${idea.number}/${idea.slug}`), context: contextFor(author), params: { ...params, slug: idea.slug } });
    expect((await ownPage.json()).idea.approval).toEqual({ state: "pending", reason: null });
    const ownBoard = await (await call(boardLoader, { request: get(`/?board=${board.slug}`), context: contextFor(author) })).json();
    expect(ownBoard.ideas).toEqual([]);
    expect(ownBoard.mine).toEqual([expect.objectContaining({ number: idea.number, state: "pending" })]);
    expect((await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${idea.number}`), context: contextFor(staff), params })).status).toBe(200);
  });
});

describe("POST /api/v1/ideas/:number/approve and /reject, GET /api/v1/moderation/pending", () => {
  it("staff list the queue and approve (member 403, unknown 404, twice harmless, GET 405); the idea then opens for everyone", async () => {
    const { staff, author, other, board } = await setup();
    const idea = await createTestIdea({ author, board, title: "Qqapproveroute idea", body: "Export to **CSV**", approval: "pending" });
    const params = { number: String(idea.number) };
    const path = `/api/v1/ideas/${idea.number}/approve`;

    expect((await call(pendingLoader, { request: get("/api/v1/moderation/pending"), context: contextFor(author) })).status).toBe(403);
    expect((await call(pendingLoader, { request: get("/api/v1/moderation/pending"), context: contextFor(null) })).status).toBe(401);
    const queue = await (await call(pendingLoader, { request: get("/api/v1/moderation/pending"), context: contextFor(staff) })).json();
    expect(queue.ideas.find((i: { number: number }) => i.number === idea.number)).toMatchObject({
      title: "Qqapproveroute idea",
      excerpt: "Export to CSV",
      board: { slug: board.slug },
      author: { id: author.id },
      url: expect.stringMatching(new RegExp(`^https?://.+/ideas/${idea.number}/`)),
      createdAt: expect.any(String),
    });

    expect((await call(approveAction, { request: jsonRequest("POST", path), context: contextFor(other), params })).status).toBe(403);
    expect((await call(approveAction, { request: jsonRequest("POST", "/api/v1/ideas/999999/approve"), context: contextFor(staff), params: { number: "999999" } })).status).toBe(404);
    expect((await call(approveLoader, { request: get(path), context: contextFor(staff), params })).status).toBe(405);
    for (let i = 0; i < 2; i++) {
      const approved = await call(approveAction, { request: jsonRequest("POST", path), context: contextFor(staff), params });
      expect(approved.status).toBe(200);
      expect((await approved.json()).idea.approval).toEqual({ state: "approved", reason: null });
    }
    expect((await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${idea.number}`), context: contextFor(other), params })).status).toBe(200);
    const list = await call(ideasLoader, { request: get(`/api/v1/ideas?board=${board.slug}`), context: contextFor(null) });
    expect(await list.text()).toContain("Qqapproveroute idea");
  });

  it("reject needs a reason (422); the author reads it in the idea's JSON; others get 404", async () => {
    const { staff, author, other, board } = await setup();
    const idea = await createTestIdea({ author, board, title: "Qqrejectroute idea", approval: "pending" });
    const params = { number: String(idea.number) };
    const path = `/api/v1/ideas/${idea.number}/reject`;
    expect((await call(rejectAction, { request: jsonRequest("POST", path, { reason: "x" }), context: contextFor(author), params })).status).toBe(403);
    const noReason = await call(rejectAction, { request: jsonRequest("POST", path, {}), context: contextFor(staff), params });
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).error.fields.reason).toBe("Give a reason (up to 500 characters).");
    const rejected = await call(rejectAction, { request: jsonRequest("POST", path, { reason: "A duplicate of #1" }), context: contextFor(staff), params });
    expect((await rejected.json()).idea.approval).toEqual({ state: "rejected", reason: "A duplicate of #1" });
    const own = await (await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${idea.number}`), context: contextFor(author), params })).json();
    expect(own.idea.approval).toEqual({ state: "rejected", reason: "A duplicate of #1" });
    expect((await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${idea.number}`), context: contextFor(other), params })).status).toBe(404);
  });
});

describe("/admin/moderation", () => {
  it("shows staff the queue (members 403) and approves or rejects from it; a rejection without a reason is a field error", async () => {
    const { staff, author, board } = await setup();
    const a = await createTestIdea({ author, board, title: "Qqqueuepage first", approval: "pending" });
    const b = await createTestIdea({ author, board, title: "Qqqueuepage second", approval: "pending" });
    expect((await call(queueLoader, { request: get("/admin/moderation"), context: contextFor(author) })).status).toBe(403);
    const page = await (await call(queueLoader, { request: get("/admin/moderation"), context: contextFor(staff) })).json();
    const numbers = page.ideas.map((i: { number: number }) => i.number);
    expect(numbers.indexOf(a.number)).toBeLessThan(numbers.indexOf(b.number));

    const approved = await call(queueAction, { request: formRequest("/admin/moderation", { intent: "approve", number: String(a.number) }), context: contextFor(staff) });
    expect((await approved.json()).done).toEqual({ decision: "approved", title: "Qqqueuepage first" });
    const noReason = await call(queueAction, { request: formRequest("/admin/moderation", { intent: "reject", number: String(b.number), reason: "" }), context: contextFor(staff) });
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ form: `reject-${b.number}`, errors: { reason: "Give a reason (up to 500 characters)." } });
    const rejected = await call(queueAction, { request: formRequest("/admin/moderation", { intent: "reject", number: String(b.number), reason: "Off topic" }), context: contextFor(staff) });
    expect((await rejected.json()).done).toEqual({ decision: "rejected", title: "Qqqueuepage second" });
    const after = await (await call(queueLoader, { request: get("/admin/moderation"), context: contextFor(staff) })).json();
    expect(after.ideas.map((i: { number: number }) => i.number)).not.toEqual(expect.arrayContaining([a.number]));
    expect(after.ideas.map((i: { number: number }) => i.number)).not.toEqual(expect.arrayContaining([b.number]));
    expect((await call(queueAction, { request: formRequest("/admin/moderation", { intent: "approve", number: String(a.number) }), context: contextFor(author) })).status).toBe(403);
  });
});

describe("approving and rejecting from the idea page (/ideas/:number/moderate)", () => {
  it("staff see a pending idea with its approval state; approve goes back to the page, now public; reject needs a reason (field message) and its author reads it; members are refused", async () => {
    const { staff, author, other, board } = await setup();
    const good = await createTestIdea({ author, board, title: "Qqqideapage good", approval: "pending" });
    const bad = await createTestIdea({ author, board, title: "Qqqideapage bad", approval: "pending" });
    const open = async (idea: { number: number; slug: string }, actor: typeof staff | null) =>
      call(ideaPageLoader, { request: get(`/ideas/${idea.number}/${idea.slug}`), context: contextFor(actor), params: { number: String(idea.number), slug: idea.slug } });
    const post = (idea: { number: number }, actor: typeof staff, fields: Record<string, string>) =>
      call(moderateAction, { request: formRequest(`/ideas/${idea.number}/moderate`, fields), context: contextFor(actor), params: { number: String(idea.number) } });
    // What the page shows the forms by: staff may moderate, and the idea waits.
    expect(await (await open(good, staff)).json()).toMatchObject({ canModerate: true, idea: { approval: { state: "pending" } } });
    expect((await open(good, other)).status).toBe(404);

    expect((await post(good, author, { intent: "approve" })).status).toBe(403);
    const approved = await post(good, staff, { intent: "approve" });
    expect(approved.status).toBe(302);
    expect(approved.headers.get("location")).toBe(`/ideas/${good.number}`);
    expect(await (await open(good, other)).json()).toMatchObject({ idea: { approval: { state: "approved" } } });

    const noReason = await post(bad, staff, { intent: "reject", reason: " " });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).errors.reason).toBe("Give a reason (up to 500 characters).");
    const rejected = await post(bad, staff, { intent: "reject", reason: "Billing goes to the help desk" });
    expect(rejected.status).toBe(302);
    expect(rejected.headers.get("location")).toBe(`/ideas/${bad.number}`);
    expect(await (await open(bad, author)).json()).toMatchObject({ idea: { approval: { state: "rejected", reason: "Billing goes to the help desk" } } });
    expect((await open(bad, other)).status).toBe(404);
  });
});
