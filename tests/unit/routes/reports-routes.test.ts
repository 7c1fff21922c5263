import { describe, expect, it } from "vitest";
import { addComment } from "~/models/comments.server";
import { loader as adminReportsLoader, action as adminReportsAction } from "~/routes/admin.reports";
import { action as personPageAction, loader as personPageLoader } from "~/routes/admin.people.$id";
import { action as commentReportAction, loader as commentReportLoader } from "~/routes/api.v1.comments.$id.reports";
import { action as ideaReportAction } from "~/routes/api.v1.ideas.$number.reports";
import { loader as commentsLoader } from "~/routes/api.v1.ideas.$number.comments";
import { action as resolveAction } from "~/routes/api.v1.reports.$id.resolve";
import { loader as reportsLoader } from "~/routes/api.v1.reports";
import { action as userAction } from "~/routes/api.v1.users.$id";
import { loader as ideaPageLoader } from "~/routes/ideas.$number.($slug)";
import { action as reportPageAction } from "~/routes/ideas.$number.report";
import { loader as rootLoader } from "~/root";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

const get = (path: string) => new Request(ORIGIN + path);

async function setup() {
  const staff = await createTestUser({ role: "staff" });
  const author = await createTestUser();
  const member = await createTestUser({ name: "Mia Member" });
  const board = await createTestBoard();
  const idea = await createTestIdea({ author, board, title: "Reported route idea" });
  const comment = await addComment({ actor: author, number: idea.number, body: "Qqreportedcommentmarker" });
  return { staff, author, member, board, idea, comment, params: { number: String(idea.number) }, pageParams: { number: String(idea.number), slug: idea.slug } };
}

describe("POST /api/v1/ideas/:number/reports and /api/v1/comments/:id/reports", () => {
  it("a member reports once (201, then 409); the author 403; unknown 404; bad reason 422; signed out 401; GET 405", async () => {
    const { author, member, idea, comment, params } = await setup();
    const path = `/api/v1/ideas/${idea.number}/reports`;
    const first = await call(ideaReportAction, { request: jsonRequest("POST", path, { reason: "spam", detail: "ads" }), context: contextFor(member), params });
    expect(first.status).toBe(201);
    expect((await first.json()).report.id).toEqual(expect.any(Number));
    const again = await call(ideaReportAction, { request: jsonRequest("POST", path, { reason: "spam" }), context: contextFor(member), params });
    expect(again.status).toBe(409);
    expect((await again.json()).error).toMatchObject({ code: "conflict", message: "You have already reported this: the team will look at it." });
    expect((await call(ideaReportAction, { request: jsonRequest("POST", path, { reason: "spam" }), context: contextFor(author), params })).status).toBe(403);
    expect((await call(ideaReportAction, { request: jsonRequest("POST", path, { reason: "spam" }), context: contextFor(null), params })).status).toBe(401);
    expect((await call(ideaReportAction, { request: jsonRequest("POST", "/api/v1/ideas/99999999/reports", { reason: "spam" }), context: contextFor(member), params: { number: "99999999" } })).status).toBe(404);

    const cPath = `/api/v1/comments/${comment.id}/reports`;
    const cParams = { id: String(comment.id) };
    const bad = await call(commentReportAction, { request: jsonRequest("POST", cPath, { reason: "boring" }), context: contextFor(member), params: cParams });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields.reason).toBe("Choose a reason.");
    expect((await call(commentReportAction, { request: jsonRequest("POST", cPath, { reason: "offensive" }), context: contextFor(member), params: cParams })).status).toBe(201);
    expect((await call(commentReportAction, { request: jsonRequest("POST", cPath, { reason: "offensive" }), context: contextFor(author), params: cParams })).status).toBe(403);
    expect((await call(commentReportAction, { request: jsonRequest("POST", "/api/v1/comments/99999999/reports", { reason: "spam" }), context: contextFor(member), params: { id: "99999999" } })).status).toBe(404);
    expect((await call(commentReportLoader, { request: get(cPath), context: contextFor(member), params: cParams })).status).toBe(405);
  });
});

describe("GET /api/v1/reports and POST /api/v1/reports/:id/resolve", () => {
  it("staff list the open reports (members 403) and hide through one: the comment is gone for members and the reports resolved; unknown 404, twice 409", async () => {
    const { staff, member, idea, comment, params } = await setup();
    await call(commentReportAction, { request: jsonRequest("POST", `/api/v1/comments/${comment.id}/reports`, { reason: "spam", detail: "shop" }), context: contextFor(member), params: { id: String(comment.id) } });
    expect((await call(reportsLoader, { request: get("/api/v1/reports"), context: contextFor(member) })).status).toBe(403);
    const list = await call(reportsLoader, { request: get("/api/v1/reports"), context: contextFor(staff) });
    expect(list.status).toBe(200);
    const item = (await list.json()).items.find((i: { commentId: number }) => i.commentId === comment.id);
    expect(item).toMatchObject({ count: 1, idea: { number: idea.number }, reports: [{ reporter: "Mia Member", reason: "spam", detail: "shop" }] });

    const path = `/api/v1/reports/${item.id}/resolve`;
    const rParams = { id: String(item.id) };
    expect((await call(resolveAction, { request: jsonRequest("POST", path, { action: "hide" }), context: contextFor(member), params: rParams })).status).toBe(403);
    expect((await call(resolveAction, { request: jsonRequest("POST", "/api/v1/reports/99999999/resolve", { action: "hide" }), context: contextFor(staff), params: { id: "99999999" } })).status).toBe(404);
    expect((await call(resolveAction, { request: jsonRequest("POST", path, { action: "nothing" }), context: contextFor(staff), params: rParams })).status).toBe(422);
    const done = await call(resolveAction, { request: jsonRequest("POST", path, { action: "hide" }), context: contextFor(staff), params: rParams });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ outcome: "hidden", resolved: 1, ideaNumber: idea.number, commentId: comment.id });
    const comments = await call(commentsLoader, { request: get(`/api/v1/ideas/${idea.number}/comments`), context: contextFor(member), params });
    expect(await comments.text()).not.toContain("Qqreportedcommentmarker");
    expect((await call(resolveAction, { request: jsonRequest("POST", path, { action: "dismiss" }), context: contextFor(staff), params: rParams })).status).toBe(409);
  });
});

