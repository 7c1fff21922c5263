/**
 * `npm run bench:compare`: is a change worth its keep? Two servers side by side on the database
 * `npm run bench` loaded — "before" (a git ref's build, or this tree's with other settings) and
 * "after" (this tree) — and load that alternates between them in short slices, so both see the
 * same background load. Per slice it reads each server's process CPU per request; the answer is
 * the median of the per-pair ratios after ÷ before (docs/decisions/0013-rendering-cost.md). Two
 * identical sides show the method's own noise: run it once with nothing changed.
 *
 *   npm run bench:compare -- [--path "/?sort=top"] [--signed-in | --staff] [--before REF]
 *                            [--before-env K=V] [--after-env K=V] [--pairs 12] [--slice 2]
 *                            [--connections 8] [--port 3320] [--anon-cache-ttl 0]
 *
 * --before builds REF in a temporary git worktree (with this tree's node_modules: a ref whose
 * dependencies differ is not comparable this way). BENCH_DATABASE_URL as for `npm run bench`.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { median, pageLoadOptions, wholeNumber } from "./args";
import { openLoadedBenchDatabase } from "./loaded-database";
import { STAFF_ID } from "./load-data";
import { runLoad } from "./load-test";
import { buildSnapshot, ROOT, serverAndDatabaseCpu, startServer, tempDataDir, type Child } from "./processes";
import { perConnectionVisitor, signInUsers, signInVisitors, signOutVisitors, type SignedInVisitor } from "./sessions";

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      ...pageLoadOptions(3320),
      before: { type: "string" },
      "before-env": { type: "string", multiple: true, default: [] },
      "after-env": { type: "string", multiple: true, default: [] },
      pairs: { type: "string", default: "12" },
      slice: { type: "string", default: "2" },
    },
  });
  const variables = (name: string, list: string[]) =>
    Object.fromEntries(
      list.map((pair) => {
        const at = pair.indexOf("=");
        if (at < 1) throw new Error(`--${name} takes NAME=value, not ${pair}`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
    );
  if (!values.path.startsWith("/")) throw new Error("--path must start with /");
  return {
    path: values.path,
    signedIn: values["signed-in"],
    staff: values.staff,
    before: values.before,
    beforeEnv: variables("before-env", values["before-env"]),
    afterEnv: variables("after-env", values["after-env"]),
    pairs: wholeNumber("pairs", values.pairs, 2, 60),
    slice: wholeNumber("slice", values.slice, 1, 10),
    connections: wholeNumber("connections", values.connections, 1, 64),
    port: wholeNumber("port", values.port, 1024, 65000),
    anonCacheTtlMs: wholeNumber("anon-cache-ttl", values["anon-cache-ttl"], 0, 60_000),
  };
}

/** A build of `ref` from a temporary worktree (removed again); this tree's node_modules. */
async function buildRef(ref: string): Promise<{ dir: string }> {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), "loopboard-compare-"));
  execFileSync("git", ["worktree", "add", "--detach", tree, ref], { cwd: ROOT, stdio: "ignore" });
  try {
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(tree, "node_modules"), "dir");
    return await buildSnapshot(tree);
  } finally {
    execFileSync("git", ["worktree", "remove", "--force", tree], { cwd: ROOT, stdio: "ignore" });
  }
}

async function main() {
  const opts = options();
  const { databaseUrl, sql } = await openLoadedBenchDatabase();
  const servers: Child[] = [];
  const builds: string[] = [];
  let visitors: SignedInVisitor[] = [];
  let staff: { cookie: string; sessionHash: string } | undefined;
  try {
    console.log(`building "after" (this tree)${opts.before ? ` and "before" (${opts.before})` : ""}…`);
    const after = await buildSnapshot();
    builds.push(after.dir);
    const before = opts.before ? await buildRef(opts.before) : after;
    if (before !== after) builds.push(before.dir);
    const sides = [
      { name: "before", build: before.dir, extraEnv: opts.beforeEnv, port: opts.port },
      { name: "after", build: after.dir, extraEnv: opts.afterEnv, port: opts.port + 1 },
    ];
    for (const side of sides) {
      servers.push(
        await startServer(side.build, { databaseUrl, port: side.port, dataDir: tempDataDir(`compare-${side.name}`), workerInApp: false, anonCacheTtlMs: opts.anonCacheTtlMs, extraEnv: side.extraEnv }),
      );
    }
    if (opts.signedIn) visitors = await signInVisitors(sql, opts.connections);
    if (opts.staff) staff = (await signInUsers(sql, [STAFF_ID]))[0];
    const slice = async (i: number, warmup = 0) => {
      const result = await runLoad({
        name: sides[i].name,
        origin: `http://127.0.0.1:${sides[i].port}`,
        durationSeconds: opts.slice,
        warmupSeconds: warmup,
        connections: opts.connections,
        cpuMeters: serverAndDatabaseCpu(servers[i], sql),
        ...(opts.signedIn ? { requests: [perConnectionVisitor(opts.path, visitors, new Set())] } : { path: opts.path }),
        ...(staff ? { headers: { cookie: staff.cookie } } : {}),
      });
      if (result.non2xx || result.errors) throw new Error(`${sides[i].name}: ${result.non2xx} non-2xx answers and ${result.errors} errors: ${JSON.stringify(result.statusCodes)}`);
      return result;
    };
    for (const i of [0, 1]) await slice(i, 3);
    console.log(`GET ${opts.path}${opts.signedIn ? " signed in (a session per connection)" : opts.staff ? " as the bench staff member" : ""}: ${opts.pairs} pairs of ${opts.slice} s slices, ${opts.connections} connections`);
    const server: number[][] = [[], []];
    const database: number[][] = [[], []];
    const ratios: number[] = [];
    for (let pair = 0; pair < opts.pairs; pair++) {
      // Alternate which side goes first, so neither always follows the other's leftovers.
      const order = pair % 2 ? [1, 0] : [0, 1];
      const cpu: number[] = [];
      for (const i of order) {
        const r = await slice(i);
        cpu[i] = r.cpuMsPerRequest.server;
        server[i].push(r.cpuMsPerRequest.server);
        database[i].push(r.cpuMsPerRequest.postgres);
      }
      ratios.push(cpu[1] / cpu[0]);
      console.log(`  pair ${String(pair + 1).padStart(2)}: before ${cpu[0].toFixed(2)} ms, after ${cpu[1].toFixed(2)} ms, after ÷ before ${(cpu[1] / cpu[0]).toFixed(3)}`);
    }
    console.log(
      `\nserver CPU / req, medians: before ${median(server[0]).toFixed(2)} ms, after ${median(server[1]).toFixed(2)} ms;` +
        ` median of the ratios after ÷ before ${median(ratios).toFixed(3)} (from ${Math.min(...ratios).toFixed(3)} to ${Math.max(...ratios).toFixed(3)})`,
    );
    console.log(`PostgreSQL CPU / req, medians: before ${median(database[0]).toFixed(2)} ms, after ${median(database[1]).toFixed(2)} ms`);
  } finally {
    for (const server of servers) await server.stop();
    await signOutVisitors(sql, visitors).catch(() => {});
    if (staff) await sql`DELETE FROM sessions WHERE id = ${staff.sessionHash}`.catch(() => {});
    await sql.end({ timeout: 5 });
    for (const dir of builds) fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
