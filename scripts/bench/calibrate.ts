/**
 * How fast this machine is, measured the way the budgets' reference figures were: a bare Node
 * `http` server under the same load generator, and PostgreSQL running a vote (an INSERT plus a
 * counter UPDATE in one transaction) under pgbench. The budgets were set on a machine where those
 * gave about 64,000 req/s and 6,700 TPS; on a slower machine the same code is slower by about the
 * same factor, and the report says so next to every verdict (which stays the one measured here).
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { runLoad } from "./load-test";

/** The budgets' machine: "a bare Node http server answers ~64,000 req/s … a vote insert + counter update at ~6,700 TPS". */
export const REFERENCE = { bareNodeRps: 64_000, voteTps: 6_700 } as const;

export interface Calibration {
  bareNodeRps: number;
  /** null when pgbench is not installed. */
  voteTps: number | null;
  voteNote: string;
}

async function bareNodeRps(port: number, durationSeconds: number, connections: number): Promise<number> {
  const source = `require("node:http").createServer((req, res) => res.end("ok")).listen(${port}, "127.0.0.1", () => console.log("ready"))`;
  const child = spawn(process.execPath, ["-e", source], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.once("data", () => resolve());
      child.once("exit", (code) => reject(new Error(`the bare Node server exited (${code})`)));
    });
    const result = await runLoad({ name: "bare Node http", origin: `http://127.0.0.1:${port}`, path: "/", durationSeconds, connections, warmupSeconds: 2 });
    return result.requestsPerSecond;
  } finally {
    child.kill("SIGTERM");
  }
}

function findPgbench(): string | null {
  const candidates = ["pgbench", ...fs.readdirSync("/usr/lib/postgresql", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `/usr/lib/postgresql/${d.name}/bin/pgbench`)];
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ["--version"], { stdio: "ignore" });
      return candidate;
    } catch {
      /* not this one */
    }
  }
  return null;
}

/** pgbench on two plain tables of the bench database (created here, dropped after). */
async function voteTps(databaseUrl: string, durationSeconds: number): Promise<{ tps: number | null; note: string }> {
  let pgbench: string | null = null;
  try {
    pgbench = findPgbench();
  } catch {
    pgbench = null;
  }
  if (!pgbench) return { tps: null, note: "pgbench is not installed (Debian: postgresql-contrib / postgresql-client)" };
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "loopboard-calibrate-")), "vote.sql");
  try {
    await sql.unsafe(`DROP TABLE IF EXISTS calibrate_votes, calibrate_ideas`);
    await sql.unsafe(`CREATE TABLE calibrate_ideas (id int PRIMARY KEY, vote_count int NOT NULL DEFAULT 0)`);
    await sql.unsafe(`CREATE TABLE calibrate_votes (user_id int NOT NULL, idea_id int NOT NULL, PRIMARY KEY (user_id, idea_id))`);
    await sql.unsafe(`INSERT INTO calibrate_ideas (id) SELECT generate_series(1, 100000)`);
    await sql.unsafe(`VACUUM ANALYZE calibrate_ideas`);
    fs.writeFileSync(
      script,
      [
        "\\set u random(1, 20000)",
        "\\set n random(1, 100000)",
        "BEGIN;",
        "INSERT INTO calibrate_votes (user_id, idea_id) VALUES (:u, :n) ON CONFLICT DO NOTHING;",
        "UPDATE calibrate_ideas SET vote_count = vote_count + 1 WHERE id = :n;",
        "COMMIT;",
        "",
      ].join("\n"),
    );
    const url = new URL(databaseUrl);
    const output = execFileSync(
      pgbench,
      ["-n", "-M", "prepared", "-c", "8", "-j", "2", "-T", String(durationSeconds), "-f", script, "-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username || "postgres"), decodeURIComponent(url.pathname.slice(1))],
      { encoding: "utf8", env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
    return { tps: Number.isFinite(tps) ? tps : null, note: "pgbench, 8 clients, INSERT … ON CONFLICT DO NOTHING + UPDATE of a counter, one transaction" };
  } finally {
    await sql.unsafe(`DROP TABLE IF EXISTS calibrate_votes, calibrate_ideas`).catch(() => {});
    await sql.end({ timeout: 5 });
    fs.rmSync(path.dirname(script), { recursive: true, force: true });
  }
}

export async function calibrate(options: { databaseUrl: string; port: number; connections: number; log: (line: string) => void }): Promise<Calibration> {
  const rps = await bareNodeRps(options.port, 5, options.connections);
  options.log(`  bare Node http server: ${Math.round(rps).toLocaleString("en")} req/s (budgets' machine: ~${REFERENCE.bareNodeRps.toLocaleString("en")})`);
  const vote = await voteTps(options.databaseUrl, 10);
  options.log(
    vote.tps === null
      ? `  vote statement under pgbench: not measured (${vote.note})`
      : `  vote insert + counter update under pgbench: ${Math.round(vote.tps).toLocaleString("en")} TPS (budgets' machine: ~${REFERENCE.voteTps.toLocaleString("en")})`,
  );
  return { bareNodeRps: rps, voteTps: vote.tps, voteNote: vote.note };
}

/**
 * This machine's speed as a fraction of the budgets' machine: the higher of the two ratios
 * measured, so a figure scaled by it is the smaller (conservative) estimate.
 */
export function speedRatio(c: Calibration): number {
  const ratios = [c.bareNodeRps / REFERENCE.bareNodeRps];
  if (c.voteTps !== null) ratios.push(c.voteTps / REFERENCE.voteTps);
  return Math.max(...ratios);
}