describe("the pages: Report on an idea page, /admin/reports, the header's count", () => {
  it("a member reports a comment from the page (no Report control for the author or staff); staff dismiss it from /admin/reports (members 403, signed out to sign in)", async () => {
    const { staff, author, member, idea, comment, params, pageParams } = await setup();
    const page = async (user: typeof member | null) => (await (await call(ideaPageLoader, { request: get(`/ideas/${idea.number}/${idea.slug}`), context: contextFor(user), params: pageParams })).json()).reporting;
    expect(await page(member)).toEqual({ userId: member.id, idea: false, comments: [] });
    expect(await page(staff)).toBeNull();
    expect(await page(null)).toBeNull();
    expect((await page(author)).userId).toBe(author.id);

    const posted = await call(reportPageAction, { request: formRequest(`/ideas/${idea.number}/report`, { intent: "reportComment", id: String(comment.id), reason: "offensive", detail: "" }), context: contextFor(member), params });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toBe(`/ideas/${idea.number}?reported=${comment.id}#comment-${comment.id}`);
    expect(await page(member)).toEqual({ userId: member.id, idea: false, comments: [comment.id] });
    const twice = await call(reportPageAction, { request: formRequest(`/ideas/${idea.number}/report`, { intent: "reportComment", id: String(comment.id), reason: "spam" }), context: contextFor(member), params });
    expect(twice.status).toBe(409);
    expect((await twice.json()).formError).toBe("You have already reported this: the team will look at it.");
    const other = await call(reportPageAction, { request: formRequest(`/ideas/${idea.number}/report`, { intent: "reportIdea", reason: "other", detail: "" }), context: contextFor(member), params });
    expect(other.status).toBe(400);

    const root = await (await call(rootLoader, { request: get("/"), context: contextFor(staff) })).json();
    expect(root.reports).toBeGreaterThanOrEqual(1);
    expect((await (await call(rootLoader, { request: get("/"), context: contextFor(member) })).json()).reports).toBe(0);

    expect((await call(adminReportsLoader, { request: get("/admin/reports"), context: contextFor(member) })).status).toBe(403);
    const signedOut = await call(adminReportsLoader, { request: get("/admin/reports"), context: contextFor(null) });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Freports");
    const queue = await (await call(adminReportsLoader, { request: get("/admin/reports"), context: contextFor(staff) })).json();
    const item = queue.items.find((i: { commentId: number }) => i.commentId === comment.id);
    expect(item.reports.map((r: { reporter: string }) => r.reporter)).toEqual(["Mia Member"]);
    const dismissed = await call(adminReportsAction, { request: formRequest("/admin/reports", { intent: "dismiss", id: String(item.id) }), context: contextFor(staff) });
    expect(dismissed.headers.get("location")).toBe("/admin/reports?done=dismissed");
    const after = await (await call(adminReportsLoader, { request: get("/admin/reports"), context: contextFor(staff) })).json();
    expect(after.items.some((i: { commentId: number }) => i.commentId === comment.id)).toBe(false);
    const refused = await call(adminReportsAction, { request: formRequest("/admin/reports", { intent: "hide", id: String(item.id) }), context: contextFor(staff) });
    expect(refused.status).toBe(409);
  });
});

describe("blocking with content, from the person's page and PATCH /api/v1/users/:id", () => {
  it("the Block form's tick box hides what they wrote, and unblocking with the other restores it; the API takes hideContent and restoreContent", async () => {
    const admin = await createTestUser({ role: "admin" });
    const { staff, author, member, idea, pageParams } = await setup();
    const id = { id: String(author.id) };
    const profile = await (await call(personPageLoader, { request: get(`/admin/people/${author.id}`), context: contextFor(admin), params: id })).json();
    expect(profile.block).toEqual({ blockedAt: null });
    expect((await (await call(personPageLoader, { request: get(`/admin/people/${author.id}`), context: contextFor(staff), params: id })).json()).block).toBeNull();
    const blocked = await call(personPageAction, { request: formRequest(`/admin/people/${author.id}`, { intent: "block", blocked: "true", hideContent: "true" }), context: contextFor(admin), params: id });
    expect(await blocked.json()).toMatchObject({ content: { hidden: { ideas: 1, comments: 1 } } });
    expect((await call(ideaPageLoader, { request: get(`/ideas/${idea.number}/${idea.slug}`), context: contextFor(member), params: pageParams })).status).toBe(404);
    const unblocked = await call(userAction, { request: jsonRequest("PATCH", `/api/v1/users/${author.id}`, { blocked: false, restoreContent: true }), context: contextFor(admin), params: id });
    expect(await unblocked.json()).toMatchObject({ user: { blocked: false, content: { restored: { ideas: 1, comments: 1 } } } });
    expect((await call(ideaPageLoader, { request: get(`/ideas/${idea.number}/${idea.slug}`), context: contextFor(member), params: pageParams })).status).toBe(200);
    const byStaff = await call(personPageAction, { request: formRequest(`/admin/people/${author.id}`, { intent: "block", blocked: "true", hideContent: "true" }), context: contextFor(staff), params: id });
    expect(byStaff.status).toBe(403);
  });
});
