/**
 * `npm run bench`: loads a large site into a PostgreSQL database of its own, builds the app, runs
 * the board and the "close the loop" benchmarks against the production server on 127.0.0.1, and
 * writes docs/BENCHMARKS.md.
 *
 *   npm run bench -- [--only board|ship|merge|dashboard|inbox|export|import] [--skip-load] [--duration 15] [--connections 32]
 *                    [--email-window 150] [--port 3300] [--web-concurrency 1] [--anon-cache-ttl MS]
 *                    [--report docs/BENCHMARKS.md]
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/loopboard_bench) names the
 * database; it is dropped and recreated unless --skip-load, and its name must contain "bench".
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { calibrate } from "./calibrate";
import { migrateDatabase, openDatabase } from "../../app/lib/db.server";
import { runBoardBenchmark } from "./board";
import { loadBoardData, SIZES } from "./load-data";
import { buildSnapshot, ROOT } from "./processes";
import { runInboxBenchmark } from "./inbox";
import { runExportBenchmark } from "./export";
import { runImportBenchmark } from "./import";
import { describeMachine, writeDashboardSection, writeExportSection, writeImportSection, writeInboxSection, writeMergeSection, writeReport, type BenchRun } from "./report";
import { runMergeBenchmark } from "./merge";
import { runDashboardBenchmark } from "./dashboard";
import { runShipBenchmark } from "./ship";

const USAGE =
  "npm run bench -- [--only board|ship|merge|dashboard|inbox|export|import] [--skip-load] [--duration S] [--connections N] [--email-window S] [--port P] [--web-concurrency N] [--anon-cache-ttl MS] [--report FILE]";

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      only: { type: "string" },
      "skip-load": { type: "boolean", default: false },
      duration: { type: "string", default: "15" },
      connections: { type: "string", default: "32" },
      "email-window": { type: "string", default: "150" },
      port: { type: "string", default: "3300" },
      "web-concurrency": { type: "string", default: "1" },
      "anon-cache-ttl": { type: "string" },
      report: { type: "string", default: "docs/BENCHMARKS.md" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.only !== undefined && !["board", "ship", "merge", "dashboard", "inbox", "export", "import"].includes(values.only)) throw new Error(`--only must be board, ship, merge, dashboard, inbox, export or import\n${USAGE}`);
  const cacheTtl = (raw: string) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 60_000) throw new Error("--anon-cache-ttl must be a whole number of milliseconds from 0 to 60000");
    return n;
  };
  const number = (name: string, raw: string, max: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
    return n;
  };
  return {
    only: values.only as "board" | "ship" | "merge" | "dashboard" | "inbox" | "export" | "import" | undefined,
    skipLoad: values["skip-load"],
    // Load tests are bounded: at most 60 s each, at most 256 connections.
    duration: number("duration", values.duration, 60),
    connections: number("connections", values.connections, 256),
    emailWindow: number("email-window", values["email-window"], 600),
    port: number("port", values.port, 65535),
    // The server's WEB_CONCURRENCY: that many web processes behind one primary.
    webConcurrency: number("web-concurrency", values["web-concurrency"], 16),
    // The server's ANON_CACHE_TTL_MS; 0 measures what rendering costs (what signed-in people get).
    anonCacheTtlMs: values["anon-cache-ttl"] === undefined ? undefined : cacheTtl(values["anon-cache-ttl"]),
    report: path.resolve(ROOT, values.report),
  };
}

// Interrupted: exit through process.exit so processes.ts stops the children it started.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

const startedAt = performance.now();
const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s`;
const log = (line: string) => console.log(line);
const heading = (title: string) => console.log(`\n[${elapsed()}] ${title}`);

async function main() {
  const opts = options();
  const databaseUrl = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/loopboard_bench";
  if (!["127.0.0.1", "localhost"].includes(new URL(databaseUrl).hostname)) throw new Error("the benchmark database must be local");

  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const probe = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  const [{ server_version: pgVersion }] = await probe<{ server_version: string }[]>`SHOW server_version`.catch((e) => {
    throw new Error(`PostgreSQL is not reachable at ${admin.host}: ${e.message}`);
  });
  // The calibration's pgbench runs in the bench database; an import-only run may come before any load.
  const benchName = new URL(databaseUrl).pathname.slice(1);
  if (opts.only === "import" && (await probe`SELECT 1 FROM pg_database WHERE datname = ${benchName}`).length === 0) await probe.unsafe(`CREATE DATABASE "${benchName}"`);
  await probe.end();

  const run: BenchRun = {
    machine: await describeMachine(`PostgreSQL ${pgVersion}`),
    command: ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
    durationSeconds: opts.duration,
    connections: opts.connections,
    totalSeconds: 0,
    notes: [],
  };
  console.log(`Loopboard benchmark · ${run.machine.cpu} · ${run.machine.cores} cores · ${run.machine.ramGb} GB · Node ${run.machine.node} · PostgreSQL ${pgVersion}`);
  console.log(`load average ${run.machine.loadAverage} · database ${databaseUrl}`);
  if (run.machine.cores <= 2) {
    run.notes.push(
      `This machine has ${run.machine.cores} cores shared by PostgreSQL, the server, the worker and the load generator; ` +
        `the load average was ${run.machine.loadAverage} at the start. Compare runs only on the same, otherwise quiet machine.`,
    );
  }
  if (opts.webConcurrency > 1) {
    run.notes.push(
      `The web server ran as ${opts.webConcurrency} processes (WEB_CONCURRENCY=${opts.webConcurrency}) behind a cluster primary; ` +
        "its CPU / req sums the primary and all of them.",
    );
  }
  run.notes.push(
    opts.anonCacheTtlMs === 0
      ? "The anonymous cache was off (ANON_CACHE_TTL_MS=0): every request rendered, as for signed-in people."
      : `The anonymous cache was on (ANON_CACHE_TTL_MS=${opts.anonCacheTtlMs ?? "1000, the default"}): the load tests send no cookie, so after the first render ` +
          "of each page within the TTL they measure answers from the cache; `--anon-cache-ttl 0` measures rendering.",
  );

  if (opts.only === "import") {
    log("\n  (--only import: the import benchmark fills a database of its own; the bench database is not loaded)");
  } else if (opts.skipLoad) {
    heading("reusing the loaded database (--skip-load)");
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ ideas: number; votes: number; comments: number; users: number; boards: number; api_tokens: number }[]>`
        SELECT (SELECT count(*)::int FROM ideas WHERE id <= ${SIZES.ideas}) AS ideas, (SELECT count(*)::int FROM votes) AS votes,
               (SELECT count(*)::int FROM comments) AS comments, (SELECT count(*)::int FROM users) AS users,
               (SELECT count(*)::int FROM boards) AS boards, (SELECT count(*)::int FROM api_tokens) AS api_tokens`;
      if (row.ideas !== SIZES.ideas) throw new Error("the bench database is not loaded");
      // The initial migration is regenerated while nothing has shipped: a database loaded before a
      // schema change cannot be migrated and must be loaded again.
      const handle = openDatabase(databaseUrl);
      try {
        await migrateDatabase(handle);
      } catch (error) {
        throw new Error(`the schema changed since it was loaded (${(error as Error).message.split("\n")[0]})`);
      } finally {
        await handle.close();
      }
      run.load = { seconds: 0, counts: { ...row }, commentedIdeaNumber: SIZES.ideas, skipped: true };
      log(`  ${Object.entries(row).map(([k, v]) => `${v.toLocaleString("en")} ${k}`).join(", ")}`);
    } catch (error) {
      throw new Error(`--skip-load needs a loaded ${databaseUrl}; run without --skip-load first (${(error as Error).message})`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  } else {
    heading(`loading ${SIZES.ideas.toLocaleString("en")} ideas, ${SIZES.votes.toLocaleString("en")} votes, ${SIZES.comments.toLocaleString("en")} comments, ${SIZES.users.toLocaleString("en")} users`);
    run.load = await loadBoardData(databaseUrl, log);
    log(`  loaded in ${run.load.seconds.toFixed(1)} s (budget < 120 s)`);
  }

  heading("this machine's speed (the budgets' reference figures, measured here)");
  try {
    run.calibration = await calibrate({ databaseUrl, port: opts.port, connections: opts.connections, log });
  } catch (error) {
    log(`  not measured: ${(error as Error).message}`);
  }

  if (opts.only === undefined || opts.only === "import") {
    heading("CSV import benchmark");
    try {
      run.import = await runImportBenchmark({ databaseUrl, log });
    } catch (error) {
      run.importError = (error as Error).message;
      console.error(`  import benchmark failed: ${run.importError}`);
    }
  }
  if (opts.only === "import") {
    run.totalSeconds = (performance.now() - startedAt) / 1000;
    writeImportSection(run, opts.report);
    heading(`wrote ${path.relative(ROOT, opts.report)} (total ${run.totalSeconds.toFixed(0)} s)`);
    if (run.importError) process.exitCode = 1;
    return;
  }

  heading("building the production app (npx remix build)");
  const build = await buildSnapshot();
  log(`  built in ${build.seconds.toFixed(1)} s; serving from ${build.dir}`);

  try {
    if (opts.only === undefined || opts.only === "merge") {
      heading("merge benchmark");
      try {
        run.merge = await runMergeBenchmark({ databaseUrl, buildDir: build.dir, port: opts.port, log });
      } catch (error) {
        run.mergeError = (error as Error).message;
        console.error(`  merge benchmark failed: ${run.mergeError}`);
      }
    }
    if (opts.only === undefined || opts.only === "dashboard") {
      heading("dashboard benchmark");
      try {
        run.dashboard = await runDashboardBenchmark({ databaseUrl, buildDir: build.dir, port: opts.port, log });
      } catch (error) {
        run.dashboardError = (error as Error).message;
        console.error(`  dashboard benchmark failed: ${run.dashboardError}`);
      }
    }
    if (opts.only === undefined || opts.only === "export") {
      heading("CSV export benchmark");
      try {
        run.export = await runExportBenchmark({ databaseUrl, buildDir: build.dir, port: opts.port, log });
      } catch (error) {
        run.exportError = (error as Error).message;
        console.error(`  export benchmark failed: ${run.exportError}`);
      }
    }
    if (opts.only === undefined || opts.only === "inbox") {
      heading("triage inbox benchmark");
      try {
        run.inbox = await runInboxBenchmark({
          databaseUrl,
          buildDir: build.dir,
          port: opts.port,
          durationSeconds: opts.duration,
          connections: opts.connections,
          anonCacheTtlMs: opts.anonCacheTtlMs,
          log,
        });
      } catch (error) {
        run.inboxError = (error as Error).message;
        console.error(`  inbox benchmark failed: ${run.inboxError}`);
      }
    }
    if (opts.only === undefined || opts.only === "board") {
      heading("board benchmark");
      try {
        run.board = await runBoardBenchmark({
          databaseUrl,
          buildDir: build.dir,
          port: opts.port,
          durationSeconds: opts.duration,
          connections: opts.connections,
          webConcurrency: opts.webConcurrency,
          anonCacheTtlMs: opts.anonCacheTtlMs,
          log,
        });
      } catch (error) {
        run.boardError = (error as Error).message;
        console.error(`  board benchmark failed: ${run.boardError}`);
      }
    }
    if (opts.only === undefined || opts.only === "ship") {
      heading("close-the-loop benchmark");
      try {
        run.ship = await runShipBenchmark({
          databaseUrl,
          buildDir: build.dir,
          port: opts.port,
          durationSeconds: opts.duration,
          connections: opts.connections,
          emailWindowSeconds: opts.emailWindow,
          webConcurrency: opts.webConcurrency,
          anonCacheTtlMs: opts.anonCacheTtlMs,
          log,
        });
        for (const line of run.ship.notRun) log(`  not run: ${line}`);
      } catch (error) {
        run.shipError = (error as Error).message;
        console.error(`  close-the-loop benchmark failed: ${run.shipError}`);
      }
    }
  } finally {
    fs.rmSync(build.dir, { recursive: true, force: true });
  }

  run.totalSeconds = (performance.now() - startedAt) / 1000;
  // A merge-, dashboard-, inbox- or export-only run rewrites only its own section, keeping the figures of the last full run.
  if (opts.only === "merge") writeMergeSection(run, opts.report);
  else if (opts.only === "dashboard") writeDashboardSection(run, opts.report);
  else if (opts.only === "inbox") writeInboxSection(run, opts.report);
  else if (opts.only === "export") writeExportSection(run, opts.report);
  else writeReport(run, opts.report);
  heading(`wrote ${path.relative(ROOT, opts.report)} (total ${run.totalSeconds.toFixed(0)} s)`);
  if (run.boardError || run.shipError || run.mergeError || run.dashboardError || run.inboxError || run.exportError || run.importError) process.exitCode = 1;
}

main().then(() => process.exit(), (error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
