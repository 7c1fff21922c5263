/**
 * `npm run bench:floor`: what a rendered page costs inside the server process, in three parts.
 * Loads the production build into this process (no HTTP server, no socket to the client) on the
 * database `npm run bench` loaded, and sends each page through Remix's request handler three ways,
 * 8 at a time, after a warm-up:
 *
 * - as served: the app's prepareRequest (security headers, session lookup) and the real loaders;
 * - from memory: every loader answers what it answered before, and the request's context is the
 *   one prepareRequest made before, so no statement runs: what Remix and React cost for that page
 *   with its data in hand;
 * - and inside that, the time spent in the app's handleRequest (React's renderToString of the page);
 * - and apart from all three, the page's own HTML turned back into plain React elements (no
 *   components, no hooks, no router) and rendered with renderToString: what React's renderer alone
 *   costs for that markup. The difference to "React" is the work of the components.
 *
 * The differences are the loaders with the database driver (and prepareRequest), and Remix around the render. The HTTP
 * server, Express and the socket to the client are what `npm run bench` measures beyond these.
 *
 *   npm run bench:floor -- [--path "/?sort=top" …] [--signed-in | --staff] [--requests 800] [--concurrency 8] [--rounds 3]
 *
 * BENCH_DATABASE_URL as for `npm run bench` (the data must be loaded already).
 */
import { parseArgs } from "node:util";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { median, processCpuMs as cpuMs, wholeNumber } from "./args";
import { openLoadedBenchDatabase } from "./loaded-database";
import { COMMENTED_IDEA_ID, STAFF_ID } from "./load-data";
import { appEnvironment, buildSnapshot, tempDataDir } from "./processes";
import { plainMarkupCost, rendersBack, type ReactApi } from "./plain-markup";
import { signInUsers, signInVisitors, signOutVisitors, type SignedInVisitor } from "./sessions";


function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      path: { type: "string", multiple: true },
      "signed-in": { type: "boolean", default: false },
      // The bench staff member's session on every worker (staff see more on each page).
      staff: { type: "boolean", default: false },
      requests: { type: "string", default: "800" },
      concurrency: { type: "string", default: "8" },
      rounds: { type: "string", default: "3" },
    },
  });
  for (const p of values.path ?? []) if (!p.startsWith("/")) throw new Error("--path must start with /");
  return {
    paths: values.path ?? [],
    signedIn: values["signed-in"],
    staff: values.staff,
    requests: wholeNumber("requests", values.requests, 10, 100_000),
    concurrency: wholeNumber("concurrency", values.concurrency, 1, 64),
    rounds: wholeNumber("rounds", values.rounds, 1, 20),
  };
}

type Handler = (request: Request, context: unknown) => Promise<Response>;
type RouteModule = { loader?: (args: unknown) => unknown } & Record<string, unknown>;
interface Build {
  routes: Record<string, { module: RouteModule } & Record<string, unknown>>;
  entry: { module: { default: (...args: unknown[]) => unknown } & Record<string, unknown> };
}
interface AppEntry {
  boot(): Promise<void>;
  shutdown(): Promise<void>;
  prepareRequest(req: object): Promise<{ kind: string; context?: unknown }>;
  withAppErrorAnswers<B>(build: B): B;
  answerDirectly(method: string, url: string, context: unknown): Promise<{ status: number; body: string | Uint8Array }> | null;
}

/** The same build with each route's loader replaced by `wrap(loader)`. */
function withLoaders(build: Build, wrap: (id: string, loader: NonNullable<RouteModule["loader"]>) => RouteModule["loader"]): Build {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => [id, { ...route, module: { ...route.module, loader: route.module.loader && wrap(id, route.module.loader) } }]),
  );
  return { ...build, routes };
}

