/**
 * Getting in without losing your place: a vote pressed while signed out is cast after signing in
 * or after confirming a new account by its emailed link, and an idea written while signed out
 * comes back filled in.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { action as linkAction, loader as linkLoader } from "~/routes/auth.link.$token";
import { action as joinAction, loader as joinLoader } from "~/routes/join";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as newAction, loader as newLoader } from "~/routes/ideas.new";
import { action as voteAction } from "~/routes/ideas.$number.vote";
import { resetRateLimiters } from "~/lib/rate-limit.server";
import { getIdea } from "~/models/ideas.server";
import { createUser } from "~/models/users.server";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { linkPath, mailFor } from "../../setup/outbox";
import { call, contextFor, formRequest, ORIGIN } from "../../setup/remix";

const get = (path: string) => new Request(ORIGIN + path);
const PASSWORD = "a perfectly fine phrase";

beforeEach(() => resetRateLimiters());

/** Where a signed-out vote sends the browser, as a path with its query. */
async function voteSignedOut(number: number): Promise<URL> {
  const res = await call(voteAction, {
    request: formRequest(`/ideas/${number}/vote`, { intent: "vote", via: "fetcher", redirectTo: "/?sort=new" }),
    context: contextFor(null),
    params: { number: String(number) },
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!, ORIGIN);
}

describe("voting while signed out", () => {
  it("goes to sign-in, and signing in casts the vote and lands on the idea", async () => {
    const idea = await createTestIdea({ author: await createTestUser() });
    const voter = await createUser({ email: "returning@example.com", name: "Returning", password: PASSWORD });
    const login = await voteSignedOut(idea.number);
    expect(login.pathname).toBe("/login");
    expect(login.searchParams.get("then")).toBe(`vote:${idea.number}`);

    const page = await (await call(loginLoader, { request: get(login.pathname + login.search), context: contextFor(null) })).json();
    expect(page).toEqual({ redirectTo: `/ideas/${idea.number}#idea-${idea.number}`, then: `vote:${idea.number}` });
    const signedIn = await call(loginAction, { request: formRequest("/login", { email: voter.email, password: PASSWORD, ...page }), context: contextFor(null) });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("location")).toBe(`/ideas/${idea.number}#idea-${idea.number}`);
    expect((await getIdea({ actor: voter, number: idea.number }))!.votedByMe).toBe(true);
  });

  it("keeps the place through sign-up: the confirmation link casts the vote and lands on the idea", async () => {
    const idea = await createTestIdea({ author: await createTestUser() });
    const login = await voteSignedOut(idea.number);
    const join = await (await call(joinLoader, { request: get(`/join${login.search}`), context: contextFor(null) })).json();
    expect(join).toEqual({ redirectTo: `/ideas/${idea.number}#idea-${idea.number}`, then: `vote:${idea.number}` });
    const sent = await call(joinAction, { request: formRequest("/join", { name: "Newcomer", email: "newcomer@example.com", password: PASSWORD, ...join }), context: contextFor(null) });
    expect(await sent.json()).toEqual({ sent: expect.stringContaining("confirm your address to finish") });

    const [mail] = await mailFor("newcomer@example.com");
    const token = linkPath(mail, /\/auth\/link\//).split("/").pop()!;
    const shown = await (await call(linkLoader, { request: get(`/auth/link/${token}`), context: contextFor(null), params: { token } })).json();
    expect(shown).toEqual({ email: "newcomer@example.com", confirmsSignUp: true });
    const used = await call(linkAction, { request: formRequest(`/auth/link/${token}`, {}), context: contextFor(null), params: { token } });
    expect(used.status).toBe(302);
    expect(used.headers.get("location")).toBe(`/ideas/${idea.number}#idea-${idea.number}`);
    expect(used.headers.get("set-cookie")).toMatch(/^lb_session=/);
    const after = await getIdea({ actor: null, number: idea.number });
    expect(after!.voteCount).toBe(idea.voteCount + 1);
  });

  it("drops an unsafe redirect or an unknown pending action", async () => {
    const page = await (await call(loginLoader, { request: get("/login?redirectTo=//evil.example/&then=delete:1"), context: contextFor(null) })).json();
    expect(page).toEqual({ redirectTo: "/", then: null });
  });
});

describe("signing in before confirming", () => {
  it("says the address is not confirmed only when the password is right, and offers a rate-limited resend", async () => {
    await call(joinAction, { request: formRequest("/join", { name: "Waiting", email: "waiting@example.com", password: PASSWORD }), context: contextFor(null) });
    const right = await call(loginAction, { request: formRequest("/login", { email: "waiting@example.com", password: PASSWORD }), context: contextFor(null) });
    expect(right.status).toBe(400);
    expect(await right.json()).toEqual({ formError: expect.stringContaining("not confirmed"), unconfirmed: "waiting@example.com" });
    const wrong = await call(loginAction, { request: formRequest("/login", { email: "waiting@example.com", password: "not the password" }), context: contextFor(null) });
    const unknown = await call(loginAction, { request: formRequest("/login", { email: "nobody@example.com", password: "not the password" }), context: contextFor(null) });
    expect(await wrong.json()).toEqual(await unknown.json());

    const resend = (email: string) => call(loginAction, { request: formRequest("/login", { intent: "resend", email }), context: contextFor(null, { clientIp: "10.1.1.1" }) });
    const resent = await resend("waiting@example.com");
    expect(resent.status).toBe(200);
    expect(await resent.json()).toEqual({ resent: expect.stringContaining("waiting@example.com") });
    // The same answer for an address with nothing waiting.
    expect((await (await resend("nobody@example.com")).json()).resent).toContain("nobody@example.com");
    expect(await mailFor("waiting@example.com")).toHaveLength(2);
    let status = 200;
    for (let i = 0; i < 10 && status === 200; i++) status = (await resend("waiting@example.com")).status;
    expect(status).toBe(429);
  });
});

describe("posting an idea while signed out", () => {
  it("keeps the draft through sign-in and brings the form back filled in", async () => {
    const signedOut = await call(newAction, { request: formRequest("/ideas/new", { board: "feature-requests", title: "Kept across sign-in", body: "All **this** text" }), context: contextFor(null) });
    expect(signedOut.status).toBe(302);
    const login = new URL(signedOut.headers.get("location")!, ORIGIN);
    expect(login.pathname).toBe("/login");
    const back = login.searchParams.get("redirectTo")!;
    expect(back).toMatch(/^\/ideas\/new\?draft=[\w-]+$/);

    const author = await createTestUser();
    const form = await (await call(newLoader, { request: get(back), context: contextFor(author) })).json();
    expect(form.draft).toMatchObject({ board: "feature-requests", title: "Kept across sign-in", body: "All **this** text" });
    const posted = await call(newAction, { request: formRequest("/ideas/new", { board: "feature-requests", title: "Kept across sign-in", body: "All **this** text", draft: form.draft.token }), context: contextFor(author) });
    expect(posted.headers.get("location")).toMatch(/^\/ideas\/\d+\/kept-across-sign-in$/);
    // Posted: the draft is gone.
    expect((await (await call(newLoader, { request: get(back), context: contextFor(author) })).json()).draft).toBeNull();
  });
});
