import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/lib/auth.server";
import { fillPlaceholders, unknownPlaceholders } from "~/canned-replies";
import { cannedRepliesFor, createCannedReply, insertCannedReply } from "~/models/canned-replies.server";
import { action as adminAction, loader as adminLoader } from "~/routes/admin.replies";
import { action as ideaAction, loader as ideaLoader } from "~/routes/ideas.$number.($slug)";
import { action as listAction, loader as listLoader } from "~/routes/api.v1.replies";
import { action as oneAction, loader as oneLoader } from "~/routes/api.v1.replies.$id";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser, defaultBoard } from "../../setup/factories";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";

let admin: SessionUser;
let staff: SessionUser;
let member: SessionUser;
beforeAll(async () => {
  admin = await createTestUser({ role: "admin", name: "Ada" });
  staff = await createTestUser({ role: "staff", name: "Sam" });
  member = await createTestUser({ name: "Mia" });
  await defaultBoard(); // before any other board: it is made only when there is none
});

const api = (fn: Parameters<typeof call>[0], method: string, path: string, user: SessionUser | null, body?: unknown, params: Record<string, string> = {}) =>
  call(fn, { request: method === "GET" ? new Request(ORIGIN + path) : jsonRequest(method, path, body), context: contextFor(user), params });

describe("placeholders", () => {
  it("fills {title}, {author}, {board}, {number} and {url}; any other {word} is unknown; other braces are text", () => {
    const values = { title: "Dark mode", author: "Ann", board: "Ideas", number: "7", url: "https://x.test/ideas/7/dark-mode" };
    expect(fillPlaceholders("Thanks {author} for “{title}” (#{number} on {board}): {url} {x,y} { }", values)).toBe(
      "Thanks Ann for “Dark mode” (#7 on Ideas): https://x.test/ideas/7/dark-mode {x,y} { }",
    );
    expect(unknownPlaceholders("Hi {name}, {title} {nmae} {name}")).toEqual(["{name}", "{nmae}"]);
    // A value that looks like a placeholder is inserted as it is, not filled again.
    expect(fillPlaceholders("{title} by {author}", { ...values, title: "{author}" })).toBe("{author} by Ann");
  });
});

describe("/api/v1/replies", () => {
  it("admins create, edit and delete; staff read; members and visitors are refused", async () => {
    const created = await api(listAction, "POST", "/api/v1/replies", admin, { name: "  Thanks,   planned ", body: "Thanks {author}! “{title}” is planned." });
    expect(created.status).toBe(201);
    const { reply } = await created.json();
    expect(reply).toMatchObject({ id: expect.any(Number), name: "Thanks, planned", body: "Thanks {author}! “{title}” is planned." });
    const id = String(reply.id);

    const listed = await api(listLoader, "GET", "/api/v1/replies", staff);
    expect(listed.status).toBe(200);
    expect((await listed.json()).replies.map((r: { id: number }) => r.id)).toContain(reply.id);
    expect((await api(oneLoader, "GET", `/api/v1/replies/${id}`, staff, undefined, { id })).status).toBe(200);

    expect((await api(listLoader, "GET", "/api/v1/replies", member)).status).toBe(403);
    expect((await api(listLoader, "GET", "/api/v1/replies", null)).status).toBe(401);
    const refused = await api(listAction, "POST", "/api/v1/replies", staff, { name: "Mine", body: "x" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
    expect((await api(oneAction, "PATCH", `/api/v1/replies/${id}`, staff, { body: "x" }, { id })).status).toBe(403);
    expect((await api(oneAction, "DELETE", `/api/v1/replies/${id}`, member, undefined, { id })).status).toBe(403);

    const patched = await api(oneAction, "PATCH", `/api/v1/replies/${id}`, admin, { body: "Shipped on {board}." }, { id });
    expect(patched.status).toBe(200);
    expect((await patched.json()).reply).toMatchObject({ name: "Thanks, planned", body: "Shipped on {board}." });

    expect((await api(oneAction, "DELETE", `/api/v1/replies/${id}`, admin, undefined, { id })).status).toBe(204);
    expect((await api(oneAction, "DELETE", `/api/v1/replies/${id}`, admin, undefined, { id })).status).toBe(404);
    expect((await api(oneAction, "PATCH", `/api/v1/replies/${id}`, admin, { body: "x" }, { id })).status).toBe(404);
    expect((await api(oneLoader, "GET", "/api/v1/replies/abc", staff, undefined, { id: "abc" })).status).toBe(404);
  });

  it("refuses an unknown placeholder, a missing field and a taken name, on the field", async () => {
    const typo = await api(listAction, "POST", "/api/v1/replies", admin, { name: "Typo", body: "Hi {nmae}, about {title}" });
    expect(typo.status).toBe(422);
    const body = await typo.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields.body).toContain("{nmae}");
    expect(body.error.fields.body).toContain("{title}");
    const empty = await api(listAction, "POST", "/api/v1/replies", admin, { name: "", body: "" });
    expect(empty.status).toBe(422);
    expect(Object.keys((await empty.json()).error.fields).sort()).toEqual(["body", "name"]);
    await createCannedReply({ actor: admin, name: "Duplicate", body: "one" });
    const taken = await api(listAction, "POST", "/api/v1/replies", admin, { name: "Duplicate", body: "two" });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.fields.name).toBeDefined();
  });
});

