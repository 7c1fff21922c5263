/**
 * Every route that redirects to an address it was given (sign-in, the notifications forms, the
 * Follow and vote buttons without JavaScript), fed the corpus of redirect payloads: each answer's
 * Location stays on the site.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/lib/auth.server";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as notificationsAction } from "~/routes/notifications";
import { action as followAction } from "~/routes/ideas.$number.follow";
import { action as voteAction } from "~/routes/ideas.$number.vote";
import { createUser } from "~/models/users.server";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { OFFSITE_REDIRECT_PAYLOADS, staysOnSite } from "../../setup/redirect-payloads";
import { call, contextFor, formRequest, ORIGIN } from "../../setup/remix";

beforeAll(() => {
  process.env.RATE_LIMIT_DISABLED = "true";
});
afterAll(() => {
  delete process.env.RATE_LIMIT_DISABLED;
});

/** The payloads whose answers left the site, with where they went. */
async function offsite(answer: (payload: string) => Promise<Response>, payloads: readonly string[] = OFFSITE_REDIRECT_PAYLOADS): Promise<string[]> {
  const escaped: string[] = [];
  for (const payload of payloads) {
    const response = await answer(payload);
    expect(response.status, JSON.stringify(payload)).toBe(302);
    const location = response.headers.get("location");
    if (!staysOnSite(location)) escaped.push(`${JSON.stringify(payload)} → ${JSON.stringify(location)}`);
  }
  return escaped;
}

describe("redirects to a given address stay on the site", () => {
  it("after signing in (POST /login with redirectTo)", async () => {
    await createUser({ email: "redirect@example.com", name: "Redirected", password: "a fine long password" });
    // Every sign-in costs a password hash: the payloads that once got through, and one in four of the rest.
    const payloads = OFFSITE_REDIRECT_PAYLOADS.filter((p, i) => i % 4 === 0 || /^\/(\.|%2e|ideas\/\.\.)/i.test(p));
    const escaped = await offsite(
      (redirectTo) =>
        call(loginAction, { request: formRequest("/login", { email: "redirect@example.com", password: "a fine long password", redirectTo }), context: contextFor(null) }),
      payloads,
    );
    expect(escaped).toEqual([]);
  });

  it("when already signed in (GET /login?redirectTo=)", async () => {
    const user = await createTestUser();
    const escaped = await offsite((redirectTo) =>
      call(loginLoader, { request: new Request(`${ORIGIN}/login?redirectTo=${encodeURIComponent(redirectTo)}`), context: contextFor(user) }),
    );
    expect(escaped).toEqual([]);
  });

  it("after marking notifications read", async () => {
    const user = await createTestUser();
    const escaped = await offsite((redirectTo) =>
      call(notificationsAction, { request: formRequest("/notifications", { intent: "readAll", redirectTo }), context: contextFor(user) }),
    );
    expect(escaped).toEqual([]);
  });

  it.each([
    ["follow", followAction, ["follow", "unfollow"]],
    ["vote", voteAction, ["vote", "unvote"]],
  ] as const)("after a %s form post, signed in and signed out", async (name, action, intents) => {
    const user = await createTestUser();
    const idea = await createTestIdea({ author: await createTestUser() });
    let turn = 0;
    const post = (actor: SessionUser | null) => (redirectTo: string) =>
      call(action, {
        request: formRequest(`/ideas/${idea.number}/${name}`, { intent: intents[turn++ % 2], redirectTo }),
        context: contextFor(actor),
        params: { number: String(idea.number) },
      });
    expect(await offsite(post(user))).toEqual([]);
    expect(await offsite(post(null))).toEqual([]);
  });
});

describe("the sign-in page sent to by a signed-out form post", () => {
  it("sends the visitor back to the same safe address after signing in", async () => {
    const idea = await createTestIdea({ author: await createTestUser() });
    const signedOut = await call(voteAction, {
      request: formRequest(`/ideas/${idea.number}/vote`, { intent: "vote", redirectTo: "/ideas/..//evil.example" }),
      context: contextFor(null),
      params: { number: String(idea.number) },
    });
    const login = new URL(signedOut.headers.get("location")!, ORIGIN);
    expect(login.pathname).toBe("/login");
    const back = login.searchParams.get("redirectTo");
    expect(staysOnSite(back)).toBe(true);
    expect(back).toMatch(new RegExp(`^/ideas/${idea.number}(#|$)`));
  });
});
