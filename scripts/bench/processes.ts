/**
 * The processes a benchmark runs: the production build (copied to a snapshot directory, so a
 * rebuild in the working tree cannot change the files under a running server), the web server
 * and the worker. Children are stopped by their own PID; anything still running when the
 * benchmark exits is killed the same way.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type postgres from "postgres";

const run = promisify(execFile);
export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export interface Child {
  name: string;
  pid: number;
  /** The last lines the process wrote (stdout and stderr), for diagnostics. */
  logs: string[];
  /** Lines written to stderr (a healthy run writes none). */
  errorLines: string[];
  exited: Promise<number | null>;
  running(): boolean;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
process.once("exit", () => {
  for (const child of live) if (child.pid && child.exitCode === null) child.kill("SIGKILL");
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function spawnChild(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Child {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  if (!child.pid) throw new Error(`could not start ${name}`);
  live.add(child);
  const logs: string[] = [];
  const errorLines: string[] = [];
  const collect = (into: string[][]) => (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      for (const list of into) {
        list.push(line);
        if (list.length > 200) list.shift();
      }
    }
  };
  child.stdout!.on("data", collect([logs]));
  child.stderr!.on("data", collect([logs, errorLines]));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      live.delete(child);
      resolve(code);
    }),
  );
  const pid = child.pid;
  return {
    name,
    pid,
    logs,
    errorLines,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(pid, "SIGTERM");
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 20_000).unref());
      if ((await Promise.race([exited, timeout])) === "timeout") {
        process.kill(pid, "SIGKILL");
        await exited;
      }
    },
  };
}

/**
 * `npx remix build`, then a snapshot of what the server needs (server.ts, build/, public/,
 * package.json, node_modules linked) in a temporary directory.
 */
export async function buildSnapshot(root: string = ROOT): Promise<{ dir: string; seconds: number }> {
  const started = performance.now();
  await run("npx", ["remix", "build"], { cwd: root, env: { ...process.env, NODE_ENV: "production" }, maxBuffer: 16 * 1024 * 1024 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loopboard-bench-build-"));
  tempDirs.add(dir);
  for (const entry of ["server.ts", "package.json", "build", "public"]) {
    fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  // The build's asset manifest must match the files copied with it (a concurrent rebuild would not).
  const manifest = fs.readdirSync(path.join(dir, "public/build")).find((f) => /^manifest-.*\.js$/.test(f));
  const serverBuild = fs.readFileSync(path.join(dir, "build/index.js"), "utf8");
  if (!manifest || !serverBuild.includes(manifest)) throw new Error("the build changed while it was being copied; run the benchmark again");
  return { dir, seconds: (performance.now() - started) / 1000 };
}

export interface AppEnv {
  databaseUrl: string;
  port: number;
  dataDir: string;
  smtpUrl?: string;
  workerInApp: boolean;
  /** WEB_CONCURRENCY for the web server (default 1: a single process). */
  webConcurrency?: number;
  /** ANON_CACHE_TTL_MS for the web server (unset: the server's default; 0: every request renders). */
  anonCacheTtlMs?: number;
  /** Extra options for node itself, before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** More variables for the app, set last (e.g. DATABASE_POOL_SIZE, to compare two settings). */
  extraEnv?: Record<string, string>;
}

export function appEnvironment(options: AppEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    PORT: String(options.port),
    HOST: "127.0.0.1",
    APP_URL: `http://127.0.0.1:${options.port}`,
    APP_SECRET: "loopboard-bench-secret-not-for-production",
    DATA_DIR: options.dataDir,
    RATE_LIMIT_DISABLED: "true",
    WORKER_IN_APP: options.workerInApp ? "true" : "false",
    MIGRATIONS_DIR: path.join(ROOT, "db/migrations"),
  };
  if (options.smtpUrl) env.SMTP_URL = options.smtpUrl;
  if (options.webConcurrency && options.webConcurrency > 1) env.WEB_CONCURRENCY = String(options.webConcurrency);
  if (options.anonCacheTtlMs !== undefined) env.ANON_CACHE_TTL_MS = String(options.anonCacheTtlMs);
  return { ...env, ...options.extraEnv };
}

export async function waitForHealth(origin: string, timeoutMs = 60_000, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && !child.running()) throw new Error(`${child.name} exited during start-up:\n${child.logs.slice(-30).join("\n")}`);
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${origin}/healthz did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `node --import tsx server.ts` from the build snapshot, answering on 127.0.0.1:port once /healthz is ok. */
export async function startServer(buildDir: string, options: AppEnv): Promise<Child> {
  const args = [...(options.nodeArgs ?? []), "--import", "tsx", "server.ts"];
  const child = spawnChild("server", process.execPath, args, { cwd: buildDir, env: appEnvironment(options) });
  try {
    await waitForHealth(`http://127.0.0.1:${options.port}`, 60_000, child);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return child;
}

/** What `npm run worker` runs, started directly so the PID is the worker's own (for its memory). */
export async function startWorker(options: AppEnv): Promise<Child> {
  const child = spawnChild("worker", process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: appEnvironment({ ...options, workerInApp: false }),
  });
  const deadline = Date.now() + 60_000;
  while (!child.logs.some((line) => line.includes("[worker] started"))) {
    if (!child.running()) throw new Error(`worker exited during start-up:\n${child.logs.slice(-30).join("\n")}`);
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`worker did not start within 60 s:\n${child.logs.slice(-30).join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

/** Resident memory of a process from /proc: now and its peak (VmHWM), in MB. */
export function readMemory(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

let ticksPerSecond: number | undefined;

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; null once it is gone. */
export function processCpuMs(pid: number): number | null {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** A process and its children (the web processes a WEB_CONCURRENCY primary forks), from /proc. */
export function processAndChildren(pid: number): number[] {
  const pids = [pid];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    }
  } catch {
    /* gone, or not Linux */
  }
  return pids;
}

/** The summed CPU time of a set of processes that may come and go (e.g. PostgreSQL backends). */
export async function cpuOfProcesses(pids: () => Promise<number[]>): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  for (const pid of await pids()) {
    const ms = processCpuMs(pid);
    if (ms !== null) map.set(pid, ms);
  }
  return map;
}

/** CPU used between two snapshots: processes that appeared in between count from zero. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

export function tempDataDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `loopboard-bench-${label}-`));
  tempDirs.add(dir);
  return dir;
}

/**
 * CPU meters for a load test: the server (with WEB_CONCURRENCY, the primary and every web
 * process it forked), and the PostgreSQL backends serving the bench database.
 */
export function serverAndDatabaseCpu(server: Child, sql: postgres.Sql) {
  return {
    server: () => cpuOfProcesses(async () => processAndChildren(server.pid)),
    postgres: () =>
      cpuOfProcesses(async () =>
        (await sql<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`).map((r) => r.pid),
      ),
  };
}
