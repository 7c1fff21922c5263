/**
 * `npm run bench:profile`: where the server's CPU goes under load. Builds the app, starts the
 * production server with V8's CPU profiler (`node --cpu-prof`) on the database `npm run bench`
 * loaded, sends one page for a while, stops the server (which writes the profile), and prints
 * the functions with the most self time — per request — and the same time grouped by package.
 *
 *   npm run bench:profile -- [--path "/?sort=top"] [--signed-in | --staff] [--duration 10] [--connections 8]
 *                            [--port 3300] [--anon-cache-ttl 0] [--top 30] [--out FILE.cpuprofile]
 *
 * BENCH_DATABASE_URL as for `npm run bench` (the data must be loaded already). The profile file
 * can be opened in Chrome DevTools (Performance → Load profile) with --out.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { pageLoadOptions, wholeNumber } from "./args";
import { openLoadedBenchDatabase } from "./loaded-database";
import { serverAndDatabaseCpu } from "./board";
import { STAFF_ID } from "./load-data";
import { runLoad } from "./load-test";
import { buildSnapshot, ROOT, startServer, tempDataDir, type Child } from "./processes";
import { perConnectionVisitor, signInUsers, signInVisitors, signOutVisitors, type SignedInVisitor } from "./sessions";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  where: string;
  group: string;
  ms: number;
}

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      ...pageLoadOptions(3300),
      duration: { type: "string", default: "10" },
      top: { type: "string", default: "30" },
      out: { type: "string" },
    },
  });
  if (!values.path.startsWith("/")) throw new Error("--path must start with /");
  return {
    path: values.path,
    signedIn: values["signed-in"],
    staff: values.staff,
    duration: wholeNumber("duration", values.duration, 1, 60),
    connections: wholeNumber("connections", values.connections, 1, 256),
    port: wholeNumber("port", values.port, 1, 65535),
    anonCacheTtlMs: wholeNumber("anon-cache-ttl", values["anon-cache-ttl"], 0, 60_000),
    top: wholeNumber("top", values.top, 1, 500),
    out: values.out ? path.resolve(values.out) : undefined,
  };
}

/** Where a function lives, shortened: node_modules/<package>/…, app/…, node:…, or V8's own entries. */
function locate(url: string): { where: string; group: string } {
  if (!url) return { where: "", group: "(V8 / native)" };
  const clean = url.replace(/^file:\/\//, "");
  const modules = clean.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const rest = clean.slice(modules + "/node_modules/".length);
    const parts = rest.split("/");
    const pkg = parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
    return { where: rest, group: pkg };
  }
  if (clean.startsWith("node:")) return { where: clean, group: "node (built-in modules)" };
  const build = clean.indexOf("/build/");
  if (build >= 0) return { where: clean.slice(build + 1), group: "app (server build)" };
  return { where: path.basename(clean), group: "other" };
}

/**
 * Self time per function (summed over every place it was sampled), from a .cpuprofile, counting
 * only samples taken between `from` and `to` (µs on the monotonic clock the profile uses).
 */
export function selfTimes(profile: CpuProfile, from = -Infinity, to = Infinity): SelfTime[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const msByNode = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= from && at <= to) msByNode.set(id, (msByNode.get(id) ?? 0) + delta / 1000);
  });
  const totals = new Map<string, SelfTime>();
  for (const [id, ms] of msByNode) {
    const frame = byNode.get(id)!.callFrame;
    const { where, group } = locate(frame.url);
    const name = frame.functionName || "(anonymous)";
    const at = where ? `${where}:${frame.lineNumber + 1}` : "";
    const key = `${name} ${at}`;
    const entry = totals.get(key) ?? { name, where: at, group: name.startsWith("(") && !at ? name : group, ms: 0 };
    entry.ms += ms;
    totals.set(key, entry);
  }
  return [...totals.values()].sort((a, b) => b.ms - a.ms);
}

