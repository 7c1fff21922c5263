/**
 * Tags through the doors: the JSON API, the admin page, the idea page's no-JS form, the board,
 * roadmap and inbox filters, and bulk actions. A private tag never reaches a member or a visitor:
 * each door is tested with a marker tag name of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import type { SessionUser } from "~/lib/auth.server";
import { createAnonymousCache } from "~/lib/anonymous-cache.server";
import type { IncomingRequest } from "~/lib/request-context.server";
import { listIdeas } from "~/models/idea-listing.server";
import { setIdeaTags } from "~/models/idea-tags.server";
import { getIdea } from "~/models/ideas.server";
import { listNotifications } from "~/models/notifications.server";
import { followIdea } from "~/models/subscriptions.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { createTag } from "~/models/tags.server";
import { loader as boardLoader } from "~/routes/_index";
import { action as adminAction, loader as adminLoader } from "~/routes/admin.tags";
import { action as inboxAction, loader as inboxPageLoader } from "~/routes/admin.inbox";
import { action as bulkApi } from "~/routes/api.v1.ideas.bulk";
import { loader as ideaJsonLoader } from "~/routes/api.v1.ideas.$number";
import { action as ideaTagsApi } from "~/routes/api.v1.ideas.$number.tags";
import { loader as ideasApi } from "~/routes/api.v1.ideas";
import { loader as inboxApi } from "~/routes/api.v1.inbox";
import { loader as roadmapApi } from "~/routes/api.v1.roadmap";
import { action as tagsAction, loader as tagsLoader } from "~/routes/api.v1.tags";
import { action as tagAction, loader as tagLoader } from "~/routes/api.v1.tags.$slug";
import { loader as feedLoader } from "~/routes/changelog[.]atom";
import { action as ideaPageAction, loader as ideaPageLoader } from "~/routes/ideas.$number.($slug)";
import { loader as roadmapLoader } from "~/routes/roadmap";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { processNotifications } from "../../setup/notifications";
import { sinkPerTest } from "../../setup/smtp";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";

const useSink = sinkPerTest();
let admin: SessionUser;
let staff: SessionUser;
let member: SessionUser;
beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = "true";
  admin = await createTestUser({ role: "admin", name: "Ada" });
  staff = await createTestUser({ role: "staff", name: "Sam" });
  member = await createTestUser({ name: "Mia" });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await releaseWorkerInstance();
});

const get = (path: string) => new Request(ORIGIN + path);
const api = (fn: Parameters<typeof call>[0], method: string, path: string, user: SessionUser | null, body?: unknown, params: Record<string, string> = {}) =>
  call(fn, { request: method === "GET" ? get(path) : jsonRequest(method, path, body), context: contextFor(user), params });

/** An idea carrying a public tag and a private tag named `marker`. */
async function ideaWithPrivateTag(marker: string, board?: { id: number }) {
  const open = await createTag({ actor: admin, name: `Public ${marker.slice(-4)}`, colour: "blue" });
  const secret = await createTag({ actor: admin, name: marker, colour: "red", private: true });
  const idea = await createTestIdea({ author: member, board, title: `Calendar sync ${marker.slice(-4)}` });
  await setIdeaTags({ actor: staff, number: idea.number, tags: [open.slug, secret.slug] });
  return { idea, open, secret };
}

