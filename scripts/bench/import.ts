/**
 * The import benchmark: `npm run admin -- import` of one CSV file with 100,000 ideas and
 * 1,000,000 votes (from 50,000 voters, none of them with an account yet) into an empty database,
 * as an admin moving from another board would run it. Measured: the wall time of the command, its
 * peak resident memory (VmHWM, read from /proc while it runs), and afterwards that the counts in
 * the database equal the file's. Budget: under 3 minutes, under 512 MB.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import postgres from "postgres";
import { openDatabase, migrateDatabase } from "../../app/lib/db.server";
import { recreateDatabase } from "./load-data";
import { readMemory, ROOT } from "./processes";

export const IMPORT_SIZES = { ideas: 100_000, votesPerIdea: 10, voters: 50_000 } as const;
export const IMPORT_BUDGET_SECONDS = 180;
export const IMPORT_BUDGET_MB = 512;
const ADMIN_EMAIL = "admin@import.bench.test";
const BOARDS = ["Feature requests", "Integrations", "Mobile app", "Reports", "Billing"];
const STATUSES = ["open", "open", "open", "under review", "planned", "in progress", "complete", "closed"];
const DAY = 86_400_000;
const START = Date.parse("2025-01-01T00:00:00Z");

export interface ImportResults {
  fileMb: number;
  rows: number;
  seconds: number;
  peakMb: number;
  exitCode: number | null;
  counts: { ideas: number; votes: number; contacts: number; importedRecords: number };
  /** Ideas whose vote_count differs from their votes (must be 0). */
  countDrift: number;
  output: string[];
}

const voterEmail = (j: number) => `voter${j}@import.bench.test`;
/** The k-th voter of idea i: ten different people per idea, spread over everyone. */
const voterOf = (i: number, k: number) => (i * 7919 + k * 4729) % IMPORT_SIZES.voters;

/** Writes the benchmark's CSV (ideas first, then their votes) to `file`; its size in MB and its row count. */
export async function writeImportFile(file: string): Promise<{ mb: number; rows: number }> {
  const out = fs.createWriteStream(file);
  const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve())));
  await write("type,id,idea,title,body,board,status,email,name,created_at\n");
  let rows = 0;
  for (let i = 0; i < IMPORT_SIZES.ideas; i++) {
    const at = new Date(START + (i % 600) * DAY + i * 1000).toISOString();
    const author = voterOf(i, 0);
    await write(
      `idea,post-${i},,"Idea ${i}: let us ${["export", "filter", "share", "schedule", "archive"][i % 5]} ${["reports", "boards", "votes", "comments", "invoices"][(i >> 3) % 5]}",` +
        `"We asked for this on a call, ""${i}"" times.\nIt would save us an hour a week.",${BOARDS[i % BOARDS.length]},${STATUSES[i % STATUSES.length]},${voterEmail(author)},Voter ${author},${at}\n`,
    );
    rows++;
  }
  for (let i = 0; i < IMPORT_SIZES.ideas; i++) {
    for (let k = 0; k < IMPORT_SIZES.votesPerIdea; k++) {
      const at = new Date(START + (i % 600) * DAY + (k + 1) * 3_600_000).toISOString();
      await write(`vote,,post-${i},,,,,${voterEmail(voterOf(i, k))},,${at}\n`);
      rows++;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { mb: fs.statSync(file).size / 1e6, rows };
}

/** Runs a command, sampling its resident memory every 100 ms; its exit code, peak MB and output. */
async function runMeasured(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; peakMb: number; output: string[] }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString("utf8").split("\n").filter((l) => l.trim()));
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  let peakMb = 0;
  const timer = setInterval(() => (peakMb = Math.max(peakMb, readMemory(child.pid!)?.peakMb ?? 0)), 100);
  // Bounded: a run that takes four times the budget is stopped.
  const limit = setTimeout(() => child.kill("SIGKILL"), IMPORT_BUDGET_SECONDS * 4 * 1000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(timer);
  clearTimeout(limit);
  return { code, peakMb, output };
}

