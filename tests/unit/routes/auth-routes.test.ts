import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { action as joinAction } from "~/routes/join";
import { action as loginAction } from "~/routes/login";
import { action as emailLinkAction } from "~/routes/login_.email";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as logoutAction } from "~/routes/logout";
import { authenticate, lucia } from "~/lib/auth.server";
import { resetRateLimiters } from "~/lib/rate-limit.server";
import { createUser } from "~/models/users.server";
import { call, contextFor, formRequest } from "../../setup/remix";

const naughty: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../../shared/data/naughty-strings.json"), "utf8"));

const bodyText = async (res: Response) => (await res.text()).replace(/[\w.+-]+@[\w.-]+/g, "<email>");

describe("sign-in", () => {
  it("sets a fresh HttpOnly, SameSite=Lax session cookie (Secure over https) on every sign-in and ends the old one", async () => {
    resetRateLimiters();
    await createUser({ email: "in@example.com", name: "In", password: "signing in works" });
    const first = await call(loginAction, { request: formRequest("/login", { email: "In@Example.com ", password: "signing in works", redirectTo: "/settings" }), context: contextFor(null) });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/settings");
    const cookie1 = first.headers.get("set-cookie")!;
    expect(cookie1).toMatch(/^lb_session=\w+;/);
    expect(cookie1).toContain("HttpOnly");
    expect(cookie1).toContain("SameSite=Lax");
    expect(cookie1).not.toContain("Secure");
    const id1 = /lb_session=(\w+)/.exec(cookie1)![1];

    const auth = (await authenticate({ cookie: `lb_session=${id1}` }, false)).auth;
    const second = await call(loginAction, {
      request: formRequest("/login", { email: "in@example.com", password: "signing in works", redirectTo: "https://evil.example/" }),
      context: contextFor(auth.user, { auth, https: true }),
    });
    expect(second.headers.get("location")).toBe("/");
    const cookie2 = second.headers.get("set-cookie")!;
    expect(cookie2).toMatch(/^__Host-lb_session=\w+;/);
    expect(cookie2).toContain("Secure");
    const id2 = /^__Host-lb_session=(\w+)/.exec(cookie2)![1];
    expect(id2).not.toBe(id1);
    expect((await lucia.validateSession(id1)).session).toBeNull();
    expect((await lucia.validateSession(id2)).session).not.toBeNull();
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    resetRateLimiters();
    await createUser({ email: "known@example.com", name: "K", password: "the right password" });
    const wrong = await call(loginAction, { request: formRequest("/login", { email: "known@example.com", password: "not the password" }), context: contextFor(null) });
    const unknown = await call(loginAction, { request: formRequest("/login", { email: "unknown@example.com", password: "not the password" }), context: contextFor(null) });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("allows 6 attempts a minute per IP and per account, then answers 429 with Retry-After", async () => {
    resetRateLimiters();
    const attempt = (email: string, ip: string) =>
      call(loginAction, { request: formRequest("/login", { email, password: "guess guess" }), context: contextFor(null, { clientIp: ip }) });
    for (let i = 0; i < 6; i++) expect((await attempt("victim@example.com", `10.0.0.${i}`)).status).toBe(400);
    const limited = await attempt("victim@example.com", "10.0.0.99");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Per IP too: one address trying many accounts.
    resetRateLimiters();
    for (let i = 0; i < 6; i++) expect((await attempt(`user${i}@example.com`, "10.9.9.9")).status).toBe(400);
    expect((await attempt("user7@example.com", "10.9.9.9")).status).toBe(429);
  });

  it("turns every limit off with RATE_LIMIT_DISABLED", async () => {
    process.env.RATE_LIMIT_DISABLED = "true";
    try {
      for (let i = 0; i < 8; i++) {
        const res = await call(loginAction, { request: formRequest("/login", { email: "x@example.com", password: "guess guess" }), context: contextFor(null) });
        expect(res.status).toBe(400);
      }
    } finally {
      delete process.env.RATE_LIMIT_DISABLED;
    }
  });
});

describe("answers that do not reveal accounts", () => {
  it("sign-up, email link and reset answer identically for known and unknown addresses", async () => {
    resetRateLimiters();
    await createUser({ email: "exists@example.com", name: "E", password: "existing password" });
    for (const [fn, route, extra] of [
      [joinAction, "/join", { name: "Someone", password: "a fine passphrase" }],
      [emailLinkAction, "/login/email", {}],
      [forgotAction, "/forgot-password", {}],
    ] as const) {
      const known = await call(fn, { request: formRequest(route, { email: "exists@example.com", ...extra }), context: contextFor(null, { clientIp: "10.1.0.1" }) });
      const unknown = await call(fn, { request: formRequest(route, { email: "absent@example.com", ...extra }), context: contextFor(null, { clientIp: "10.1.0.2" }) });
      expect(known.status).toBe(200);
      expect(unknown.status).toBe(200);
      expect(await bodyText(known)).toBe(await bodyText(unknown));
    }
  });
});

describe("the session cookie over https", () => {
  /** A Set-Cookie value as its name and attributes (lower-cased names). */
  const parseSetCookie = (header: string) => {
    const [pair, ...attributes] = header.split(/;\s*/);
    const name = pair.slice(0, pair.indexOf("="));
    return { name, value: pair.slice(name.length + 1), attributes: new Map(attributes.map((a) => [a.split("=")[0].toLowerCase(), a.split("=")[1] ?? true])) };
  };

  it("is __Host-lb_session: Secure, Path=/, no Domain — on sign-in, renewal and sign-out", async () => {
    resetRateLimiters();
    await createUser({ email: "tls@example.com", name: "Tls", password: "signing in over tls" });
    const signIn = await call(loginAction, { request: formRequest("/login", { email: "tls@example.com", password: "signing in over tls" }), context: contextFor(null, { https: true }) });
    const cookies = [signIn.headers.get("set-cookie")!];
    const { value: id } = parseSetCookie(cookies[0]);
    const auth = (await authenticate({ cookie: `__Host-lb_session=${id}` }, true)).auth;
    expect(auth.user).toMatchObject({ email: "tls@example.com" });
    const signOut = await call(logoutAction, { request: formRequest("/logout", {}), context: contextFor(auth.user, { auth, https: true }) });
    cookies.push(signOut.headers.get("set-cookie")!);
    // An unknown session id is answered with a cleared cookie of the same name.
    cookies.push((await authenticate({ cookie: "__Host-lb_session=gone" }, true)).setCookie!);
    for (const header of cookies) {
      const cookie = parseSetCookie(header);
      expect(cookie.name, header).toBe("__Host-lb_session");
      expect(cookie.attributes.get("secure"), header).toBe(true);
      expect(cookie.attributes.get("path"), header).toBe("/");
      expect(cookie.attributes.has("domain"), header).toBe(false);
      expect(cookie.attributes.get("httponly"), header).toBe(true);
    }
    expect(parseSetCookie(cookies[1]).attributes.get("max-age")).toBe("0");
  });

  it("is the only session cookie read over https, and plain http keeps lb_session", async () => {
    const user = await createUser({ email: "both@example.com", name: "Both" });
    const session = await lucia.createSession(user.id, {});
    // A plain lb_session over https may have been set by another host of the domain: not a session there.
    expect((await authenticate({ cookie: `lb_session=${session.id}` }, true)).auth.user).toBeNull();
    expect((await authenticate({ cookie: `__Host-lb_session=${session.id}` }, true)).auth.user).toMatchObject({ id: user.id });
    expect((await authenticate({ cookie: `lb_session=${session.id}` }, false)).auth.user).toMatchObject({ id: user.id });
    expect((await authenticate({ cookie: `__Host-lb_session=${session.id}` }, false)).auth.user).toBeNull();
  });
});

describe("sign-out", () => {
  it("deletes the session server-side and clears the cookie", async () => {
    const user = await createUser({ email: "out@example.com", name: "Out" });
    const session = await lucia.createSession(user.id, {});
    const res = await call(logoutAction, {
      request: formRequest("/logout", {}),
      context: contextFor(user, { auth: { user, sessionId: session.id, via: "session" } }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/lb_session=;.*Max-Age=0/);
    expect((await lucia.validateSession(session.id)).session).toBeNull();
  });
});

describe("bad input on account forms", () => {
  it("answers every naughty string as name, email and password with a field message or success, never a 500", async () => {
    process.env.RATE_LIMIT_DISABLED = "true";
    try {
      for (const [i, s] of naughty.entries()) {
        const join = await call(joinAction, {
          request: formRequest("/join", { name: s, email: `n${i}@example.com`, password: s }),
          context: contextFor(null),
        });
        expect([200, 400]).toContain(join.status);
        if (join.status === 400) {
          const body = await join.json();
          expect(Object.keys(body.errors).length).toBeGreaterThan(0);
        }
        const login = await call(loginAction, { request: formRequest("/login", { email: s, password: s }), context: contextFor(null) });
        expect([400]).toContain(login.status);
      }
    } finally {
      delete process.env.RATE_LIMIT_DISABLED;
    }
  }, 120_000);
});
