/**
 * The board benchmark: the production server on the loaded database, five load tests (board page
 * HTML, JSON list, an idea page with 50 comments, the board page signed in, casting votes with
 * API tokens), the JavaScript
 * the board page ships, and the plans of the board's queries.
 */
import zlib from "node:zlib";
import fs from "node:fs";
import postgres from "postgres";
import { explainBoardQueries, type PlanCheck } from "./explain";
import { describeLoad, runLoad, type LoadResult } from "./load-test";
import { serverAndDatabaseCpu, startServer, tempDataDir, type Child } from "./processes";
import { COMMENTED_IDEA_COMMENTS, COMMENTED_IDEA_ID, memberToken, SIZES } from "./load-data";
import { BUDGETS, verdict } from "./report";
import { perConnectionVisitor, signInVisitors, signOutVisitors, type SignedInVisitor } from "./sessions";

export interface JsFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface BoardResults {
  boardHtml: LoadResult;
  jsonList: LoadResult;
  ideaPage: LoadResult & { path: string };
  /** The board page for signed-in members, a different one per connection. */
  signedInBoard: LoadResult & { visitors: number };
  votes: LoadResult & { newVotes: number };
  javascript: { files: JsFile[]; totalBytes: number; totalGzipBytes: number };
  plans: PlanCheck[];
  serverErrors: string[];
}

export interface BoardOptions {
  databaseUrl: string;
  buildDir: string;
  port: number;
  durationSeconds: number;
  connections: number;
  /** WEB_CONCURRENCY for the server (default 1). */
  webConcurrency?: number;
  /** ANON_CACHE_TTL_MS for the server (default: the server's own). */
  anonCacheTtlMs?: number;
  log: (line: string) => void;
}

/** Every JavaScript file the page loads before it is interactive: modulepreloads, the inline module imports, and their static imports. */
export async function pageJavaScript(origin: string, pagePath: string): Promise<{ files: JsFile[]; totalBytes: number; totalGzipBytes: number }> {
  const html = await (await fetch(origin + pagePath, { signal: AbortSignal.timeout(30_000) })).text();
  const queue: string[] = [];
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    if (/rel="?modulepreload"?/.test(tag)) {
      const href = /href="([^"]+)"/.exec(tag)?.[1];
      if (href) queue.push(href);
    }
  }
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /src="([^"]+)"/.exec(attrs)?.[1];
    if (src && /\.m?js(\?|$)/.test(src)) queue.push(src);
    if (/type="module"/.test(attrs)) {
      for (const m of body.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?\(?\s*["']([^"']+\.js)["']/g)) queue.push(m[1]);
    }
  }
  const files = new Map<string, JsFile>();
  while (queue.length) {
    const url = new URL(queue.shift()!, origin + pagePath);
    if (files.has(url.pathname)) continue;
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`${url.pathname}: ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    files.set(url.pathname, { path: url.pathname, bytes: body.length, gzipBytes: zlib.gzipSync(body, { level: 9 }).length });
    // Static imports only (import … from "x" / import "x"); dynamic import() loads later, on demand.
    for (const m of body.toString("utf8").matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g)) {
      queue.push(new URL(m[1], url).toString());
    }
  }
  const list = [...files.values()].sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    files: list,
    totalBytes: list.reduce((n, f) => n + f.bytes, 0),
    totalGzipBytes: list.reduce((n, f) => n + f.gzipBytes, 0),
  };
}

async function expectOk(origin: string, path: string, init: RequestInit = {}, check?: (body: string) => string | null): Promise<void> {
  const response = await fetch(origin + path, { ...init, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path} answered ${response.status}: ${body.slice(0, 300)}`);
  const problem = check?.(body);
  if (problem) throw new Error(`${path}: ${problem}`);
}

export { serverAndDatabaseCpu } from "./processes";