describe("canned replies on the idea page", () => {
  it("staff get them filled in for the idea; members get none", async () => {
    const board = await createTestBoard({ slug: "mobile", name: "Mobile app" });
    const author = await createTestUser({ name: "Ann" });
    const idea = await createTestIdea({ author, board, title: "Offline mode" });
    const reply = await createCannedReply({ actor: admin, name: "Ack", body: "Thanks {author}: #{number} “{title}” on {board} ({url})" });
    const filled = `Thanks Ann: #${idea.number} “Offline mode” on Mobile app (${process.env.APP_URL ?? "http://localhost:3000"}${idea.url})`;
    expect((await cannedRepliesFor({ actor: staff, number: idea.number })).find((r) => r.id === reply.id)?.text).toBe(filled);
    expect(await cannedRepliesFor({ actor: member, number: idea.number })).toEqual([]);
    const page = async (user: SessionUser) => (await call(ideaLoader, { request: new Request(ORIGIN + idea.url), context: contextFor(user), params: { number: String(idea.number), slug: idea.slug } })).json();
    expect((await page(staff)).cannedReplies.some((r: { text: string }) => r.text === filled)).toBe(true);
    expect((await page(member)).cannedReplies).toEqual([]);
    expect((await errorOf(insertCannedReply({ actor: member, number: idea.number, id: reply.id, into: "" }))).status).toBe(403);
  });

  it("without JavaScript, Insert posts the form and it comes back with the reply after what was typed", async () => {
    const idea = await createTestIdea({ author: member, title: "Export" });
    const reply = await createCannedReply({ actor: admin, name: "Planned", body: "“{title}” is planned." });
    const post = (user: SessionUser, fields: Record<string, string>) =>
      call(ideaAction, { request: formRequest(idea.url, fields), context: contextFor(user), params: { number: String(idea.number), slug: idea.slug } });
    const status = await post(staff, { intent: "status", status: "planned", note: "Good news.", cannedReply: String(reply.id), insertReply: "note" });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ form: "status", values: { status: "planned", note: "Good news.\n\n“Export” is planned." } });
    const comment = await post(staff, { intent: "comment", body: "", internal: "true", cannedReply: String(reply.id), insertReply: "body" });
    expect(await comment.json()).toMatchObject({ form: "comment", values: { body: "“Export” is planned.", internal: "true" } });
    // Nothing was changed or posted.
    const data = await (await call(ideaLoader, { request: new Request(ORIGIN + idea.url), context: contextFor(staff), params: { number: String(idea.number), slug: idea.slug } })).json();
    expect(data.idea.status).toBe("open");
    expect(data.comments).toEqual([]);
    expect((await post(member, { intent: "comment", body: "", cannedReply: String(reply.id), insertReply: "body" })).status).toBe(403);
  });
});

describe("Admin › Canned replies", () => {
  it("is for admins; its forms create, edit (field errors kept on the form) and delete", async () => {
    const page = (user: SessionUser) => call(adminLoader, { request: new Request(`${ORIGIN}/admin/replies`), context: contextFor(user) });
    expect((await page(staff)).status).toBe(403);
    const post = (user: SessionUser, fields: Record<string, string>) => call(adminAction, { request: formRequest("/admin/replies", fields), context: contextFor(user) });
    expect(await (await post(admin, { intent: "create", name: "Declined", body: "Sorry {author}." })).json()).toEqual({ done: "created" });
    const { replies } = await (await page(admin)).json();
    const id = String(replies.find((r: { name: string }) => r.name === "Declined").id);
    const bad = await post(admin, { intent: "update", id, name: "Declined", body: "Sorry {who}." });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ form: id, errors: { body: expect.stringContaining("{who}") }, values: { body: "Sorry {who}." } });
    expect(await (await post(admin, { intent: "update", id, name: "Declined, sorry", body: "Sorry {author}, not now." })).json()).toEqual({ done: "updated" });
    expect((await post(staff, { intent: "delete", id })).status).toBe(403);
    expect(await (await post(admin, { intent: "delete", id })).json()).toEqual({ done: "deleted" });
  });
});
