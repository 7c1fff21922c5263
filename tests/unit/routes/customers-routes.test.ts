import { describe, expect, it } from "vitest";
import { upsertCompany } from "~/models/companies.server";
import { addVoteOnBehalf, setVoteImportance } from "~/models/votes-on-behalf.server";
import { setVote } from "~/models/votes.server";
import { loader as boardLoader } from "~/routes/_index";
import { action as companiesAdminAction, loader as companiesAdminLoader } from "~/routes/admin.companies";
import { action as personAction, loader as personLoader } from "~/routes/admin.people.$id";
import { loader as companiesLoader } from "~/routes/api.v1.companies";
import { action as companyAction } from "~/routes/api.v1.companies.$externalId";
import { loader as ideasLoader } from "~/routes/api.v1.ideas";
import { loader as ideaJsonLoader } from "~/routes/api.v1.ideas.$number";
import { action as importanceAction } from "~/routes/api.v1.ideas.$number.importance";
import { action as votesAction } from "~/routes/api.v1.ideas.$number.votes";
import { action as ideaAction, loader as ideaLoader } from "~/routes/ideas.$number.($slug)";
import { action as importancePageAction } from "~/routes/ideas.$number.importance";
import { action as onBehalfAction } from "~/routes/ideas.$number.on-behalf";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;
const get = (path: string) => new Request(ORIGIN + path);
type Idea = Awaited<ReturnType<typeof createTestIdea>>;
const params = (idea: Idea) => ({ number: String(idea.number), slug: idea.slug });

describe("companies API", () => {
  it("PUT creates (201) then changes (200); GET lists for staff; members get 403 and bad input 422", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const id = `api-${uniq()}`;
    const put = (user: typeof staff, body: unknown) =>
      call(companyAction, { request: jsonRequest("PUT", `/api/v1/companies/${id}`, body), context: contextFor(user), params: { externalId: id } });
    const created = await put(staff, { name: "Api Co", monthlyRevenueCents: 99_00, segment: "Mid-market", domains: [`api${uniq()}.example`] });
    expect(created.status).toBe(201);
    expect((await created.json()).company).toMatchObject({ externalId: id, name: "Api Co", monthlyRevenueCents: 9900, segment: "Mid-market", peopleCount: 0 });
    expect((await put(staff, { name: "Api Co 2" })).status).toBe(200);
    const bad = await put(staff, { name: "", monthlyRevenueCents: 1.5 });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["monthlyRevenueCents", "name"]);
    expect((await put(member, { name: "Mine" })).status).toBe(403);

    const list = await call(companiesLoader, { request: get("/api/v1/companies?segment=Mid-market"), context: contextFor(staff) });
    expect(list.status).toBe(200);
    expect((await list.json()).companies.map((c: { externalId: string }) => c.externalId)).toContain(id);
    expect((await call(companiesLoader, { request: get("/api/v1/companies"), context: contextFor(member) })).status).toBe(403);
    expect((await call(companiesLoader, { request: get("/api/v1/companies"), context: contextFor(null) })).status).toBe(401);
  });
});

