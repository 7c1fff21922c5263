import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/lib/auth.server";
import { answerDirectly } from "~/direct-routes.server";
import { action as voteAction } from "~/routes/api.v1.ideas.$number.vote";
import { loader as listLoader } from "~/routes/api.v1.ideas";
import { setVote } from "~/models/votes.server";
import { call, contextFor, jsonRequest } from "../../setup/remix";
import { createTestIdea, createTestUser } from "../../setup/factories";

/** What the Remix resource route answers: status, body and content type. */
async function viaRemix(method: string, number: string, user: SessionUser | null) {
  const path = `/api/v1/ideas/${number}/vote`;
  const response = await call(voteAction, { request: jsonRequest(method, path), context: contextFor(user), params: { number } });
  return { status: response.status, type: response.headers.get("content-type"), body: JSON.parse(await response.text()) };
}

/** What server.ts answers without Remix, for the same request. */
async function direct(method: string, path: string, context: AppLoadContext) {
  const answer = await answerDirectly(method, path, context);
  if (!answer) return null;
  return { status: answer.status, type: answer.headers["Content-Type"] ?? answer.headers["content-type"], body: JSON.parse(answer.body) };
}

afterEach(() => vi.restoreAllMocks());

describe("the vote's direct route", () => {
  it("answers every step of a vote's life as the Remix resource route does", async () => {
    const author = await createTestUser();
    const voter = await createTestUser();
    // Two ideas in the same state, one per way in, so each sees the same counts.
    const [remixIdea, directIdea] = [await createTestIdea({ author }), await createTestIdea({ author })];
    const steps: [method: string, user: SessionUser | null][] = [
      ["POST", voter],
      ["POST", voter],
      ["DELETE", voter],
      ["DELETE", voter],
      ["POST", null],
      ["DELETE", null],
      ["POST", author],
    ];
    for (const [method, user] of steps) {
      const expected = await viaRemix(method, String(remixIdea.number), user);
      const got = await direct(method, `/api/v1/ideas/${directIdea.number}/vote`, contextFor(user));
      expect(got, `${method} by ${user ? "a member" : "nobody"}`).toEqual(expected);
    }
    expect((await direct("POST", `/api/v1/ideas/${directIdea.number}/vote`, contextFor(voter)))?.body).toEqual({ voted: true, voteCount: 2 });
  });

  it("answers unknown and malformed idea numbers with the same 404", async () => {
    const voter = await createTestUser();
    for (const number of ["999999", "x", "0", "99999999999"]) {
      expect(await direct("POST", `/api/v1/ideas/${number}/vote`, contextFor(voter)), number).toEqual(await viaRemix("POST", number, voter));
    }
  });

  it("reads a percent-encoded number as Remix's router does", async () => {
    const voter = await createTestUser();
    const idea = await createTestIdea({ author: await createTestUser() });
    const encoded = [...String(idea.number)].map((digit) => `%3${digit}`).join("");
    expect(await direct("POST", `/api/v1/ideas/${encoded}/vote`, contextFor(voter))).toEqual({
      status: 200,
      type: "application/json; charset=utf-8",
      body: { voted: true, voteCount: 2 },
    });
  });

  it("hands every other method and path on to Remix", async () => {
    const context = contextFor(await createTestUser());
    for (const [method, path] of [
      ["GET", "/api/v1/ideas/1/vote"],
      ["PUT", "/api/v1/ideas/1/vote"],
      ["HEAD", "/api/v1/ideas/1/vote"],
      ["POST", "/api/v1/ideas/1/vote/"],
      ["POST", "/api/v1/ideas/1/votes"],
      ["POST", "/api/v1/ideas/1/follow"],
      ["POST", "/ideas/1/vote"],
      ["POST", "/api/v1/ideas/1/vote/extra"],
    ]) {
      expect(await answerDirectly(method, path, context), `${method} ${path}`).toBeNull();
    }
  });

  it("answers an unexpected failure with a logged 500 in the API's error shape", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = {} as AppLoadContext; // no auth: reading the user throws
    expect(await direct("POST", "/api/v1/ideas/1/vote", broken)).toEqual({
      status: 500,
      type: "application/json; charset=utf-8",
      body: { error: { code: "internal_error", message: expect.any(String) } },
    });
    expect(logged).toHaveBeenCalledWith("[error] POST /api/v1/ideas/1/vote", expect.any(TypeError));
  });
});

describe("the idea list's direct route", () => {
  async function listViaRemix(url: string, user: SessionUser | null) {
    const response = await call(listLoader, { request: jsonRequest("GET", url), context: contextFor(user) });
    return { status: response.status, type: response.headers.get("content-type"), body: JSON.parse(await response.text()) };
  }

  it("answers every query string as the Remix loader does, signed out and signed in", async () => {
    const author = await createTestUser();
    const voter = await createTestUser();
    const ideas = [];
    for (let i = 0; i < 4; i++) ideas.push(await createTestIdea({ author, title: `Direct list idea ${i}`, body: `Body **${i}** with [a link](https://x.example)` }));
    await setVote({ actor: voter, number: ideas[1].number, voted: true });
    const firstPage = await listViaRemix("/api/v1/ideas?sort=new&limit=2", null);
    const cursor = firstPage.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const urls = [
      "/api/v1/ideas",
      "/api/v1/ideas?sort=top",
      "/api/v1/ideas?sort=new&limit=2",
      `/api/v1/ideas?sort=new&limit=2&cursor=${encodeURIComponent(cursor)}`,
      "/api/v1/ideas?q=direct%20list&sort=trending",
      "/api/v1/ideas?sort=sideways",
      "/api/v1/ideas?sort=top&cursor=not-a-cursor",
      "/api/v1/ideas?board=no-such-board",
      "/api/v1/ideas?status=nope&limit=x",
      "/api/v1/ideas?sort=new&sort=top&q=",
    ];
    for (const user of [null, voter]) {
      for (const url of urls) {
        const got = await direct("GET", url, contextFor(user));
        expect(got, `${url} ${user ? "signed in" : "signed out"}`).toEqual(await listViaRemix(url, user));
      }
    }
    const mine = await direct("GET", "/api/v1/ideas?sort=new&limit=4", contextFor(voter));
    expect(mine?.body.ideas.map((i: { votedByMe: boolean }) => i.votedByMe)).toEqual([false, false, true, false]);
  });

  it("leaves Remix's own parameters, other methods and other paths to Remix", async () => {
    const context = contextFor(null);
    for (const [method, url] of [
      ["GET", "/api/v1/ideas?_data=routes%2Fapi.v1.ideas"],
      ["GET", "/api/v1/ideas?index"],
      ["HEAD", "/api/v1/ideas"],
      ["POST", "/api/v1/ideas"],
      ["GET", "/api/v1/ideas/"],
      ["GET", "/api/v1/ideasx"],
    ]) {
      expect(answerDirectly(method, url, context), `${method} ${url}`).toBeNull();
    }
  });
});