async function main() {
  const opts = options();
  const { databaseUrl, sql } = await openLoadedBenchDatabase();
  const profileDir = tempDataDir("profile");
  const dataDir = tempDataDir("profile-data");
  let server: Child | undefined;
  let visitors: SignedInVisitor[] = [];
  let staff: { cookie: string; sessionHash: string } | undefined;
  let build: { dir: string } | undefined;
  try {
    console.log("building the production app (npx remix build)…");
    build = await buildSnapshot();
    server = await startServer(build.dir, {
      databaseUrl,
      port: opts.port,
      dataDir,
      workerInApp: true,
      anonCacheTtlMs: opts.anonCacheTtlMs,
      nodeArgs: ["--cpu-prof", "--cpu-prof-dir", profileDir],
    });
    const origin = `http://127.0.0.1:${opts.port}`;
    const used = new Set<number>();
    if (opts.signedIn) visitors = await signInVisitors(sql, opts.connections);
    staff = opts.staff ? (await signInUsers(sql, [STAFF_ID]))[0] : undefined;
    const load = {
      name: "profile",
      origin,
      durationSeconds: opts.duration,
      connections: opts.connections,
      warmupSeconds: 3,
      cpuMeters: { server: serverAndDatabaseCpu(server, sql).server },
      ...(opts.signedIn ? { requests: [perConnectionVisitor(opts.path, visitors, used)] } : { path: opts.path }),
      ...(staff ? { headers: { cookie: staff.cookie } } : {}),
    };
    console.log(`GET ${opts.path}${opts.signedIn ? ` signed in (a session per connection)` : ""}, ${opts.duration} s, ${opts.connections} connections, ANON_CACHE_TTL_MS=${opts.anonCacheTtlMs}`);
    // V8 stamps samples with the monotonic clock process.hrtime reads: the measured run's window.
    let from = 0;
    const result = await runLoad({ ...load, onMeasureStart: () => (from = Number(process.hrtime.bigint() / 1000n)) });
    const to = Number(process.hrtime.bigint() / 1000n);
    if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors: ${JSON.stringify(result.statusCodes)}`);
    await server.stop();
    const file = fs.readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error("the server wrote no CPU profile");
    const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), "utf8")) as CpuProfile;
    if (opts.out) fs.copyFileSync(path.join(profileDir, file), opts.out);

    const requests = result.requests;
    let times = selfTimes(profile, from, to);
    let window = "the measured run";
    if (times.length === 0) {
      times = selfTimes(profile);
      window = "the whole life of the server (its clock did not match this one), start-up and warm-up included";
    }
    const busy = times.filter((t) => t.name !== "(idle)").reduce((sum, t) => sum + t.ms, 0);
    console.log(
      `\n${requests.toLocaleString("en")} requests measured, ${result.requestsPerSecond.toFixed(0)} req/s, server CPU ${result.cpuMsPerRequest.server.toFixed(2)} ms/request` +
        ` (process CPU, not sampled)${opts.signedIn ? `; ${used.size} visitors` : ""}`,
    );
    console.log(`sampled: ${(busy / 1000).toFixed(1)} s busy during ${window}, ${((busy / requests) * 1000).toFixed(0)} µs per request\n`);
    const pct = (ms: number) => `${((ms / busy) * 100).toFixed(1).padStart(5)} %`;
    const perRequest = (ms: number) => `${((ms / requests) * 1000).toFixed(0).padStart(5)} µs/req`;
    console.log("self time by package");
    const groups = new Map<string, number>();
    for (const t of times) if (t.name !== "(idle)") groups.set(t.group, (groups.get(t.group) ?? 0) + t.ms);
    for (const [group, ms] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(ms)}  ${perRequest(ms)}  ${group}`);
    console.log(`\ntop ${opts.top} functions by self time`);
    for (const t of times.filter((t) => t.name !== "(idle)").slice(0, opts.top)) {
      console.log(`  ${pct(t.ms)}  ${perRequest(t.ms)}  ${t.name}  ${t.where}`);
    }
    if (opts.out) console.log(`\nprofile saved to ${path.relative(ROOT, opts.out)}`);
  } finally {
    await server?.stop();
    await signOutVisitors(sql, visitors).catch(() => {});
    if (staff) await sql`DELETE FROM sessions WHERE id = ${staff.sessionHash}`.catch(() => {});
    await sql.end({ timeout: 5 });
    if (build) fs.rmSync(build.dir, { recursive: true, force: true });
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

main().then(
  () => process.exit(),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