describe("votes on a customer's behalf, through the API and the idea page", () => {
  it("POST adds (201), again changes nothing (200), DELETE removes; members 403; nothing staff wrote reaches a member", async () => {
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const member = await createTestUser();
    const idea = await createTestIdea({ author: member, title: "Single sign-on with Okta" });
    const path = `/api/v1/ideas/${idea.number}/votes`;
    const post = (user: typeof staff, body: unknown) => call(votesAction, { request: jsonRequest("POST", path, body), context: contextFor(user), params: { number: String(idea.number) } });
    const email = `okta-${uniq()}@customer.example`;
    const first = await post(staff, { email, name: "Olive", note: "secret: call with Acme, 2026-12-01" });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ voter: { email, name: "Olive", isContact: true }, added: true, voteCount: 2 });
    const again = await post(staff, { email });
    expect(again.status).toBe(200);
    expect((await again.json()).added).toBe(false);
    expect((await post(member, { email: "x@example.com" })).status).toBe(403);
    expect((await post(staff, { email: "nope" })).status).toBe(422);

    // The member's page and JSON carry no demand, no note, no name of who added it.
    const page = await (await call(ideaLoader, { request: get(idea.url), context: contextFor(member), params: params(idea) })).json();
    expect(page.staffDemand).toBeNull();
    expect(JSON.stringify(page)).not.toContain("Acme");
    expect(JSON.stringify(page)).not.toContain(email);
    const apiIdea = await (await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${idea.number}`), context: contextFor(member), params: { number: String(idea.number) } })).json();
    expect(JSON.stringify(apiIdea)).not.toContain("Acme");
    // Staff see it all.
    const staffPage = await (await call(ideaLoader, { request: get(idea.url), context: contextFor(staff), params: params(idea) })).json();
    expect(staffPage.staffDemand.demand.voters.find((v: { email: string }) => v.email === email)).toMatchObject({ note: "secret: call with Acme, 2026-12-01", addedBy: "Sam", isContact: true });

    const del = await call(votesAction, { request: jsonRequest("DELETE", `${path}?email=${encodeURIComponent(email)}`), context: contextFor(staff), params: { number: String(idea.number) } });
    expect(await del.json()).toEqual({ removed: true, voteCount: 1 });
  });

  it("the page form adds a vote and says so; a bad address comes back on the form", async () => {
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author: staff });
    const email = `form-${uniq()}@customer.example`;
    const posted = await call(ideaAction, { request: formRequest(idea.url, { intent: "voteOnBehalf", email, name: "", note: "chat" }), context: contextFor(staff), params: params(idea) });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toBe(`${idea.url}?onBehalf=added&email=${encodeURIComponent(email)}#demand`);
    const shown = await (await call(ideaLoader, { request: get(posted.headers.get("location")!.split("#")[0]), context: contextFor(staff), params: params(idea) })).json();
    expect(shown.staffDemand.notice).toBe(`Vote added for ${email}.`);
    const bad = await call(ideaAction, { request: formRequest(idea.url, { intent: "voteOnBehalf", email: "nope" }), context: contextFor(staff), params: params(idea) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.email).toBeDefined();
    const member = await createTestUser();
    expect((await call(ideaAction, { request: formRequest(idea.url, { intent: "voteOnBehalf", email }), context: contextFor(member), params: params(idea) })).status).toBe(403);
  });

  it("a voter sets importance by API and page; someone who has not voted gets 404", async () => {
    const member = await createTestUser();
    const idea = await createTestIdea({ author: member });
    const put = (body: unknown, user = member) =>
      call(importanceAction, { request: jsonRequest("PUT", `/api/v1/ideas/${idea.number}/importance`, body), context: contextFor(user), params: { number: String(idea.number) } });
    expect(await (await put({ importance: "important" })).json()).toEqual({ importance: "important" });
    expect((await put({ importance: "urgent" })).status).toBe(422);
    expect((await put({ importance: "must_have" }, await createTestUser())).status).toBe(404);
    const posted = await call(importancePageAction, { request: formRequest(`/ideas/${idea.number}/importance`, { importance: "must_have" }), context: contextFor(member), params: { number: String(idea.number) } });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toBe(`/ideas/${idea.number}?importance=saved#importance`);
    const page = await (await call(ideaLoader, { request: get(idea.url), context: contextFor(member), params: params(idea) })).json();
    expect(page.importance).toEqual({ current: "must_have", saved: false });
    const removed = await call(onBehalfAction, { request: formRequest(`/ideas/${idea.number}/on-behalf`, { email: member.email }), context: contextFor(member), params: { number: String(idea.number) } });
    expect(removed.status).toBe(403);
  });
});

describe("the board for staff: Top by revenue and segment", () => {
  it("sorts by the revenue of the companies that asked and filters by segment, in the JSON list and the page; members get 403 / the usual list", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const board = await createTestBoard();
    const big = `big${uniq()}.example`;
    const small = `small${uniq()}.example`;
    await upsertCompany({ actor: staff, externalId: `big-${uniq()}`, body: { name: "Big", monthlyRevenueCents: 900_000, segment: "Enterprise", domains: [big] } });
    await upsertCompany({ actor: staff, externalId: `small-${uniq()}`, body: { name: "Small", monthlyRevenueCents: 1_000, segment: "SMB", domains: [small] } });
    const popular = await createTestIdea({ author: member, board, title: "Popular with small shops" });
    const valuable = await createTestIdea({ author: member, board, title: "Wanted by one big customer" });
    const nobody = await createTestIdea({ author: member, board, title: "Nobody paying asked" });
    for (let i = 0; i < 3; i++) await setVote({ actor: await createTestUser({ email: `p${i}-${uniq()}@${small}` }), number: popular.number, voted: true });
    await addVoteOnBehalf({ actor: staff, number: valuable.number, email: `cto@${big}` });

    const list = async (query: string, user = staff) => call(ideasLoader, { request: get(`/api/v1/ideas?board=${board.slug}&${query}`), context: contextFor(user) });
    const byRevenue = await (await list("sort=revenue&limit=2")).json();
    expect(byRevenue.ideas.map((i: { number: number; monthlyRevenueCents: number }) => [i.number, i.monthlyRevenueCents])).toEqual([
      [valuable.number, 900_000],
      [popular.number, 1_000],
    ]);
    const rest = await (await list(`sort=revenue&limit=2&cursor=${byRevenue.nextCursor}`)).json();
    expect(rest.ideas.map((i: { number: number }) => i.number)).toEqual([nobody.number]);
    const smb = await (await list("segment=SMB")).json();
    expect(smb.ideas.map((i: { number: number }) => i.number)).toEqual([popular.number]);
    expect((await list("sort=revenue", member)).status).toBe(403);
    expect((await list("segment=SMB", member)).status).toBe(403);

    const staffPage = await (await call(boardLoader, { request: get(`/?board=${board.slug}&sort=revenue&segment=Enterprise`), context: contextFor(staff) })).json();
    expect(staffPage.ideas.map((i: { number: number }) => i.number)).toEqual([valuable.number]);
    expect(staffPage.segments).toEqual(expect.arrayContaining(["Enterprise", "SMB"]));
    const memberPage = await (await call(boardLoader, { request: get(`/?board=${board.slug}&sort=revenue&segment=Enterprise`), context: contextFor(member) })).json();
    expect(memberPage.query).toMatchObject({ sort: "top", segment: "" });
    expect(memberPage.segments).toBeNull();
    expect(memberPage.ideas).toHaveLength(3);
  });
});

