// The production HTTP server: static files, the anonymous cache, then every request through the
// app's prepareRequest (security headers, CSRF, authentication), then the app's direct routes (a
// few hot JSON calls), then Remix. With WEB_CONCURRENCY=N (PostgreSQL only) a primary process runs
// N copies of it and restarts any that dies.
import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import express from "express";
import onHeaders from "on-headers";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import type * as AppEntry from "./app/entry.server";

/** The server build, whose entry module also exports the app-side hooks this file calls. */
type AppBuild = ServerBuild & { entry: { module: typeof AppEntry } };

const root = path.dirname(fileURLToPath(import.meta.url));

function webConcurrency(): number {
  const raw = (process.env.WEB_CONCURRENCY ?? "").trim();
  if (raw === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    console.error(`WEB_CONCURRENCY must be a whole number from 1 to 64, got "${raw}".`);
    process.exit(1);
  }
  return n;
}

const concurrency = webConcurrency();
if (cluster.isPrimary && concurrency > 1) runPrimary(concurrency);
else await runServer();

/** Forks the web processes, restarts one that dies, and passes SIGTERM/SIGINT on to them. */
function runPrimary(count: number): void {
  if (!/^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? "")) {
    console.error(
      `WEB_CONCURRENCY=${count} needs DATABASE_URL=postgres://…: the embedded database (PGlite) can only be opened by ` +
        "one process. Unset WEB_CONCURRENCY (or set it to 1), or move to PostgreSQL (see docs/operations.md).",
    );
    process.exit(1);
  }
  // In-memory rate-limit counters would be per process, multiplying every limit by the process count.
  const env = process.env.RATE_LIMIT_STORE ? {} : { RATE_LIMIT_STORE: "database" };
  let stopping = false;
  let started = false;
  const serving = new Set<number>();

  const fork = () => {
    const worker = cluster.fork(env);
    worker.once("listening", () => {
      serving.add(worker.id);
      started = true;
    });
    return worker;
  };

  cluster.on("exit", (worker, code, signal) => {
    const wasServing = serving.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    const how = signal ?? `code ${code}`;
    if (!started) {
      // The first process never started (bad configuration, database unreachable): retrying would only loop.
      console.error(`Web process ${worker.process.pid} exited during start-up (${how}); stopping.`);
      stop("start-up failure", 1);
      return;
    }
    console.error(`Web process ${worker.process.pid} ${wasServing ? "died" : "exited during start-up"} (${how}); starting another in 1 s.`);
    setTimeout(() => stopping || fork(), 1000);
  });

  // The first process migrates the database alone; the others start once it is serving.
  fork().once("listening", () => {
    for (let i = 1; i < count; i++) fork();
  });
  console.log(`Loopboard primary ${process.pid}: ${count} web processes`);

  function stop(signal: string, exitCode = 0) {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} web processes…`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
    process.exitCode = exitCode;
    // Each process stops itself gracefully; one that hangs is not waited for forever.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(exitCode || 1);
    }, 30_000).unref();
  }
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** The most of a request body still unread after its answer that is read and thrown away to keep the connection. */
const DRAIN_MAX_BYTES = 1024 * 1024;
/** How long the rest of such a body may take to arrive before the connection is closed. */
const DRAIN_MAX_MS = 10_000;
/** A connection closed under a body still arriving reads (and drops) at most this much more… */
const LINGER_MAX_BYTES = 64 * 1024 * 1024;
/** …for at most this long, before it is reset. */
const LINGER_MAX_MS = 5_000;

/**
 * A request can be answered before its body was read to the end: refused with 413 over a size
 * limit, or with 401/403 before the body mattered. The rest of that body is still on the wire,
 * ahead of the next request on the same connection, and Remix's request stream, no longer read,
 * would hold it there: the client's next request on its pooled connection failed with
 * ECONNRESET. So once the answer is sent the rest is read and thrown away, up to DRAIN_MAX_BYTES
 * and DRAIN_MAX_MS, and the connection carries on. When the rest may be longer than that (a
 * declared length over the bound, or a chunked body not finished when the answer starts), the
 * answer says `Connection: close`, so the client does not send another request behind it, and
 * the connection closes lingering (lingerOnClose).
 */
function finishUnreadBodies(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const declared = Number(req.headers["content-length"] ?? 0);
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (!chunked && !(declared > 0)) return next();
  let closing = false;
  onHeaders(res, () => {
    if (!req.complete && (chunked || declared > DRAIN_MAX_BYTES)) {
      closing = true;
      res.setHeader("Connection", "close");
      lingerOnClose(req.socket);
    }
  });
  res.once("finish", () => {
    if (closing || req.complete || req.destroyed) return;
    let left = DRAIN_MAX_BYTES;
    const timer = setTimeout(() => req.destroy(), DRAIN_MAX_MS);
    req.once("close", () => clearTimeout(timer));
    // The request's own readers are done with it (the answer is sent): only this one stays.
    req.removeAllListeners("data");
    req.on("data", (chunk: Buffer) => {
      left -= chunk.length;
      if (left < 0) req.destroy();
    });
    req.resume();
  });
  next();
}

/**
 * A lingering close, as nginx and Apache do it. Node ends a `Connection: close` answer with
 * `socket.destroySoon()`: the answer is written, the write side shut, and the socket destroyed at
 * once. The bytes the client is still sending then reach a closed socket, the kernel answers them
 * with a reset, and a client that had not yet read the answer loses it — it sees ECONNRESET where
 * a 413 was sent. So on such a connection the answer is sent and the write side shut (the client
 * reads its answer and a clean end), and what still arrives is read and dropped until the client
 * closes, for at most LINGER_MAX_MS and LINGER_MAX_BYTES; only then is the socket destroyed.
 * Node has no option for this; the override is on this one socket only, and does what
 * destroySoon does plus the wait.
 */
function lingerOnClose(socket: Socket): void {
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.writable) this.end();
    // Never before the answer is out: a client that closes early still had it sent in full.
    const close = () => (this.writableFinished ? this.destroy() : this.once("finish", () => this.destroy()));
    const timer = setTimeout(close, LINGER_MAX_MS);
    let left = LINGER_MAX_BYTES;
    this.once("close", () => clearTimeout(timer));
    this.once("end", close);
    this.on("data", (chunk: Buffer) => {
      left -= chunk.length;
      if (left < 0) close();
    });
    this.resume();
  };
}

async function runServer(): Promise<void> {
  const buildPath = path.join(root, "build/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as AppBuild;
  const appEntry = build.entry.module;

  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || "0.0.0.0";
  const trustProxy = ["1", "true", "yes", "on"].includes(String(process.env.TRUST_PROXY || "").toLowerCase());

  let anonymousCache: ReturnType<typeof appEntry.anonymousCacheFromEnv>;
  try {
    anonymousCache = appEntry.anonymousCacheFromEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  try {
    await appEntry.boot();
  } catch (error) {
    console.error(error instanceof Error && error.name === "DatabaseLockedError" ? error.message : error);
    process.exit(1);
  }

  // The top-level files of public/ (favicon.svg, …), served by exact path: anything else goes
  // straight to Remix instead of costing a disk lookup per request.
  const publicDir = path.join(root, "public");
  const publicFiles = new Set(
    fs
      .readdirSync(publicDir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.name}`),
  );
  const servePublicFile = express.static(publicDir, { maxAge: "1h", index: false });

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  // Nothing reads req.query (Remix parses the URL itself): skip parsing every query string twice.
  // Set before the first app.use(), which creates Express's router with the query parser of the moment.
  app.set("query parser", false);
  app.use(finishUnreadBodies);
  app.use(compression());
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use((req, res, next) => ((req.method === "GET" || req.method === "HEAD") && publicFiles.has(req.path) ? servePublicFile(req, res, next) : next()));

  app.use(async (req, res, next) => {
    try {
      const incoming = {
        method: req.method,
        url: req.originalUrl,
        https: req.protocol === "https",
        host: req.get("host") ?? `localhost:${port}`,
        ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
        headers: req.headers,
      };
      if ((await anonymousCache.handle(incoming, res)) === "hit") return;
      const prepared = await appEntry.prepareRequest(incoming);
      res.set(prepared.headers);
      if (prepared.kind === "refuse") {
        res.status(prepared.status).send(prepared.body);
        return;
      }
      // A few hot JSON calls are answered without Remix's request handler (app/direct-routes.server.ts).
      const direct = appEntry.answerDirectly(req.method, req.originalUrl, prepared.context);
      if (direct) {
        const answer = await direct;
        res.status(answer.status).set(answer.headers).end(answer.body);
        return;
      }
      res.locals.context = prepared.context;
      next();
    } catch (error) {
      next(error);
    }
  });

  app.all(
    "*",
    // Every route's AppErrors become their HTTP answer (app/lib/http.server.ts).
    createRequestHandler({ build: appEntry.withAppErrorAnswers(build), mode: process.env.NODE_ENV, getLoadContext: (_req, res) => res.locals.context }),
  );

  const server = app.listen(port, host, () => {
    if (cluster.isPrimary) console.log(`Loopboard listening on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
    else console.log(`Loopboard web process ${process.pid} listening on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
    if (process.env.NODE_ENV === "development") broadcastDevReady(build);
  });

  let closing = false;
  async function close(signal: string) {
    if (closing) return;
    closing = true;
    console.log(`${signal}: shutting down…`);
    server.close();
    server.closeAllConnections?.();
    try {
      await appEntry.shutdown();
    } finally {
      process.exit(0);
    }
  }
  process.on("SIGTERM", () => close("SIGTERM"));
  process.on("SIGINT", () => close("SIGINT"));
}