async function main() {
  const opts = options();
  const { databaseUrl, sql } = await openLoadedBenchDatabase();
  let visitors: SignedInVisitor[] = [];
  let staff: { cookie: string; sessionHash: string } | undefined;
  try {
    // By default the benchmark's pages: the board, the JSON list, the idea with 50 comments, and a page with no query
    const [idea] = await sql<{ number: number; slug: string }[]>`SELECT number, slug FROM ideas WHERE id = ${COMMENTED_IDEA_ID}`;
    // (/login only signed out: it sends a signed-in reader on.)
    const paths = opts.paths.length ? opts.paths : ["/?sort=top", "/api/v1/ideas?sort=top", `/ideas/${idea.number}/${idea.slug}`, ...(opts.signedIn || opts.staff ? [] : ["/login"])];
    console.log("building the production app (npx remix build)…");
    const { dir } = await buildSnapshot();
    if (opts.signedIn) visitors = await signInVisitors(sql, opts.concurrency);
    staff = opts.staff ? (await signInUsers(sql, [STAFF_ID]))[0] : undefined;
    const cookieOf = (worker: number) => staff?.cookie ?? visitors[worker]?.cookie;
    // The app reads its configuration when its modules load: set it as the server's, then load it here.
    Object.assign(process.env, appEnvironment({ databaseUrl, port: 3000, dataDir: tempDataDir("floor"), workerInApp: false, anonCacheTtlMs: 0 }));
    const build = (await import(pathToFileURL(path.join(dir, "build/index.js")).href)) as Build;
    const { createRequestHandler, json } = await import("@remix-run/node");
    const react: ReactApi = { createElement: (await import("react")).createElement, renderToString: (await import("react-dom/server")).renderToString };
    const app = build.entry.module as unknown as AppEntry;
    await app.boot();
    const handlerOf = (b: Build) => createRequestHandler(app.withAppErrorAnswers(b) as never, "production") as unknown as Handler;

    console.log(`${opts.staff ? "staff (one staff member's session)" : opts.signedIn ? "signed in (a session per worker)" : "signed out"}, ${opts.requests} requests a round, ${opts.concurrency} at a time, ${opts.rounds} rounds; server CPU per request (this process, all threads)\n`);
    console.log(["page".padEnd(44), "as served", "from memory", "render", "→ loaders+DB", "Remix", "React", "same markup as plain elements"].join("  "));
    for (const pagePath of paths) {
      const headersOf = (worker: number): Record<string, string> => {
        const cookie = cookieOf(worker);
        return cookie ? { cookie } : {};
      };
      // The request's context as server.ts makes it: security headers, nonce, the session lookup.
      const prepare = async (worker: number) => {
        const prepared = await app.prepareRequest({ method: "GET", url: pagePath, https: false, host: "127.0.0.1:3000", ip: "127.0.0.1", headers: headersOf(worker) });
        if (prepared.kind !== "continue") throw new Error(`${pagePath}: the request was refused before Remix`);
        return prepared.context;
      };
      /** One request; with `context` given (from memory), prepareRequest and its session lookup are skipped too. */
      const send = async (handler: Handler | "direct", worker: number, context?: unknown) => {
        const ready = context ?? (await prepare(worker));
        if (handler === "direct") {
          const answer = await app.answerDirectly("GET", pagePath, ready);
          if (!answer || answer.status !== 200) throw new Error(`${pagePath}: no direct answer`);
          return answer.body.length;
        }
        const response = await handler(new Request(`http://127.0.0.1:3000${pagePath}`, { headers: headersOf(worker) }), ready);
        // Read as bytes, as the server sends them: decoding the page again would be this script's cost, not the server's.
        const body = await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${pagePath} answered ${response.status}: ${new TextDecoder().decode(body).slice(0, 200)}`);
        return body.byteLength;
      };
      // Each loader's answer, recorded once (for the first worker's reader), then given back from memory.
      const recorded = new Map<string, unknown>();
      const asServed = handlerOf(build);
      const recording = handlerOf(
        withLoaders(build, (id, loader) => async (args) => {
          const answer = await loader(args);
          recorded.set(id, answer instanceof Response ? await answer.clone().json() : answer);
          return answer;
        }),
      );
      await send(recording, 0);
      let renderMs = 0;
      const timedEntry = {
        ...build.entry,
        module: {
          ...build.entry.module,
          default: (...args: unknown[]) => {
            const started = cpuMs();
            const answer = build.entry.module.default(...args);
            renderMs += cpuMs() - started;
            return answer;
          },
        },
      };
      const fromMemory = handlerOf({ ...withLoaders(build, (id) => () => json(recorded.get(id))), entry: timedEntry });

      const contexts = await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => prepare(w)));
      const measure = async (handler: Handler | "direct", fromMemory = false) => {
        const perWorker = Math.ceil(opts.requests / opts.concurrency);
        const run = () => Promise.all(Array.from({ length: opts.concurrency }, async (_, w) => { for (let i = 0; i < perWorker; i++) await send(handler, w, fromMemory ? contexts[w] : undefined); }));
        await run(); // warm-up
        renderMs = 0;
        const started = cpuMs();
        await run();
        const count = perWorker * opts.concurrency;
        return { cpu: (cpuMs() - started) / count, render: renderMs / count };
      };
      const ms = (x: number) => `${x.toFixed(2)} ms`.padStart(9);
      // A few hot JSON calls never reach Remix in the server (app/direct-routes.server.ts): measured as answered.
      if (app.answerDirectly("GET", pagePath, (await app.prepareRequest({ method: "GET", url: pagePath, https: false, host: "127.0.0.1:3000", ip: "127.0.0.1", headers: {} })).context)) {
        const direct: number[] = [];
        for (let round = 0; round < opts.rounds; round++) direct.push((await measure("direct")).cpu);
        console.log([pagePath.slice(0, 44).padEnd(44), ms(median(direct)), "(answered before Remix: no loaders, no render)"].join("  "));
        continue;
      }
      const served: number[] = [];
      const memory: number[] = [];
      const render: number[] = [];
      for (let round = 0; round < opts.rounds; round++) {
        served.push((await measure(asServed)).cpu);
        const m = await measure(fromMemory, true);
        memory.push(m.cpu);
        render.push(m.render);
      }
      const [s, m, r] = [median(served), median(memory), median(render)];
      const pageHtml = await (await fromMemory(new Request(`http://127.0.0.1:3000${pagePath}`, { headers: headersOf(0) }), contexts[0])).text();
      const plain: number[] = [];
      let elements = 0;
      for (let round = 0; round < opts.rounds; round++) {
        const p = plainMarkupCost(react, pageHtml, opts.requests);
        plain.push(p.cpu);
        elements = p.elements;
      }
      console.log(
        [pagePath.slice(0, 44).padEnd(44), ms(s), ms(m).padStart(11), ms(r).padStart(6), ms(s - m).padStart(12), ms(m - r).padStart(5), ms(r).padStart(5), `${ms(median(plain))} (${elements} elements${rendersBack(react, pageHtml) ? "" : "; NOT the same markup"})`].join("  "),
      );
    }
    console.log("\nas served: prepareRequest and Remix's handler with the real loaders; from memory: the same without prepareRequest, each loader answering what it answered before;");
    console.log("render: the app's handleRequest (React) inside 'from memory'; same markup as plain elements: the page's HTML parsed back into");
    console.log("React elements without components and rendered with renderToString, React's renderer alone (flagged when that does not give back the");
    console.log("page's exact markup). Medians of the rounds.");
    await app.shutdown();
  } finally {
    await signOutVisitors(sql, visitors);
    if (staff) await sql`DELETE FROM sessions WHERE id = ${staff.sessionHash}`;
    await sql.end();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