export async function runBoardBenchmark(options: BoardOptions): Promise<BoardResults> {
  const { log } = options;
  const origin = `http://127.0.0.1:${options.port}`;
  const sql = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  const dataDir = tempDataDir("board");
  let server: Child | undefined;
  let visitors: SignedInVisitor[] = [];
  try {
    const [idea] = await sql<{ number: number; slug: string; comment_count: number }[]>`
      SELECT number, slug, comment_count FROM ideas WHERE id = ${COMMENTED_IDEA_ID}`;
    if (!idea || idea.comment_count !== COMMENTED_IDEA_COMMENTS) throw new Error(`idea ${COMMENTED_IDEA_ID} should have ${COMMENTED_IDEA_COMMENTS} comments`);
    const ideaPath = `/ideas/${idea.number}/${encodeURIComponent(idea.slug)}`;
    const [{ max: maxNumber }] = await sql<{ max: number }[]>`SELECT max(number)::int AS max FROM ideas WHERE id <= ${SIZES.ideas}`;
    const [{ n: votesBefore }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM votes`;

    const processes = options.webConcurrency && options.webConcurrency > 1 ? `, WEB_CONCURRENCY=${options.webConcurrency}` : "";
    const anonCache = options.anonCacheTtlMs !== undefined ? `, ANON_CACHE_TTL_MS=${options.anonCacheTtlMs}` : "";
    log(`  starting the server on ${origin} (WORKER_IN_APP=true${processes}${anonCache})`);
    server = await startServer(options.buildDir, {
      databaseUrl: options.databaseUrl,
      port: options.port,
      dataDir,
      workerInApp: true,
      webConcurrency: options.webConcurrency,
      anonCacheTtlMs: options.anonCacheTtlMs,
    });

    // Each scenario must work before it is measured.
    await expectOk(origin, "/?sort=top", {}, (body) => (body.includes('href="/ideas/') ? null : "no idea links on the board"));
    await expectOk(origin, "/api/v1/ideas?sort=top", {}, (body) => (JSON.parse(body).ideas?.length === 20 ? null : "expected 20 ideas"));
    await expectOk(origin, ideaPath, {}, (body) => ((body.match(/id="comment-\d+"/g) ?? []).length === COMMENTED_IDEA_COMMENTS ? null : "expected 50 comments"));
    await expectOk(origin, `/api/v1/ideas/1/vote`, { method: "POST", headers: { authorization: `Bearer ${memberToken(1)}` } });
    visitors = await signInVisitors(sql, options.connections);
    const [visitor] = visitors;
    await expectOk(origin, "/?sort=top", { headers: { cookie: visitor.cookie } }, (body) =>
      body.includes(`"name":${JSON.stringify(visitor.name)}`) && body.includes('aria-pressed="true"') ? null : "the signed-in board names no user or shows no vote of theirs",
    );

    const cpuMeters = serverAndDatabaseCpu(server, sql);
    const load = { origin, durationSeconds: options.durationSeconds, connections: options.connections, warmupSeconds: 3, cpuMeters };
    log(`  a) board page HTML  GET /?sort=top  (${options.durationSeconds} s, ${options.connections} connections)`);
    const boardHtml = await runLoad({ ...load, name: "board HTML", path: "/?sort=top" });
    log(`     ${describeLoad(boardHtml)}  ${verdict(BUDGETS.boardHtml.check(boardHtml))}`);

    log(`  b) JSON list  GET /api/v1/ideas?sort=top`);
    const jsonList = await runLoad({ ...load, name: "JSON list", path: "/api/v1/ideas?sort=top" });
    log(`     ${describeLoad(jsonList)}  ${verdict(BUDGETS.jsonList.check(jsonList))}`);

    log(`  c) idea page with ${COMMENTED_IDEA_COMMENTS} comments  GET ${ideaPath}`);
    const ideaPage = { ...(await runLoad({ ...load, name: "idea page", path: ideaPath })), path: ideaPath };
    log(`     ${describeLoad(ideaPage)}  ${verdict(BUDGETS.ideaPage.check(ideaPage))}`);

    log(`  d) board page HTML signed in  GET /?sort=top  (a session cookie per connection: ${visitors.length} members who voted on the first page)`);
    const used = new Set<number>();
    const signedIn = await runLoad({ ...load, name: "board HTML, signed in", requests: [perConnectionVisitor("/?sort=top", visitors, used)] });
    const signedInBoard = { ...signedIn, visitors: used.size };
    log(`     ${describeLoad(signedIn)}; ${used.size} members  ${verdict(BUDGETS.signedInBoard.check(signedIn))}`);

    log(`  e) votes  POST /api/v1/ideas/:number/vote  (${SIZES.apiTokens.toLocaleString("en")} users × ${maxNumber.toLocaleString("en")} ideas, random)`);
    const votes = await runLoad({
      ...load,
      name: "votes",
      method: "POST",
      requests: [
        {
          method: "POST",
          setupRequest(request) {
            const user = 1 + Math.floor(Math.random() * SIZES.apiTokens);
            const number = 1 + Math.floor(Math.random() * maxNumber);
            return { ...request, path: `/api/v1/ideas/${number}/vote`, headers: { ...request.headers, authorization: `Bearer ${memberToken(user)}` } };
          },
        },
      ],
    });
    const [{ n: votesAfter }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM votes`;
    const voteResult = { ...votes, newVotes: votesAfter - votesBefore };
    log(`     ${describeLoad(votes)}; ${voteResult.newVotes.toLocaleString("en")} new vote rows  ${verdict(BUDGETS.votes.check(votes))}`);

    log(`  board page JavaScript`);
    const javascript = await pageJavaScript(origin, "/?sort=top");
    log(`     ${javascript.files.length} files, ${(javascript.totalGzipBytes / 1024).toFixed(1)} KB gzipped (${(javascript.totalBytes / 1024).toFixed(1)} KB raw)  ${verdict(BUDGETS.boardJs.check(javascript))}`);

    log(`  EXPLAIN of the board's queries`);
    const plans = await explainBoardQueries(options.databaseUrl, { commentedIdeaNumber: idea.number });
    for (const p of plans) {
      const measured = p.executionMs !== null ? `  ${p.executionMs.toFixed(2)} ms, ${p.rowsRead} rows read` : "";
      log(`     ${p.pass ? "PASS" : "FAIL"}  ${p.name.padEnd(52)} ${p.access}${measured}${p.problems.length ? `  ✗ ${p.problems.join("; ")}` : ""}`);
    }
    return { boardHtml, jsonList, ideaPage, signedInBoard, votes: voteResult, javascript, plans, serverErrors: [...server.errorLines] };
  } catch (error) {
    if (server) log(`  server output:\n${server.logs.slice(-40).join("\n")}`);
    throw error;
  } finally {
    await server?.stop();
    await signOutVisitors(sql, visitors).catch(() => {});
    await sql.end({ timeout: 5 });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
