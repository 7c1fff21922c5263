// The production HTTP server: static files, then every request through the app's
// prepareRequest (security headers, CSRF, authentication), then Remix.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady } from "@remix-run/node";

const root = path.dirname(fileURLToPath(import.meta.url));
const buildPath = path.join(root, "build/index.js");
const build = await import(pathToFileURL(buildPath).href);
const appEntry = build.entry.module;

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";
const trustProxy = ["1", "true", "yes", "on"].includes(String(process.env.TRUST_PROXY || "").toLowerCase());

try {
  await appEntry.boot();
} catch (error) {
  console.error(error instanceof Error && error.name === "DatabaseLockedError" ? error.message : error);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxy);
app.use(compression());
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));

app.use(async (req, res, next) => {
  try {
    const prepared = await appEntry.prepareRequest({
      method: req.method,
      url: req.originalUrl,
      https: req.protocol === "https",
      host: req.get("host") ?? `localhost:${port}`,
      ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
      headers: req.headers,
    });
    res.set(prepared.headers);
    if (prepared.kind === "refuse") {
      res.status(prepared.status).send(prepared.body);
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
  createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: (_req, res) => res.locals.context }),
);

const server = app.listen(port, host, () => {
  console.log(`Loopboard listening on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
  if (process.env.NODE_ENV === "development") broadcastDevReady(build);
});

let closing = false;
async function close(signal) {
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