describe("/api/v1/tags", () => {
  it("admins create, change and delete; everyone lists the public tags; staff, and only staff, the private ones too", async () => {
    const created = await api(tagsAction, "POST", "/api/v1/tags", admin, { name: "Integrations", colour: "purple" });
    expect(created.status).toBe(201);
    expect((await created.json()).tag).toEqual({ slug: "integrations", name: "Integrations", colour: "purple", private: false, createdAt: expect.any(String), updatedAt: expect.any(String) });
    const secret = await api(tagsAction, "POST", "/api/v1/tags", admin, { name: "Enterprise only", colour: "grey", private: true });
    expect(secret.status).toBe(201);

    const names = async (user: SessionUser | null) => ((await (await api(tagsLoader, "GET", "/api/v1/tags", user)).json()).tags as { slug: string }[]).map((t) => t.slug);
    expect(await names(null)).toContain("integrations");
    expect(await names(member)).not.toContain("enterprise-only");
    expect(await names(staff)).toEqual(expect.arrayContaining(["integrations", "enterprise-only"]));
    expect((await api(tagLoader, "GET", "/api/v1/tags/enterprise-only", member, undefined, { slug: "enterprise-only" })).status).toBe(404);
    expect((await api(tagLoader, "GET", "/api/v1/tags/enterprise-only", staff, undefined, { slug: "enterprise-only" })).status).toBe(200);

    const patched = await api(tagAction, "PATCH", "/api/v1/tags/integrations", admin, { name: "Connectors", colour: "teal" }, { slug: "integrations" });
    expect(patched.status).toBe(200);
    expect((await patched.json()).tag).toMatchObject({ slug: "integrations", name: "Connectors", colour: "teal" });
    const bad = await api(tagAction, "PATCH", "/api/v1/tags/integrations", admin, { colour: "chartreuse" }, { slug: "integrations" });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({ error: { code: "validation_failed", message: expect.any(String), fields: { colour: expect.any(String) } } });
    expect((await api(tagsAction, "POST", "/api/v1/tags", staff, { name: "Mine", colour: "red" })).status).toBe(403);
    expect((await api(tagsAction, "POST", "/api/v1/tags", null, { name: "Mine", colour: "red" })).status).toBe(401);
    expect((await api(tagAction, "DELETE", "/api/v1/tags/integrations", staff, undefined, { slug: "integrations" })).status).toBe(403);
    expect((await api(tagAction, "DELETE", "/api/v1/tags/integrations", admin, undefined, { slug: "integrations" })).status).toBe(204);
    expect((await api(tagAction, "DELETE", "/api/v1/tags/integrations", admin, undefined, { slug: "integrations" })).status).toBe(404);
    expect((await api(tagsAction, "PUT", "/api/v1/tags", admin, {})).status).toBe(405);
  });
});

describe("PUT /api/v1/ideas/:n/tags", () => {
  it("staff set the idea's tags and get its JSON back with them; members 403; unknown idea 404; unknown tag 422", async () => {
    await createTag({ actor: admin, name: "Api put", colour: "green" });
    const idea = await createTestIdea({ author: member });
    const params = { number: String(idea.number) };
    const put = (user: SessionUser | null, body: unknown, p = params) => api(ideaTagsApi, "PUT", `/api/v1/ideas/${p.number}/tags`, user, body, p);
    const done = await put(staff, { tags: ["api-put"] });
    expect(done.status).toBe(200);
    const body = await done.json();
    expect(body).toMatchObject({ added: ["api-put"], removed: [], idea: { number: idea.number, tags: [{ slug: "api-put", name: "Api put", colour: "green", private: false }] } });
    expect((await put(member, { tags: [] })).status).toBe(403);
    expect((await put(staff, { tags: [] }, { number: "999999" })).status).toBe(404);
    const unknown = await put(staff, { tags: ["nope"] });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error.fields.tags).toContain("nope");
    expect((await put(staff, { tags: "api-put" })).status).toBe(422);
    expect((await api(ideaTagsApi, "POST", `/api/v1/ideas/${idea.number}/tags`, staff, { tags: [] }, params)).status).toBe(405);
  });
});