export async function runImportBenchmark(options: { databaseUrl: string; log: (line: string) => void }): Promise<ImportResults> {
  const { log } = options;
  const url = new URL(options.databaseUrl);
  url.pathname = `${url.pathname.replace(/^\//, "")}_import`;
  const databaseUrl = url.toString();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loopboard-import-bench-"));
  try {
    await recreateDatabase(databaseUrl);
    const handle = openDatabase(databaseUrl);
    try {
      await migrateDatabase(handle);
    } finally {
      await handle.close();
    }
    const file = path.join(dir, "ideas-and-votes.csv");
    const written = await writeImportFile(file);
    log(`     ${written.rows.toLocaleString("en")} rows, ${written.mb.toFixed(1)} MB`);
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" };
    const admin = await runMeasured(["--import", "tsx", "scripts/admin.ts", "user:create", "--email", ADMIN_EMAIL, "--name", "Bench admin", "--role", "admin"], env);
    if (admin.code !== 0) throw new Error(`user:create failed: ${admin.output.slice(-5).join(" / ")}`);
    const started = performance.now();
    const run = await runMeasured(["--import", "tsx", "scripts/admin.ts", "import", "--file", file, "--format", "csv", "--as", ADMIN_EMAIL], env);
    const seconds = (performance.now() - started) / 1000;
    for (const line of run.output.slice(-4)) log(`     ${line}`);
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [c] = await sql<{ ideas: number; votes: number; contacts: number; imported: number; drift: number }[]>`
        SELECT (SELECT count(*)::int FROM ideas) AS ideas, (SELECT count(*)::int FROM votes) AS votes,
               (SELECT count(*)::int FROM users WHERE is_contact) AS contacts, (SELECT count(*)::int FROM imported_records) AS imported,
               (SELECT count(*)::int FROM ideas i WHERE i.vote_count <> (SELECT count(*) FROM votes v WHERE v.idea_id = i.id)) AS drift`;
      log(`     ${seconds.toFixed(1)} s, peak ${run.peakMb.toFixed(0)} MB resident; ${c.ideas.toLocaleString("en")} ideas, ${c.votes.toLocaleString("en")} votes`);
      return {
        fileMb: written.mb, rows: written.rows, seconds, peakMb: run.peakMb, exitCode: run.code,
        counts: { ideas: c.ideas, votes: c.votes, contacts: c.contacts, importedRecords: c.imported }, countDrift: c.drift, output: run.output.slice(-20),
      };
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await dropDatabase(databaseUrl);
  }
}

/** The benchmark's own database is dropped afterwards: a million votes need not stay on disk. */
async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** The import benchmark's section of docs/BENCHMARKS.md. */
export function importSectionLines(heading: string, sameRun: string, results: ImportResults | undefined, error: string | undefined): string[] {
  const out = [`${heading} (budget: < ${IMPORT_BUDGET_SECONDS / 60} minutes, < ${IMPORT_BUDGET_MB} MB resident)`, ""];
  if (!results) return [...out, error ? `Failed: ${error}` : "Not run in this invocation.", ""];
  const r = results;
  const n = (v: number) => v.toLocaleString("en");
  const ok = r.exitCode === 0 && r.seconds < IMPORT_BUDGET_SECONDS && r.peakMb < IMPORT_BUDGET_MB && r.countDrift === 0;
  out.push(
    sameRun,
    "",
    `\`npm run admin -- import --file F --format csv\` of one file of ${n(IMPORT_SIZES.ideas)} ideas and ${n(IMPORT_SIZES.ideas * IMPORT_SIZES.votesPerIdea)} votes ` +
      `from ${n(IMPORT_SIZES.voters)} voters without accounts (${n(r.rows)} rows, ${r.fileMb.toFixed(1)} MB), into an empty PostgreSQL database. ` +
      "The time is the command's, from start to exit (both readings of the file included); memory is its peak resident set (VmHWM).",
    "",
    "| exit | time | peak resident memory | ideas | votes (each idea's author's included) | contacts made | ideas whose count ≠ their votes |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    `| ${r.exitCode} | ${r.seconds.toFixed(1)} s | ${r.peakMb.toFixed(0)} MB | ${n(r.counts.ideas)} | ${n(r.counts.votes)} | ${n(r.counts.contacts)} | ${n(r.countDrift)} |`,
    "",
    `Budget < ${IMPORT_BUDGET_SECONDS} s and < ${IMPORT_BUDGET_MB} MB: **${ok ? "PASS" : "FAIL"}**.`,
    "",
  );
  if (r.exitCode !== 0) out.push("The command's last lines:", "", "```", ...r.output, "```", "");
  return out;
}
