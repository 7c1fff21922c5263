/**
 * Closing the loop at scale, against real PostgreSQL and a local SMTP sink:
 *  1. an idea with N voters (default 100,000) gets a status change: how long the model call takes
 *     (the request does no per-follower work, so this must not grow with N);
 *  2. the fan-out: time until all N in-app notifications exist;
 *  3. the emails: messages per second accepted by a local SMTP server (a child process that
 *     counts messages without parsing them).
 * The jobs run in this process, as they do in the web process by default.
 *
 *   node --import tsx scripts/bench/notifications.ts [--voters 100000] [--admin-url postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Creates its own database (loopboard_bench_notify_<pid>) and drops it at the end.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import postgres from "postgres";
import { sql } from "drizzle-orm";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const voters = Number(arg("voters", "100000"));
const adminUrl = arg("admin-url", process.env.BENCH_ADMIN_URL || "postgres://postgres@127.0.0.1:5432/postgres");
const dbName = `loopboard_bench_notify_${process.pid}`;
const smtpPort = 20000 + (process.pid % 20000);

const sinkSource = `
import { SMTPServer } from "smtp-server";
let count = 0;
const server = new SMTPServer({ disabledCommands: ["STARTTLS", "AUTH"], authOptional: true, logger: false,
  onData(stream, session, cb) { stream.on("data", () => {}); stream.on("end", () => { count++; cb(); }); } });
server.listen(${smtpPort}, "127.0.0.1", () => process.stdout.write("ready\\n"));
process.stdin.on("data", () => process.stdout.write("count " + count + "\\n"));
process.stdin.on("end", () => process.exit(0));
`;

async function main() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "loopboard-bench-"));
  process.env.APP_SECRET = "bench-secret";
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;

  const sinkFile = path.join(process.cwd(), "scripts/bench/.smtp-counter.mjs");
  fs.writeFileSync(sinkFile, sinkSource);
  const sink = spawn(process.execPath, [sinkFile], { stdio: ["pipe", "pipe", "inherit"] });
  const lines: string[] = [];
  let wake: (() => void) | null = null;
  sink.stdout.setEncoding("utf8").on("data", (d: string) => {
    lines.push(...d.trim().split("\n"));
    wake?.();
  });
  const nextLine = () =>
    new Promise<string>((resolve) => {
      const check = () => (lines.length ? resolve(lines.shift()!) : (wake = check));
      check();
    });
  await nextLine(); // ready
  const sinkCount = async () => {
    sink.stdin.write("?\n");
    return Number((await nextLine()).split(" ")[1]);
  };

  const { database, migrateDatabase, queryRows, db } = await import("../../app/lib/db.server");
  const { boot, shutdown } = await import("../../app/lib/boot.server");
  const { setIdeaStatus } = await import("../../app/models/statuses.server");
  const { createUser } = await import("../../app/models/users.server");
  const { insertIdea } = await import("../../app/models/ideas.server");
  const { ensureDefaultBoard } = await import("../../app/models/boards.server");
  try {
    await migrateDatabase(database());
    await ensureDefaultBoard();
    const [board] = await queryRows<{ id: number }>(db, sql`SELECT id FROM boards ORDER BY id LIMIT 1`);
    const staff = await createUser({ email: "staff@bench.test", name: "Staff", role: "staff" });
    const author = await createUser({ email: "author@bench.test", name: "Author" });
    const idea = await insertIdea(db, { authorId: author.id, boardId: board.id, title: "A popular idea", body: "Everyone wants it." });
    const { number } = idea;
    let t = performance.now();
    await db.execute(sql`INSERT INTO users (email, name) SELECT 'v' || g || '@bench.test', 'Voter ' || g FROM generate_series(1, ${voters}::int) g`);
    await db.execute(sql`INSERT INTO votes (user_id, idea_id) SELECT id, ${idea.id}::int FROM users WHERE email LIKE 'v%@bench.test'`);
    await db.execute(sql`UPDATE ideas SET vote_count = (SELECT count(*) FROM votes WHERE idea_id = ${idea.id}::int) WHERE id = ${idea.id}::int`);
    await db.execute(sql`ANALYZE`);
    console.log(`seeded ${voters} voters in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    await boot({ workers: false }); // queues ready; workers started below, after the timed request
    const latencies: number[] = [];
    // Warm-up change without notifying, then the real one.
    t = performance.now();
    await setIdeaStatus({ actor: staff, number, status: "planned", notify: false });
    latencies.push(performance.now() - t);
    t = performance.now();
    await setIdeaStatus({ actor: staff, number, status: "shipped", note: "It is **live**." });
    latencies.push(performance.now() - t);
    console.log(`setIdeaStatus: quiet ${latencies[0].toFixed(0)} ms, notifying ${voters + 1} followers ${latencies[1].toFixed(0)} ms`);

    const { startWorkers } = await import("../../app/lib/queue.server");
    const { jobs } = await import("../../app/jobs/index.server");
    const started = performance.now();
    await startWorkers(jobs, { pollingIntervalSeconds: 0.5 });
    const expected = voters + 1;
    let notifiedAt = 0;
    let firstMailAt = 0;
    for (;;) {
      const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM notifications`);
      const mails = await sinkCount();
      const now = performance.now();
      if (!notifiedAt && Number(n) >= expected) notifiedAt = now;
      if (!firstMailAt && mails > 0) firstMailAt = now;
      if (mails >= expected) {
        const total = (now - started) / 1000;
        console.log(`in-app: ${expected} notifications in ${((notifiedAt - started) / 1000).toFixed(1)} s`);
        console.log(`email: ${mails} messages in ${total.toFixed(1)} s from the start (${Math.round(mails / total)}/s overall, ${Math.round(mails / ((now - firstMailAt) / 1000))}/s once sending)`);
        break;
      }
      if (now - started > 15 * 60_000) throw new Error(`gave up: ${n} notifications, ${mails} emails`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await shutdown();
  } finally {
    sink.stdin.end();
    fs.rmSync(sinkFile, { force: true });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
process.exit(0);
