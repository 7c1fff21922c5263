import { describe, expect, it } from "vitest";
import { addComment } from "~/models/comments.server";
import { setVote } from "~/models/votes.server";
import { action as ideaAction, loader as ideaLoader } from "~/routes/ideas.$number.($slug)";
import { loader as ideaJsonLoader } from "~/routes/api.v1.ideas.$number";
import { action as mergeAction, loader as mergeLoader } from "~/routes/api.v1.ideas.$number.merge";
import { action as unmergeAction } from "~/routes/api.v1.ideas.$number.unmerge";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";
import { createTestIdea, createTestUser } from "../../setup/factories";

type Idea = Awaited<ReturnType<typeof createTestIdea>>;
const params = (idea: Idea) => ({ number: String(idea.number), slug: idea.slug });
const get = (path: string) => new Request(ORIGIN + path);

async function pair() {
  const staff = await createTestUser({ role: "staff", name: "Sam" });
  const member = await createTestUser({ name: "Mia" });
  const a = await createTestIdea({ author: member, title: "Export to CSV" });
  const b = await createTestIdea({ author: staff, title: "CSV export please" });
  return { staff, member, a, b };
}

describe("POST /api/v1/ideas/:number/merge and /unmerge", () => {
  it("merges B into A (200 with A's JSON), GET B says mergedInto, unmerge answers B open again", async () => {
    const { staff, member, a, b } = await pair();
    const voter = await createTestUser();
    await setVote({ actor: voter, number: b.number, voted: true });
    const merged = await call(mergeAction, { request: jsonRequest("POST", `/api/v1/ideas/${b.number}/merge`, { into: a.number }), context: contextFor(staff), params: { number: String(b.number) } });
    expect(merged.status).toBe(200);
    const body = await merged.json();
    expect(body.idea).toMatchObject({ number: a.number, voteCount: 3, mergedInto: null });

    const shown = await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${b.number}`), context: contextFor(member), params: { number: String(b.number) } });
    expect(shown.status).toBe(200);
    expect((await shown.json()).idea).toMatchObject({ number: b.number, mergedInto: a.number });

    const undone = await call(unmergeAction, { request: jsonRequest("POST", `/api/v1/ideas/${b.number}/unmerge`), context: contextFor(staff), params: { number: String(b.number) } });
    expect(undone.status).toBe(200);
    expect((await undone.json()).idea).toMatchObject({ number: b.number, mergedInto: null, voteCount: 2 });
  });

  it("answers refusals in the API error shape: 422 for itself, 403 for members, 404 for unknown, 405 for GET", async () => {
    const { staff, member, a, b } = await pair();
    const path = `/api/v1/ideas/${a.number}/merge`;
    const self = await call(mergeAction, { request: jsonRequest("POST", path, { into: a.number }), context: contextFor(staff), params: { number: String(a.number) } });
    expect(self.status).toBe(422);
    expect(await self.json()).toEqual({ error: { code: "validation_failed", message: expect.any(String), fields: { into: "An idea cannot be merged into itself." } } });
    const bad = await call(mergeAction, { request: jsonRequest("POST", path, { into: "soon" }), context: contextFor(staff), params: { number: String(a.number) } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields.into).toBeDefined();
    const member403 = await call(mergeAction, { request: jsonRequest("POST", path, { into: b.number }), context: contextFor(member), params: { number: String(a.number) } });
    expect(member403.status).toBe(403);
    expect((await member403.json()).error.code).toBe("forbidden");
    const unknown = await call(mergeAction, { request: jsonRequest("POST", "/api/v1/ideas/999999/merge", { into: a.number }), context: contextFor(staff), params: { number: "999999" } });
    expect(unknown.status).toBe(404);
    expect((await call(mergeLoader, { request: get(path), context: contextFor(staff), params: { number: String(a.number) } })).status).toBe(405);
  });
});

describe("merging from the idea page", () => {
  it("offers staff the ideas that look like this one as merge targets (never itself, never to members)", async () => {
    const { staff, member, a, b } = await pair();
    const elsewhere = await createTestIdea({ author: member, title: "Dark mode for the mobile app" });
    const forStaff = await (await call(ideaLoader, { request: get(b.url), context: contextFor(staff), params: params(b) })).json();
    const offered = forStaff.similar.map((s: { number: number }) => s.number);
    expect(offered).toContain(a.number);
    expect(offered).not.toContain(b.number);
    expect(offered).not.toContain(elsewhere.number);
    expect(forStaff.similar.find((s: { number: number }) => s.number === a.number)).toMatchObject({ title: "Export to CSV", url: a.url, status: "open" });
    const forMember = await (await call(ideaLoader, { request: get(b.url), context: contextFor(member), params: params(b) })).json();
    expect(forMember.similar).toEqual([]);
    // The one-click form posts the same merge.
    const posted = await call(ideaAction, { request: formRequest(b.url, { intent: "merge", into: String(a.number) }), context: contextFor(staff), params: params(b) });
    expect(posted.headers.get("location")).toBe(`/ideas/${a.number}?merged=${b.number}`);
  });

  it("staff merge with the form; B's page redirects to A with a notice; B's comments show on A", async () => {
    const { staff, member, a, b } = await pair();
    const comment = await addComment({ actor: member, number: b.number, body: "Same as the other one" });
    const posted = await call(ideaAction, { request: formRequest(b.url, { intent: "merge", into: `#${a.number}` }), context: contextFor(staff), params: params(b) });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toBe(`/ideas/${a.number}?merged=${b.number}`);

    const fromB = await call(ideaLoader, { request: get(b.url), context: contextFor(member), params: params(b) });
    expect(fromB.status).toBe(302);
    expect(fromB.headers.get("location")).toBe(`${a.url}?merged=${b.number}`);

    const onA = await (await call(ideaLoader, { request: get(`${a.url}?merged=${b.number}`), context: contextFor(member), params: params(a) })).json();
    expect(onA.mergedNotice).toBe(b.number);
    expect(onA.canMerge).toBe(false);
    expect(onA.comments.find((c: { id: number }) => c.id === comment.id)).toMatchObject({ fromNumber: b.number });
    expect(onA.merges).toEqual([expect.objectContaining({ kind: "mergedIn", other: expect.objectContaining({ number: b.number }), actor: { id: staff.id, name: "Sam" }, canUnmerge: false })]);
    // A notice only for an idea that really was merged here.
    const forged = await (await call(ideaLoader, { request: get(`${a.url}?merged=1`), context: contextFor(member), params: params(a) })).json();
    expect(forged.mergedNotice).toBeNull();

    const staffView = await (await call(ideaLoader, { request: get(a.url), context: contextFor(staff), params: params(a) })).json();
    expect(staffView.merges[0].canUnmerge).toBe(true);
    const unmerged = await call(ideaAction, { request: formRequest(a.url, { intent: "unmerge", number: String(b.number) }), context: contextFor(staff), params: params(a) });
    expect(unmerged.status).toBe(302);
    expect(unmerged.headers.get("location")).toBe(`${a.url}?unmerged=${b.number}`);
    expect((await call(ideaLoader, { request: get(b.url), context: contextFor(member), params: params(b) })).status).toBe(200);
  });

  it("gives the form's field its message when the merge is refused, keeping what was typed", async () => {
    const { staff, member, a } = await pair();
    const refused = await call(ideaAction, { request: formRequest(a.url, { intent: "merge", into: String(a.number) }), context: contextFor(staff), params: params(a) });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ form: "merge", errors: { into: "An idea cannot be merged into itself." }, values: { into: String(a.number) } });
    const member403 = await call(ideaAction, { request: formRequest(a.url, { intent: "merge", into: "1" }), context: contextFor(member), params: params(a) });
    expect(member403.status).toBe(403);
  });
});
