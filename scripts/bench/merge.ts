/**
 * The merge benchmark: staff merge idea B (10,000 voters) into idea A (10,000 voters, 2,000 of
 * them the same people) through `POST /api/v1/ideas/:B/merge`. Measured: the request's latency
 * (budget < 500 ms), and how long until B's followers all have their in-app notification and
 * their emails are accepted by a counting SMTP sink — the asynchronous part, by the separate
 * worker process. Checked: A's count is the 18,000 distinct voters and equals its rows. Run
 * several times, each on a fresh pair.
 */
import postgres from "postgres";
import { SIZES, STAFF_ID, STAFF_TOKEN } from "./load-data";
import { startServer, startWorker, tempDataDir, type Child } from "./processes";
import { startCountingSink, type CountingSink } from "./smtp-sink";

export const MERGE_VOTERS = 10_000;
export const MERGE_COMMON = 2_000;
const MERGE_RUNS = 3;
export const MERGE_BUDGET_MS = 500;

export interface MergeRun {
  latencyMs: number;
  status: number;
  voteCountAfter: number;
  expectedVoteCount: number;
  rowsOnA: number;
  notificationsExpected: number;
  notificationsSeconds: number | null;
  emailsReceived: number;
  emailDuplicates: number;
  emailsSeconds: number | null;
}

export interface MergeResults {
  runs: MergeRun[];
  serverErrors: string[];
  workerErrors: string[];
}

