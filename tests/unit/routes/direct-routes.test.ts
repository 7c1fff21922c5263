import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/lib/auth.server";
import { answerDirectly } from "~/direct-routes.server";
import { action as voteAction } from "~/routes/api.v1.ideas.$number.vote";
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