describe("filters by ?tag=", () => {
  it("GET /api/v1/ideas?tag= lists the tagged ideas; a private tag is a 404 for a member exactly as an unknown tag is", async () => {
    const board = await createTestBoard();
    const { idea, open, secret } = await ideaWithPrivateTag("filter-api-77aa", board);
    await createTestIdea({ author: member, board });
    const list = async (user: SessionUser | null, tag: string) => api(ideasApi, "GET", `/api/v1/ideas?board=${board.slug}&tag=${encodeURIComponent(tag)}`, user);
    const open200 = await list(member, open.slug);
    expect((await open200.json()).ideas.map((i: { number: number }) => i.number)).toEqual([idea.number]);
    expect((await (await list(staff, secret.slug)).json()).ideas.map((i: { number: number }) => i.number)).toEqual([idea.number]);
    const privateAnswer = await list(member, secret.slug);
    const unknownAnswer = await list(member, "no-such-tag-at-all");
    expect([privateAnswer.status, unknownAnswer.status]).toEqual([404, 404]);
    expect((await privateAnswer.json()).error.code).toBe("not_found");
    expect((await list(null, secret.slug)).status).toBe(404);
  });

  it("the board page: a member asking for a private tag gets the page for an unknown tag (404, a notice, no ideas); staff get the list", async () => {
    const { idea, secret } = await ideaWithPrivateTag("filter-page-31bc");
    const page = (user: SessionUser | null, tag: string) => call(boardLoader, { request: get(`/?tag=${encodeURIComponent(tag)}`), context: contextFor(user) });
    const privateAnswer = await page(member, secret.slug);
    const unknownAnswer = await page(member, "no-such-tag");
    expect([privateAnswer.status, unknownAnswer.status]).toEqual([404, 404]);
    const data = await privateAnswer.json();
    expect(data).toMatchObject({ missingTag: secret.slug, ideas: [] });
    expect(JSON.stringify(data.tags)).not.toContain(secret.name);
    const staffData = await (await page(staff, secret.slug)).json();
    expect(staffData.missingTag).toBeNull();
    expect(staffData.ideas.map((i: { number: number }) => i.number)).toEqual([idea.number]);
  });

  it("the roadmap page and API: by tag, with a private tag 404 for members", async () => {
    const board = await createTestBoard();
    const { idea, open, secret } = await ideaWithPrivateTag("filter-road-5d01", board);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned", notify: false });
    const column = (body: { columns: { status: string; ideas: { number: number }[] }[] }) => body.columns.find((c) => c.status === "planned")!.ideas.map((i) => i.number);
    expect(column(await (await api(roadmapApi, "GET", `/api/v1/roadmap?board=${board.slug}&tag=${open.slug}`, null)).json())).toEqual([idea.number]);
    expect((await api(roadmapApi, "GET", `/api/v1/roadmap?tag=${secret.slug}`, member)).status).toBe(404);
    expect(column(await (await api(roadmapApi, "GET", `/api/v1/roadmap?board=${board.slug}&tag=${secret.slug}`, staff)).json())).toEqual([idea.number]);
    const page = await call(roadmapLoader, { request: get(`/roadmap?tag=${secret.slug}`), context: contextFor(member) });
    expect(page.status).toBe(404);
    expect(await page.json()).toMatchObject({ missingTag: secret.slug, columns: [] });
    const shown = await (await call(roadmapLoader, { request: get(`/roadmap?board=${board.slug}&tag=${open.slug}`), context: contextFor(member) })).json();
    expect(column(shown)).toEqual([idea.number]);
  });

  it("roadmap cards carry the idea's tags: the public one for everyone, the private one only for staff", async () => {
    const board = await createTestBoard();
    const { idea, open, secret } = await ideaWithPrivateTag("cards-road-77ae", board);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned", notify: false });
    type Body = { columns: { status: string; ideas: { number: number; tags: { slug: string }[] }[] }[] };
    const tagsOn = (body: Body) => body.columns.find((c) => c.status === "planned")!.ideas.find((i) => i.number === idea.number)!.tags.map((t) => t.slug);
    expect(tagsOn(await (await api(roadmapApi, "GET", `/api/v1/roadmap?board=${board.slug}`, null)).json())).toEqual([open.slug]);
    expect(tagsOn(await (await api(roadmapApi, "GET", `/api/v1/roadmap?board=${board.slug}`, member)).json())).toEqual([open.slug]);
    expect(tagsOn(await (await api(roadmapApi, "GET", `/api/v1/roadmap?board=${board.slug}`, staff)).json()).sort()).toEqual([open.slug, secret.slug].sort());
    const page = async (user: SessionUser | null) => (await call(roadmapLoader, { request: get(`/roadmap?board=${board.slug}`), context: contextFor(user) })).json();
    const memberPage = await page(member);
    expect(tagsOn(memberPage)).toEqual([open.slug]);
    expect(JSON.stringify(memberPage.columns)).not.toContain(secret.name);
    expect(tagsOn(await page(staff)).sort()).toEqual([open.slug, secret.slug].sort());
  });

  it("the inbox page and API filter by tag (staff); members 403", async () => {
    const board = await createTestBoard();
    const { idea, secret } = await ideaWithPrivateTag("filter-inbox-9e42", board);
    await createTestIdea({ author: member, board });
    const apiAnswer = await (await api(inboxApi, "GET", `/api/v1/inbox?board=${board.slug}&tag=${secret.slug}`, staff)).json();
    expect(apiAnswer.ideas.map((i: { number: number }) => i.number)).toEqual([idea.number]);
    expect(apiAnswer.ideas[0].tags.map((t: { slug: string }) => t.slug)).toContain(secret.slug);
    expect((await api(inboxApi, "GET", `/api/v1/inbox?tag=${secret.slug}`, member)).status).toBe(403);
    const page = await (await call(inboxPageLoader, { request: get(`/admin/inbox?board=${board.slug}&tag=${secret.slug}`), context: contextFor(staff) })).json();
    expect(page.ideas.map((i: { number: number }) => i.number)).toEqual([idea.number]);
    expect(page.tag).toBe(secret.slug);
  });

  it("the anonymous cache keys a page by its ?tag= (one tag's list is never served for another's)", () => {
    const cache = createAnonymousCache({ ttlMs: 1000 });
    const req = (url: string): IncomingRequest => ({ method: "GET", url, https: false, host: "localhost:3000", ip: "127.0.0.1", headers: {} });
    expect(cache.keyFor(req("/?tag=billing"))).not.toBe(cache.keyFor(req("/?tag=reports")));
    expect(cache.keyFor(req("/roadmap?tag=billing"))).not.toBe(cache.keyFor(req("/roadmap")));
    expect(cache.keyFor(req("/api/v1/ideas?tag=billing"))).not.toBe(cache.keyFor(req("/api/v1/ideas?tag=reports")));
  });
});

