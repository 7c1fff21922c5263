/**
 * HTTP as a client on a real socket meets it: the server's answers to refused requests, on the
 * built app behind server.ts. No browser: the requests are made with node:http, whose keep-alive
 * agent reuses a connection exactly as a browser or an API client would.
 */
import http from "node:http";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { pageApi, signUp, uniqueEmail } from "./helpers";

test.skip(({ isMobile }) => isMobile, "the same HTTP for every device: run once");

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

/** One request through `agent`; the body is a string (sent with Content-Length) or chunks (sent chunked). */
function send(agent: http.Agent, base: string, options: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | string[] }): Promise<Answer> {
  const url = new URL(options.path, base);
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? "GET", agent, headers: options.headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body, reusedSocket: request.reusedSocket }));
    });
    // A write after the answer may fail once the server closes a connection it said it would close.
    request.on("error", reject);
    if (Array.isArray(options.body)) for (const chunk of options.body) request.write(chunk);
    else if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/** The next request goes out on the same pooled connection, and is answered. */
async function expectConnectionKept(agent: http.Agent, base: string): Promise<void> {
  const next = await send(agent, base, { path: "/healthz" });
  expect(next.status).toBe(200);
  expect(next.reusedSocket).toBe(true);
}

const formHeaders = (base: string, extra: Record<string, string | number> = {}) => ({ origin: base, "content-type": "application/x-www-form-urlencoded", ...extra });

test.describe("a request refused before its body was read", () => {
  // One connection, reused for every request while it stays open.
  let agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  test.beforeEach(() => {
    agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  });
  test.afterEach(() => agent.destroy());

  test("answers 413 and the next request on the pooled connection succeeds", async ({ baseURL }) => {
    const base = baseURL!;
    const body = `email=${"x".repeat(300 * 1024)}`;
    const refused = await send(agent, base, { method: "POST", path: "/login", headers: formHeaders(base, { "content-length": Buffer.byteLength(body) }), body });
    expect(refused.status).toBe(413);
    await expectConnectionKept(agent, base);
  });

  test("refused for another reason (401 before the body is read), the connection carries on too", async ({ baseURL }) => {
    const base = baseURL!;
    const body = JSON.stringify({ title: "x".repeat(200 * 1024) });
    const refused = await send(agent, base, {
      method: "POST",
      path: "/api/v1/ideas",
      headers: { origin: base, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      body,
    });
    expect(refused.status).toBe(401);
    await expectConnectionKept(agent, base);
  });

  test("a chunked body over the limit gets a 413 too, and the next request goes through", async ({ baseURL }) => {
    const base = baseURL!;
    for (const size of [400 * 1024, 4 * 1024 * 1024]) {
      const chunks = Array.from({ length: size / 16384 }, () => "x".repeat(16384));
      const refused = await send(agent, base, { method: "POST", path: "/login", headers: formHeaders(base, { "transfer-encoding": "chunked" }), body: chunks });
      expect(refused.status, `${size} bytes`).toBe(413);
      // The server could not know how much was still coming: it says it closes the connection.
      expect(refused.headers.connection).toBe("close");
      expect((await send(agent, base, { path: "/healthz" })).status).toBe(200);
    }
  });

  test("a client still sending when its 413 comes reads the 413, not a reset (the server closes lingering)", async ({ baseURL }) => {
    const url = new URL(baseURL!);
    const socket = net.connect(Number(url.port), url.hostname);
    // Nothing is read until the end: the answer waits in the kernel, where a reset would discard it.
    socket.pause();
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    const chunk = (size: number) => `${size.toString(16)}\r\n${"x".repeat(size)}\r\n`;
    socket.write(`POST /login HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${baseURL}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`);
    for (let i = 0; i < 25; i++) socket.write(chunk(16384));
    // By now the server has answered 413 and shut its side; the client goes on sending, as a browser uploading a file does.
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < 16; i++) socket.write(chunk(16384));
    await new Promise((r) => setTimeout(r, 500));
    const received = await new Promise<string>((resolve, reject) => {
      let text = "";
      socket.setEncoding("latin1");
      socket.on("data", (data: string) => (text += data));
      socket.once("end", () => resolve(text));
      socket.once("error", (error) => reject(new Error(`${error.message} after reading ${JSON.stringify(text.slice(0, 40))}`)));
      socket.resume();
    });
    socket.destroy();
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received.toLowerCase()).toContain("connection: close");
  });

  test("a declared body far over any limit is refused with Connection: close", async ({ baseURL }) => {
    const base = baseURL!;
    const body = "x".repeat(3 * 1024 * 1024);
    const refused = await send(agent, base, { method: "POST", path: "/login", headers: formHeaders(base, { "content-length": body.length }), body });
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe("close");
    expect((await send(agent, base, { path: "/healthz" })).status).toBe(200);
  });
});

test("a page form answered with 429 says when to try again (Retry-After)", async ({ page, baseURL }) => {
  await signUp(page, "Talkative", uniqueEmail("limited"));
  const created = await pageApi<{ idea: { url: string } }>(page, "POST", "/api/v1/ideas", { board: "feature-requests", title: `Rate limits ${Date.now().toString(36)}`, body: "Details" });
  expect(created.status).toBe(201);
  const { url } = created.json.idea;
  // Ten comments a minute per person; the eleventh is refused on the form, as the browser posts it without JavaScript.
  let status = 0;
  let answer;
  for (let i = 0; i < 11 && status !== 429; i++) {
    answer = await page.request.post(url, { form: { intent: "comment", body: `Comment ${i}` }, headers: { origin: baseURL!, accept: "text/html" }, maxRedirects: 0 });
    status = answer.status();
    if (status !== 429) expect(status).toBe(302);
  }
  expect(status).toBe(429);
  expect(answer!.headers()["content-type"]).toContain("text/html");
  expect(Number(answer!.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await answer!.text()).toContain("Too many attempts");
});

test("a signed-out API write is refused as cross-site (403) unless it shows it comes from the site (then 401)", async ({ baseURL }) => {
  const agent = new http.Agent({ keepAlive: true });
  try {
    const bare = await send(agent, baseURL!, { method: "POST", path: "/api/v1/ideas/1/vote" });
    expect(bare.status).toBe(403);
    expect(JSON.parse(bare.body).error.code).toBe("cross_site_request");
    const fromSite = await send(agent, baseURL!, { method: "POST", path: "/api/v1/ideas/1/vote", headers: { origin: baseURL! } });
    expect(fromSite.status).toBe(401);
    expect(JSON.parse(fromSite.body).error.code).toBe("unauthorized");
  } finally {
    agent.destroy();
  }
});