describe("admin pages", () => {
  it("/admin/companies saves a company from the form and imports a CSV file; members 403", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const id = `page-${uniq()}`;
    const saved = await call(companiesAdminAction, {
      request: formRequest("/admin/companies", { intent: "save", externalId: id, name: "Page Co", plan: "Team", monthlyRevenue: "1250.50", segment: "SMB", domains: "" }),
      context: contextFor(staff),
    });
    expect(saved.status).toBe(302);
    const page = await (await call(companiesAdminLoader, { request: get(`/admin/companies?edit=${id}`), context: contextFor(staff) })).json();
    expect(page.editing).toMatchObject({ externalId: id, monthlyRevenueCents: 125_050 });
    expect(page.companies.find((c: { externalId: string }) => c.externalId === id).revenue).toBe("$1,250.50");
    const refused = await call(companiesAdminAction, { request: formRequest("/admin/companies", { intent: "save", externalId: id, name: "Page Co", monthlyRevenue: "lots" }), context: contextFor(staff) });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors.monthlyRevenue).toBe("Enter an amount such as 1250 or 1250.50.");

    const form = new FormData();
    form.set("intent", "import");
    form.set("file", new File([`external_id,name\ncsv-${uniq()},From CSV\nbroken id!,Bad\n`], "companies.csv", { type: "text/csv" }));
    const importRequest = () => new Request(`${ORIGIN}/admin/companies`, { method: "POST", body: form, headers: { origin: ORIGIN } });
    const imported = await call(companiesAdminAction, { request: importRequest(), context: contextFor(staff) });
    expect(imported.status).toBe(422);
    expect((await imported.json()).problems).toEqual([{ line: 3, message: expect.any(String) }]);
    expect((await call(companiesAdminLoader, { request: get("/admin/companies"), context: contextFor(member) })).status).toBe(403);
    expect((await call(companiesAdminAction, { request: importRequest(), context: contextFor(member) })).status).toBe(403);
  });

  it("/admin/people/:id shows a person's ideas, votes, comments, follows and company to staff, and puts them in a company by hand", async () => {
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const member = await createTestUser({ name: "Pat" });
    const idea = await createTestIdea({ author: member, title: "Pat's own idea" });
    const other = await createTestIdea({ author: staff, title: "Something Pat wants" });
    await addVoteOnBehalf({ actor: staff, number: other.number, email: member.email, note: "said so on a call" });
    await setVoteImportance({ actor: member, number: other.number, importance: "must_have" });
    const id = `hand-${uniq()}`;
    await upsertCompany({ actor: staff, externalId: id, body: { name: "By Hand Ltd" } });

    const put = await call(personAction, { request: formRequest(`/admin/people/${member.id}`, { company: id }), context: contextFor(staff), params: { id: String(member.id) } });
    expect(put.status).toBe(302);
    const profile = await (await call(personLoader, { request: get(`/admin/people/${member.id}`), context: contextFor(staff), params: { id: String(member.id) } })).json();
    expect(profile.person).toMatchObject({ name: "Pat", company: { externalId: id, name: "By Hand Ltd" }, companyByHand: true, isContact: false });
    expect(profile.ideas.map((i: { number: number }) => i.number)).toEqual([idea.number]);
    expect(profile.votes.find((v: { number: number }) => v.number === other.number)).toMatchObject({ importance: "must_have", addedBy: "Sam", note: "said so on a call" });
    const unknown = await call(personAction, { request: formRequest(`/admin/people/${member.id}`, { company: "no-such-company" }), context: contextFor(staff), params: { id: String(member.id) } });
    expect(unknown.status).toBe(422);
    expect((await call(personLoader, { request: get(`/admin/people/${staff.id}`), context: contextFor(member), params: { id: String(staff.id) } })).status).toBe(403);
    expect((await call(personLoader, { request: get("/admin/people/99999999"), context: contextFor(staff), params: { id: "99999999" } })).status).toBe(404);
    expect((await call(personLoader, { request: get("/admin/people/abc"), context: contextFor(staff), params: { id: "abc" } })).status).toBe(404);
  });
});