describe("bulk tags", () => {
  it("POST /api/v1/ideas/bulk with tag/untag, and the inbox's bulk form without JavaScript", async () => {
    await createTag({ actor: admin, name: "Bulk door", colour: "pink" });
    const a = await createTestIdea({ author: member });
    const b = await createTestIdea({ author: member });
    const answer = await api(bulkApi, "POST", "/api/v1/ideas/bulk", staff, { ideas: [a.number, b.number], action: "tag", tag: "bulk-door" });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ action: "tag", succeeded: 2, failed: 0 });
    const refused = await api(bulkApi, "POST", "/api/v1/ideas/bulk", staff, { ideas: [a.number], action: "tag", tag: "" });
    expect(refused.status).toBe(422);
    const form = new URLSearchParams([["intent", "bulk"], ["action", "untag"], ["tag", "bulk-door"], ["ideas[]", String(a.number)], ["ideas[]", String(b.number)]]);
    const posted = await call(inboxAction, {
      request: new Request(`${ORIGIN}/admin/inbox`, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } }),
      context: contextFor(staff),
    });
    expect(posted.status).toBe(200);
    expect((await posted.json()).bulk).toMatchObject({ action: "untag", succeeded: 2 });
    expect((await getIdea({ actor: staff, number: a.number }))!.tags).toEqual([]);
  });
});

describe("pages without JavaScript", () => {
  it("/admin/tags: admins create, change and delete by form (field messages on refusal); staff 403", async () => {
    expect((await call(adminLoader, { request: get("/admin/tags"), context: contextFor(staff) })).status).toBe(403);
    const post = (fields: Record<string, string>) => call(adminAction, { request: formRequest("/admin/tags", fields), context: contextFor(admin) });
    expect((await (await post({ intent: "create", name: "Design", colour: "purple", private: "false" })).json()).done).toBe("created");
    const twice = await post({ intent: "create", name: "Design", colour: "purple", private: "false" });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ form: "new", errors: { name: expect.any(String) }, values: { name: "Design" } });
    // The hidden "false" first, the ticked box's "true" last: it wins.
    const form = new URLSearchParams([["intent", "update"], ["slug", "design"], ["name", "Design system"], ["colour", "blue"], ["private", "false"], ["private", "true"]]);
    const updated = await call(adminAction, { request: new Request(`${ORIGIN}/admin/tags`, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } }), context: contextFor(admin) });
    expect((await updated.json()).done).toBe("updated");
    const listed = await (await call(adminLoader, { request: get("/admin/tags"), context: contextFor(admin) })).json();
    expect(listed.tags).toContainEqual({ slug: "design", name: "Design system", colour: "blue", private: true });
    expect((await (await post({ intent: "delete", slug: "design" })).json()).done).toBe("deleted");
  });

  it("the idea page: staff tick the tags and save (intent=tags); members are refused; the page shows the chips", async () => {
    await createTag({ actor: admin, name: "Page form", colour: "teal" });
    const idea = await createTestIdea({ author: member });
    const params = { number: String(idea.number), slug: idea.slug };
    const form = new URLSearchParams([["intent", "tags"], ["tags[]", "page-form"]]);
    const request = () => new Request(ORIGIN + idea.url, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } });
    const saved = await call(ideaPageAction, { request: request(), context: contextFor(staff), params });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`${idea.url}?tagged=1#tags`);
    expect((await call(ideaPageAction, { request: request(), context: contextFor(member), params })).status).toBe(403);
    const page = await (await call(ideaPageLoader, { request: get(`${idea.url}?tagged=1`), context: contextFor(staff), params })).json();
    expect(page).toMatchObject({ taggedNotice: true, idea: { tags: [{ slug: "page-form" }] } });
    expect(page.tagChoices.map((t: { slug: string }) => t.slug)).toContain("page-form");
    // Nothing ticked: every tag comes off.
    const none = new Request(ORIGIN + idea.url, { method: "POST", body: new URLSearchParams({ intent: "tags" }), headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } });
    expect((await call(ideaPageAction, { request: none, context: contextFor(staff), params })).status).toBe(302);
    expect((await getIdea({ actor: staff, number: idea.number }))!.tags).toEqual([]);
  });
});

