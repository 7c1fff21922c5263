import { describe, expect, it } from "vitest";
import { prepareRequest, type IncomingRequest } from "~/lib/request-context.server";
import { createApiToken } from "~/models/api-tokens.server";
import { createUser } from "~/models/users.server";

const base: IncomingRequest = { method: "GET", url: "/", https: false, host: "localhost:3000", ip: "127.0.0.1", headers: {} };

describe("prepareRequest", () => {
  it("sends a nonce CSP without unsafe-inline scripts, and the other security headers", async () => {
    const a = await prepareRequest(base);
    const b = await prepareRequest(base);
    expect(a.kind).toBe("continue");
    const csp = a.headers["Content-Security-Policy"];
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    expect(b.headers["Content-Security-Policy"]).not.toContain(nonce);
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(a.headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(a.headers["Referrer-Policy"]).toBeTruthy();
    if (a.kind === "continue") expect(a.context.cspNonce).toBe(nonce);
  });

  it("refuses a cross-site form post with 403: an HTML page for pages, JSON for the API", async () => {
    const page = await prepareRequest({ ...base, method: "POST", url: "/join", headers: { "sec-fetch-site": "cross-site" } });
    expect(page).toMatchObject({ kind: "refuse", status: 403 });
    if (page.kind === "refuse") expect(page.body).toContain("<html");
    const api = await prepareRequest({ ...base, method: "POST", url: "/api/v1/ideas", headers: { origin: "https://evil.example" } });
    expect(api).toMatchObject({ kind: "refuse", status: 403 });
    if (api.kind === "refuse") expect(JSON.parse(api.body)).toEqual({ error: { code: "cross_site_request", message: expect.any(String) } });
  });

  it("acts as the token's user for a valid Bearer token and answers 401 for an invalid one", async () => {
    const user = await createUser({ email: "api@example.com", name: "Api" });
    const { token } = await createApiToken({ actor: user, name: "ci" });
    const ok = await prepareRequest({ ...base, method: "POST", url: "/api/v1/ideas", headers: { authorization: `Bearer ${token}` } });
    expect(ok.kind).toBe("continue");
    if (ok.kind === "continue") expect(ok.context.auth).toMatchObject({ via: "token", user: { id: user.id } });
    const bad = await prepareRequest({ ...base, url: "/api/v1/ideas", headers: { authorization: "Bearer lb_not-a-token" } });
    expect(bad).toMatchObject({ kind: "refuse", status: 401 });
  });
});