export interface MergeOptions {
  databaseUrl: string;
  buildDir: string;
  port: number;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Two new ideas by members: A voted for by members [first, first + 10,000), B by
 * [first + 8,000, first + 18,000): 2,000 in common. Written in SQL with counters from the rows.
 * A's author is B's last voter and B's author A's first, so A has 18,000 distinct voters after.
 */
async function preparePair(sql: postgres.Sql, run: number): Promise<{ a: { id: number; number: number }; b: { id: number; number: number } }> {
  const first = 200 + run * 500; // members, clear of the admin and the staff member
  const span = MERGE_VOTERS * 2 - MERGE_COMMON;
  if (first + span > SIZES.users) throw new Error("not enough bench users for the merge pair");
  const ideas = await sql<{ id: number; number: number }[]>`
    INSERT INTO ideas (board_id, author_id, title, slug, body, body_html)
    SELECT (SELECT min(id) FROM boards), a, t, 'merge-bench', '', ''
    FROM (VALUES (${first + 17_999}::int, ${`Merge bench ${run} A`}), (${first}::int, ${`Merge bench ${run} B`})) v(a, t)
    RETURNING id, number`;
  const [a, b] = ideas.map((r) => ({ id: Number(r.id), number: Number(r.number) }));
  await sql`INSERT INTO votes (user_id, idea_id, created_at)
            SELECT g, ${a.id}::int, now() - (g % 500) * interval '1 hour' FROM generate_series(${first}::int, ${first + MERGE_VOTERS - 1}::int) g`;
  await sql`INSERT INTO votes (user_id, idea_id, created_at)
            SELECT g, ${b.id}::int, now() - (g % 700) * interval '1 hour'
            FROM generate_series(${first + MERGE_VOTERS - MERGE_COMMON}::int, ${first + span - 1}::int) g`;
  for (const idea of [a, b]) {
    await sql`UPDATE ideas SET vote_count = (SELECT count(*) FROM votes WHERE idea_id = ${idea.id}::int),
                trending_score = (SELECT sum(power(2::float8, extract(epoch from (created_at - timestamptz '2025-01-01T00:00:00Z')) / 604800)) FROM votes WHERE idea_id = ${idea.id}::int)
              WHERE id = ${idea.id}::int`;
  }
  return { a, b };
}

export async function runMergeBenchmark(options: MergeOptions): Promise<MergeResults> {
  const { log } = options;
  const origin = `http://127.0.0.1:${options.port}`;
  const sql = postgres(options.databaseUrl, { max: 2, onnotice: () => {} });
  const dataDir = tempDataDir("merge");
  let server: Child | undefined;
  let worker: Child | undefined;
  let sink: CountingSink | undefined;
  const results: MergeResults = { runs: [], serverErrors: [], workerErrors: [] };
  try {
    await sql`DELETE FROM ideas WHERE slug = 'merge-bench'`;
    await sql`UPDATE users SET email_on_status_change = true, email_unsubscribed_all_at = NULL WHERE NOT email_on_status_change OR email_unsubscribed_all_at IS NOT NULL`;
    const pairs = [];
    for (let run = 0; run < MERGE_RUNS; run++) pairs.push(await preparePair(sql, run));
    await sql`ANALYZE votes`;
    log(`  prepared ${MERGE_RUNS} pairs: A and B with ${MERGE_VOTERS.toLocaleString("en")} voters each, ${MERGE_COMMON.toLocaleString("en")} in common`);

    sink = await startCountingSink();
    const appEnv = { databaseUrl: options.databaseUrl, port: options.port, dataDir, smtpUrl: sink.url, workerInApp: false };
    server = await startServer(options.buildDir, appEnv);
    worker = await startWorker(appEnv);

    for (const { a, b } of pairs) {
      sink.reset();
      const started = performance.now();
      const response = await fetch(`${origin}/api/v1/ideas/${b.number}/merge`, {
        method: "POST",
        signal: AbortSignal.timeout(30_000),
        headers: { authorization: `Bearer ${STAFF_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ into: a.number }),
      });
      const latencyMs = performance.now() - started;
      const body = (await response.json().catch(() => null)) as { idea?: { voteCount: number } } | null;
      if (!response.ok || !body?.idea) throw new Error(`POST merge answered ${response.status}: ${JSON.stringify(body)}`);
      const [rows] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM votes WHERE idea_id = ${a.id}::int`;
      // B's followers: its voters and its author, less the staff member who merged.
      const [followers] = await sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM (SELECT user_id FROM votes WHERE idea_id = ${b.id}::int UNION SELECT author_id FROM ideas WHERE id = ${b.id}::int) f
        WHERE user_id <> ${STAFF_ID}`;
      const run: MergeRun = {
        latencyMs,
        status: response.status,
        voteCountAfter: body.idea.voteCount,
        // Voters [first, first + 18,000): A's author is one of B's voters and B's author one of A's.
        expectedVoteCount: MERGE_VOTERS * 2 - MERGE_COMMON,
        rowsOnA: Number(rows.n),
        notificationsExpected: Number(followers.n),
        notificationsSeconds: null,
        emailsReceived: 0,
        emailDuplicates: 0,
        emailsSeconds: null,
      };
      log(`     POST /api/v1/ideas/${b.number}/merge → ${response.status} in ${latencyMs.toFixed(0)} ms; A has ${run.voteCountAfter.toLocaleString("en")} votes (${run.rowsOnA.toLocaleString("en")} rows)`);
      const deadline = started + 180_000;
      for (;;) {
        const [n] = await sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM notifications WHERE event_id = (SELECT max(id) FROM notification_events WHERE source_idea_id = ${b.id}::int)`;
        const now = performance.now();
        if (run.notificationsSeconds === null && Number(n.n) >= run.notificationsExpected) run.notificationsSeconds = (now - started) / 1000;
        run.emailsReceived = sink.stats.messages;
        run.emailDuplicates = sink.stats.duplicates;
        if (run.emailsSeconds === null && run.emailsReceived >= run.notificationsExpected) run.emailsSeconds = (now - started) / 1000;
        if ((run.notificationsSeconds !== null && run.emailsSeconds !== null) || now > deadline) break;
        await sleep(250);
      }
      log(
        `     ${run.notificationsExpected.toLocaleString("en")} followers of B notified in ${run.notificationsSeconds?.toFixed(1) ?? "—"} s; ` +
          `${run.emailsReceived.toLocaleString("en")} emails accepted in ${run.emailsSeconds?.toFixed(1) ?? "—"} s`,
      );
      results.runs.push(run);
    }
  } finally {
    results.serverErrors = server?.errorLines ?? [];
    results.workerErrors = worker?.errorLines ?? [];
    await worker?.stop();
    await server?.stop();
    await sink?.close();
    await sql.end({ timeout: 5 });
  }
  return results;
}
