import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import compression from "compression";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createAnonymousCache, type AnonymousCache, type AnonymousCacheOptions } from "~/lib/anonymous-cache.server";
import type { IncomingRequest } from "~/lib/request-context.server";
import { securityHeaders } from "~/lib/security-headers.server";

interface Page {
  status?: number;
  headers?: Record<string, string>;
  /** Body text; "{nonce}" is replaced by the response's nonce. */
  body?: string;
  delayMs?: number;
}

interface Harness {
  origin: string;
  cache: AnonymousCache;
  renders: string[];
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const DEFAULT_PAGE = `<!doctype html><html><body><h1>Ideas</h1><script nonce="{nonce}">window.a=1</script><script nonce="{nonce}" type="module">import "/x.js"</script></body></html>`;

/** The arrangement server.ts uses: compression, then the cache, then a renderer standing in for prepareRequest + Remix. */
async function serve(page: (path: string) => Page, options: Partial<AnonymousCacheOptions> = {}): Promise<Harness> {
  const cache = createAnonymousCache({ ttlMs: 1000, ...options });
  const renders: string[] = [];
  const app = express();
  app.use(compression());
  app.use(async (req, res, next) => {
    const incoming: IncomingRequest = { method: req.method, url: req.originalUrl, https: false, host: req.get("host") ?? "", ip: "127.0.0.1", headers: req.headers };
    if ((await cache.handle(incoming, res)) === "hit") return;
    next();
  });
  app.use(async (req, res) => {
    renders.push(req.originalUrl);
    const p = page(req.originalUrl);
    if (p.delayMs) await new Promise((r) => setTimeout(r, p.delayMs));
    const nonce = crypto.randomBytes(16).toString("base64");
    res.set(securityHeaders({ nonce, https: false, dev: false }));
    res.status(p.status ?? 200);
    res.set({ "Content-Type": "text/html; charset=utf-8", ...p.headers });
    // Written in pieces, as a streamed render is.
    const body = (p.body ?? DEFAULT_PAGE).replaceAll("{nonce}", nonce);
    const middle = Math.floor(body.length / 2);
    res.write(body.slice(0, middle));
    res.end(Buffer.from(body.slice(middle)));
  });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, cache, renders };
}

async function get(h: Harness, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(h.origin + path, { headers });
  const body = await response.text();
  const csp = response.headers.get("content-security-policy") ?? "";
  return { status: response.status, body, headers: response.headers, cacheStatus: response.headers.get("x-anonymous-cache"), cspNonce: /'nonce-([^']+)'/.exec(csp)?.[1] };
}