describe("a private tag never reaches a member through any door", () => {
  const readers = () => [member, null];

  it("the idea page: staff see the private tag and the form; members and visitors neither", async () => {
    const marker = "marker-page-e1f0";
    const { idea } = await ideaWithPrivateTag(marker);
    const page = (user: SessionUser | null) =>
      call(ideaPageLoader, { request: get(idea.url), context: contextFor(user), params: { number: String(idea.number), slug: idea.slug } });
    for (const user of readers()) {
      const body = await (await page(user)).text();
      expect(body).not.toContain(marker);
      expect(JSON.parse(body)).toMatchObject({ tagChoices: null, idea: { tags: [{ private: false }] } });
    }
    expect(await (await page(staff)).text()).toContain(marker);
  });

  it("the board page: not on the cards, not among the filter's tags", async () => {
    const marker = "marker-board-7c3d";
    const board = await createTestBoard();
    await ideaWithPrivateTag(marker, board);
    for (const user of readers()) expect(await (await call(boardLoader, { request: get(`/?board=${board.slug}`), context: contextFor(user) })).text()).not.toContain(marker);
    expect(await (await call(boardLoader, { request: get(`/?board=${board.slug}`), context: contextFor(staff) })).text()).toContain(marker);
  });

  it("the JSON API: the idea, the ideas list, the tags list and the tag itself", async () => {
    const marker = "marker-api-4b8e";
    const board = await createTestBoard();
    const { idea, secret } = await ideaWithPrivateTag(marker, board);
    for (const user of readers()) {
      expect(await (await api(ideaJsonLoader, "GET", `/api/v1/ideas/${idea.number}`, user, undefined, { number: String(idea.number) })).text()).not.toContain(marker);
      expect(await (await api(ideasApi, "GET", `/api/v1/ideas?board=${board.slug}`, user)).text()).not.toContain(marker);
      expect(await (await api(tagsLoader, "GET", "/api/v1/tags", user)).text()).not.toContain(marker);
      expect((await api(tagLoader, "GET", `/api/v1/tags/${secret.slug}`, user, undefined, { slug: secret.slug })).status).toBe(404);
    }
    expect(await (await api(ideaJsonLoader, "GET", `/api/v1/ideas/${idea.number}`, staff, undefined, { number: String(idea.number) })).text()).toContain(marker);
  });

  it("search: the results carry no private tag, and searching for its name finds nothing (tags are not searched)", async () => {
    const marker = "markersearchqx";
    const { idea } = await ideaWithPrivateTag(marker);
    for (const user of readers()) {
      const byTitle = await listIdeas({ actor: user, sort: "top", q: idea.title, limit: 20 });
      expect(byTitle.ideas.map((i) => i.number)).toContain(idea.number);
      expect(JSON.stringify(byTitle)).not.toContain(marker);
      expect((await listIdeas({ actor: user, sort: "top", q: marker, limit: 20 })).ideas).toEqual([]);
    }
  });

  it("the roadmap and the Atom feed: a shipped idea with a private tag shows no trace of it", async () => {
    const marker = "marker-feed-a9d2";
    const { idea } = await ideaWithPrivateTag(marker);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Out now" });
    for (const user of readers()) {
      expect(await (await call(roadmapLoader, { request: get("/roadmap"), context: contextFor(user) })).text()).not.toContain(marker);
      expect(await (await api(roadmapApi, "GET", "/api/v1/roadmap", user)).text()).not.toContain(marker);
    }
    const feed = await (await call(feedLoader, { request: get("/changelog.atom"), context: contextFor(null) })).text();
    expect(feed).toContain(idea.title);
    expect(feed).not.toContain(marker);
  });

  it("email and the bell: the follower's status-change mail and notification carry no trace of it", async () => {
    await processNotifications(); // what earlier tests queued goes to the outbox, not to this server
    const smtp = await useSink();
    const marker = "marker-mail-62f5";
    const { idea } = await ideaWithPrivateTag(marker);
    const follower = await createTestUser({ name: "Fay" });
    await followIdea({ actor: follower, number: idea.number });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned", note: "Next month" });
    await processNotifications();
    await smtp.waitFor(1);
    const toFollower = smtp.messages.filter((m) => m.envelope.to[0] === follower.email);
    expect(toFollower).toHaveLength(1);
    expect(toFollower[0].text).toContain("Next month");
    expect(smtp.messages.every((m) => !`${m.subject} ${m.text} ${m.html}`.includes(marker))).toBe(true);
    expect(JSON.stringify(await listNotifications({ actor: follower }))).not.toContain(marker);
  });
});
