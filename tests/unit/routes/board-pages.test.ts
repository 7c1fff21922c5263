/** The board's pages as the browser meets them: loaders and actions called with real requests. */
import { beforeEach, describe, expect, it } from "vitest";
import { loader as boardLoader } from "~/routes/_index";
import { action as ideaAction, loader as ideaLoader } from "~/routes/ideas.$number.($slug)";
import { action as editAction, loader as editLoader } from "~/routes/ideas.$number.edit";
import { action as newAction } from "~/routes/ideas.new";
import { loader as similarLoader } from "~/routes/ideas.similar";
import { action as voteAction } from "~/routes/ideas.$number.vote";
import { resetRateLimiters } from "~/lib/rate-limit.server";
import { getIdea } from "~/models/ideas.server";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { call, contextFor, formRequest, ORIGIN } from "../../setup/remix";

const get = (path: string) => new Request(ORIGIN + path);

beforeEach(() => resetRateLimiters());

describe("the board", () => {
  it("lists ideas for signed-out readers, without their bodies, and ignores parameters that do not parse", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author, title: "Board page listing check", body: "A **long** body" });
    const res = await call(boardLoader, { request: get("/?status=nonsense&sort=sideways&limit=100"), context: contextFor(null) });
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.query).toMatchObject({ sort: "top", status: "" });
    const card = data.ideas.find((i: { number: number }) => i.number === idea.number);
    expect(card).toMatchObject({ title: "Board page listing check", voteCount: 1, votedByMe: false, url: idea.url });
    expect(card.date).toMatch(/\d{4}/);
    expect(card).not.toHaveProperty("body");
    expect(card).not.toHaveProperty("bodyHtml");
  });

  it("searches, and shows whether the reader voted", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author, title: "Zanzibar export format" });
    await createTestIdea({ author, title: "Something unrelated" });
    const data = await (await call(boardLoader, { request: get("/?q=zanzibar"), context: contextFor(author) })).json();
    expect(data.ideas.map((i: { number: number }) => i.number)).toEqual([idea.number]);
    expect(data.ideas[0].votedByMe).toBe(true);
  });

  it("pages with a cursor, keeping the filters", async () => {
    const author = await createTestUser();
    const board = await createTestBoard();
    for (let i = 0; i < 22; i++) await createTestIdea({ author, board, title: `Paged idea ${i}` });
    const first = await (await call(boardLoader, { request: get(`/?board=${board.slug}&sort=new`), context: contextFor(null) })).json();
    expect(first.ideas).toHaveLength(20);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (
      await call(boardLoader, { request: get(`/?board=${board.slug}&sort=new&cursor=${first.nextCursor}`), context: contextFor(null) })
    ).json();
    expect(second.query).toMatchObject({ board: board.slug, sort: "new", cursor: first.nextCursor });
    expect(second.ideas.map((i: { title: string }) => i.title)).toEqual(["Paged idea 1", "Paged idea 0"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("one idea's page", () => {
  it("redirects a wrong or missing slug to the canonical address with 301, keeping the query", async () => {
    const idea = await createTestIdea({ author: await createTestUser(), title: "Canonical address please" });
    for (const slug of [undefined, "wrong"]) {
      const res = await call(ideaLoader, {
        request: get(`/ideas/${idea.number}${slug ? `/${slug}` : ""}?edit=3`),
        context: contextFor(null),
        params: { number: String(idea.number), ...(slug ? { slug } : {}) },
      });
      expect(res.status).toBe(301);
      expect(res.headers.get("location")).toBe(`${idea.url}?edit=3`);
    }
    const ok = await call(ideaLoader, { request: get(idea.url), context: contextFor(null), params: { number: String(idea.number), slug: idea.slug } });
    expect(ok.status).toBe(200);
  });

  it("answers 404 for an unknown or malformed number", async () => {
    for (const number of ["999999", "abc", "0", "99999999999"]) {
      const res = await call(ideaLoader, { request: get(`/ideas/${number}/x`), context: contextFor(null), params: { number, slug: "x" } });
      expect(res.status).toBe(404);
    }
  });

  it("keeps a refused comment's text and field message, and shows the comment rate limit on the form", async () => {
    const idea = await createTestIdea({ author: await createTestUser() });
    const member = await createTestUser();
    const post = (fields: Record<string, string>) =>
      call(ideaAction, { request: formRequest(idea.url, fields), context: contextFor(member), params: { number: String(idea.number), slug: idea.slug } });

    const empty = await post({ intent: "comment", body: "   " });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ form: "comment", errors: { body: expect.any(String) }, values: { body: "   " } });

    let last: Response | undefined;
    for (let i = 0; i < 11; i++) last = await post({ intent: "comment", body: `Comment number ${i}` });
    expect(last!.status).toBe(429);
    expect(await last!.json()).toMatchObject({ form: "comment", formError: expect.stringMatching(/wait \d+ seconds/), values: { body: "Comment number 10" } });
  });

  it("lets only staff delete an idea", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author });
    const del = (actor: Awaited<ReturnType<typeof createTestUser>>) =>
      call(ideaAction, { request: formRequest(idea.url, { intent: "deleteIdea" }), context: contextFor(actor), params: { number: String(idea.number), slug: idea.slug } });
    expect((await del(author)).status).toBe(403);
    const res = await del(await createTestUser({ role: "staff" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    expect(await getIdea({ actor: null, number: idea.number })).toBeNull();
  });
});

describe("votes", () => {
  it("answers a fetcher with JSON and a plain form post with a redirect back to a safe address", async () => {
    const idea = await createTestIdea({ author: await createTestUser() });
    const voter = await createTestUser();
    const vote = (fields: Record<string, string>, actor = voter) =>
      call(voteAction, { request: formRequest(`/ideas/${idea.number}/vote`, fields), context: contextFor(actor), params: { number: String(idea.number) } });

    const viaFetcher = await vote({ intent: "vote", via: "fetcher", redirectTo: "/" });
    expect(viaFetcher.status).toBe(200);
    expect(await viaFetcher.json()).toEqual({ voted: true, voteCount: 2 });

    const plain = await vote({ intent: "unvote", redirectTo: "/?sort=new" });
    expect(plain.status).toBe(302);
    expect(plain.headers.get("location")).toBe(`/?sort=new#idea-${idea.number}`);
    expect((await getIdea({ actor: voter, number: idea.number }))!.votedByMe).toBe(false);

    const offsite = await vote({ intent: "vote", redirectTo: "https://evil.example/" });
    expect(offsite.headers.get("location")).toBe(`/ideas/${idea.number}#idea-${idea.number}`);

    const signedOut = await vote({ intent: "vote", via: "fetcher", redirectTo: idea.url }, null as never);
    expect(signedOut.status).toBe(302);
    // Back to the idea with the vote to cast once signed in (see sign-in-continuation.test.ts).
    expect(signedOut.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/ideas/${idea.number}#idea-${idea.number}`)}&then=vote%3A${idea.number}`);

    expect((await vote({ intent: "maybe" })).status).toBe(400);
    const missing = await call(voteAction, { request: formRequest("/ideas/999999/vote", { intent: "vote", via: "fetcher" }), context: contextFor(voter), params: { number: "999999" } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: expect.any(String) });
  });
});

describe("posting and editing", () => {
  it("shows field errors from the form and from the model next to the fields, keeping what was typed", async () => {
    const member = await createTestUser();
    const short = await call(newAction, { request: formRequest("/ideas/new", { board: "feature-requests", title: "Hi", body: "x" }), context: contextFor(member) });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ form: "idea", errors: { title: expect.stringContaining("3") }, values: { title: "Hi", body: "x" } });

    const unknownBoard = await call(newAction, { request: formRequest("/ideas/new", { board: "no-such-board", title: "A fine title" }), context: contextFor(member) });
    expect(unknownBoard.status).toBe(422);
    expect(await unknownBoard.json()).toMatchObject({ form: "idea", errors: { board: expect.any(String) }, values: { title: "A fine title" } });

  });

  it("posts an idea and redirects to its page; only the author or staff may open the edit form", async () => {
    const author = await createTestUser();
    const posted = await call(newAction, { request: formRequest("/ideas/new", { board: "feature-requests", title: "Posted from the form", body: "Body" }), context: contextFor(author) });
    expect(posted.status).toBe(302);
    const url = posted.headers.get("location")!;
    expect(url).toMatch(/^\/ideas\/\d+\/posted-from-the-form$/);
    const number = url.split("/")[2];

    const other = await call(editLoader, { request: get(`/ideas/${number}/edit`), context: contextFor(await createTestUser()), params: { number } });
    expect(other.status).toBe(403);
    const edited = await call(editAction, { request: formRequest(`/ideas/${number}/edit`, { title: "Renamed by its author", body: "Body" }), context: contextFor(author), params: { number } });
    expect(edited.headers.get("location")).toBe(`/ideas/${number}/renamed-by-its-author`);
  });

  it("suggests similar ideas only for titles of three characters or more", async () => {
    const idea = await createTestIdea({ author: await createTestUser(), title: "Offline mode for the mobile app" });
    const found = await (await call(similarLoader, { request: get("/ideas/similar?q=offline%20mode"), context: contextFor(null) })).json();
    expect(found.ideas.map((i: { number: number }) => i.number)).toContain(idea.number);
    const short = await (await call(similarLoader, { request: get("/ideas/similar?q=of"), context: contextFor(null) })).json();
    expect(short.ideas).toEqual([]);
  });
});