const bodyNonces = (body: string) => [...body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
const withoutNonces = (body: string) => body.replace(/nonce="[^"]+"/g, 'nonce=""');

describe("anonymous cache", () => {
  it("renders once and answers the same request from the cache until the TTL passes", async () => {
    let clock = 1_000_000;
    const h = await serve(() => ({}), { ttlMs: 1000, now: () => clock });
    const first = await get(h, "/?sort=top");
    const second = await get(h, "/?sort=top");
    expect([first.cacheStatus, second.cacheStatus]).toEqual(["miss", "hit"]);
    expect(h.renders).toEqual(["/?sort=top"]);
    expect(withoutNonces(second.body)).toBe(withoutNonces(first.body));
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(second.headers.get("x-frame-options")).toBe("DENY");

    clock += 999;
    expect((await get(h, "/?sort=top")).cacheStatus).toBe("hit");
    clock += 1;
    expect((await get(h, "/?sort=top")).cacheStatus).toBe("miss");
    expect(h.renders).toHaveLength(2);
  });

  it("keys by the full URL, so Remix data requests and other queries are separate entries", async () => {
    const h = await serve((path) => ({ body: `{"path":${JSON.stringify(path)}}`, headers: { "Content-Type": "application/json; charset=utf-8" } }));
    await get(h, "/?sort=top");
    await get(h, "/?sort=top&_data=routes%2F_index");
    await get(h, "/?sort=new");
    const data = await get(h, "/?sort=top&_data=routes%2F_index");
    expect(data.cacheStatus).toBe("hit");
    expect(JSON.parse(data.body)).toEqual({ path: "/?sort=top&_data=routes%2F_index" });
    expect(h.renders).toEqual(["/?sort=top", "/?sort=top&_data=routes%2F_index", "/?sort=new"]);
  });

  it("keys by the negotiated locale, not the raw Accept-Language header", () => {
    const cache = createAnonymousCache({ ttlMs: 1000 });
    const req = (acceptLanguage?: string): IncomingRequest => ({
      method: "GET",
      url: "/roadmap",
      https: false,
      host: "localhost:3000",
      ip: "127.0.0.1",
      headers: acceptLanguage ? { "accept-language": acceptLanguage } : {},
    });
    const english = cache.keyFor(req("en-GB,en;q=0.9"));
    expect(english).toMatch(/ en$/);
    // Languages Loopboard does not speak get the default locale's page: one entry, not one per header.
    expect(cache.keyFor(req("tlh, en;q=0.1"))).toBe(english);
    expect(cache.keyFor(req())).toBe(english);
    expect(cache.keyFor({ ...req(), https: true })).not.toBe(english);
    expect(cache.keyFor({ ...req(), host: "feedback.example.com" })).not.toBe(english);
  });

  it("never answers requests that carry a cookie or an Authorization header, or that are not GETs", async () => {
    const h = await serve(() => ({}));
    for (let i = 0; i < 2; i++) {
      expect((await get(h, "/", { cookie: "lb_session=abc" })).cacheStatus).toBeNull();
      expect((await get(h, "/", { authorization: "Bearer lb_x" })).cacheStatus).toBeNull();
      const post = await fetch(h.origin + "/", { method: "POST" });
      await post.text();
      expect(post.headers.get("x-anonymous-cache")).toBeNull();
    }
    expect(h.renders).toHaveLength(6);
    // The signed-in renders were not stored for anonymous visitors either.
    expect((await get(h, "/")).cacheStatus).toBe("miss");
  });

  it("never caches per-visitor paths", () => {
    const cache = createAnonymousCache({ ttlMs: 1000 });
    const key = (url: string) => cache.keyFor({ method: "GET", url, https: false, host: "h", ip: "i", headers: {} });
    for (const url of ["/healthz", "/unsubscribe/abc", "/auth/link/abc", "/reset-password/abc", "/notifications", "/notifications?_data=routes%2Fnotifications", "/settings", "/settings/tokens", "/admin/boards", "/login?redirectTo=/", "/api/v1/me", "/api/v1/notifications"]) {
      expect(key(url), url).toBeNull();
    }
    for (const url of ["/", "/?sort=top", "/ideas/12/dark-mode", "/roadmap", "/changelog", "/api/v1/ideas?sort=top", "/administrators-guide"]) {
      expect(key(url), url).not.toBeNull();
    }
    expect(createAnonymousCache({ ttlMs: 0 }).keyFor({ method: "GET", url: "/", https: false, host: "h", ip: "i", headers: {} })).toBeNull();
  });

  it("does not store errors, redirects, private or no-store answers, cookies, or answers that vary on other headers", async () => {
    const pages: Record<string, Page> = {
      "/missing": { status: 404 },
      "/moved": { status: 302, headers: { Location: "/" }, body: "" },
      "/private": { headers: { "Cache-Control": "private, max-age=60" } },
      "/no-store": { headers: { "Cache-Control": "no-store" } },
      "/cookie": { headers: { "Set-Cookie": "lb_lang=en; Path=/" } },
      "/by-agent": { headers: { Vary: "User-Agent" } },
    };
    const h = await serve((path) => pages[path]);
    for (const path of Object.keys(pages)) {
      const first = await fetch(h.origin + path, { redirect: "manual" });
      await first.text();
      const second = await fetch(h.origin + path, { redirect: "manual" });
      await second.text();
      expect(second.headers.get("x-anonymous-cache"), path).not.toBe("hit");
    }
    expect(h.renders).toHaveLength(Object.keys(pages).length * 2);
  });

  it("stores answers that only tell browsers to revalidate (no-cache, max-age=0)", async () => {
    const h = await serve(() => ({ headers: { "Cache-Control": "no-cache, max-age=0" } }));
    await get(h, "/changelog");
    const hit = await get(h, "/changelog");
    expect(hit.cacheStatus).toBe("hit");
    expect(hit.headers.get("cache-control")).toBe("no-cache, max-age=0");
  });

  it("gives every answer from the cache a fresh nonce, in the CSP header and in the page", async () => {
    const h = await serve(() => ({}));
    const responses = [await get(h, "/"), await get(h, "/"), await get(h, "/")];
    const nonces = responses.map((r) => r.cspNonce);
    expect(new Set(nonces).size).toBe(3);
    for (const r of responses) {
      expect(r.cspNonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(bodyNonces(r.body)).toEqual([r.cspNonce, r.cspNonce]);
    }
    expect(responses[1].body).not.toContain(nonces[0]);
    expect(h.renders).toHaveLength(1);
  });

  it("compresses answers from the cache like any other (the stored body is the uncompressed one)", async () => {
    const h = await serve(() => ({ body: DEFAULT_PAGE + "<p>lorem ipsum</p>".repeat(200) }));
    await get(h, "/big");
    const hit = await fetch(h.origin + "/big", { headers: { "accept-encoding": "gzip" } });
    expect(hit.headers.get("x-anonymous-cache")).toBe("hit");
    expect(hit.headers.get("content-encoding")).toBe("gzip");
    const text = await hit.text(); // fetch decompresses
    expect(text).toContain("lorem ipsum");
    expect(bodyNonces(text)[0]).toBe(/'nonce-([^']+)'/.exec(hit.headers.get("content-security-policy")!)![1]);
  });

  it("holds at most maxEntries, dropping the least recently used", async () => {
    const h = await serve(() => ({}), { maxEntries: 2 });
    await get(h, "/a");
    await get(h, "/b");
    expect((await get(h, "/a")).cacheStatus).toBe("hit"); // /a is now the most recently used
    await get(h, "/c"); // evicts /b
    expect(h.cache.size()).toBe(2);
    expect((await get(h, "/a")).cacheStatus).toBe("hit");
    expect((await get(h, "/b")).cacheStatus).toBe("miss");
    expect(h.renders).toEqual(["/a", "/b", "/c", "/b"]);
  });

  it("does not store bodies larger than maxBodyBytes", async () => {
    const h = await serve((path) => ({ body: path === "/big" ? "x".repeat(2000) : "small" }), { maxBodyBytes: 1000 });
    await get(h, "/big");
    expect((await get(h, "/big")).cacheStatus).not.toBe("hit");
    await get(h, "/small");
    expect((await get(h, "/small")).cacheStatus).toBe("hit");
  });

  it("renders once for concurrent misses of the same key, and answers all of them", async () => {
    const h = await serve(() => ({ delayMs: 150 }));
    const responses = await Promise.all(Array.from({ length: 12 }, () => get(h, "/roadmap")));
    expect(h.renders).toEqual(["/roadmap"]);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(responses.filter((r) => r.cacheStatus === "miss")).toHaveLength(1);
    expect(new Set(responses.map((r) => r.cspNonce)).size).toBe(12);
    for (const r of responses) expect(bodyNonces(r.body)).toEqual([r.cspNonce, r.cspNonce]);
  });

  it("lets concurrent requests render for themselves when the shared render cannot be stored", async () => {
    const h = await serve(() => ({ delayMs: 100, headers: { "Cache-Control": "private, no-store" } }));
    const responses = await Promise.all(Array.from({ length: 4 }, () => get(h, "/ideas/similar?q=dark")));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(responses.map((r) => r.cacheStatus).sort()).toEqual(["miss", null, null, null]);
    expect(h.renders).toHaveLength(4);
    // Within the TTL, the key is known not to be cacheable: requests neither wait for each other nor record.
    const later = await Promise.all(Array.from({ length: 3 }, () => get(h, "/ideas/similar?q=dark")));
    expect(later.map((r) => r.cacheStatus)).toEqual([null, null, null]);
    expect(h.renders).toHaveLength(7);
  });
});
