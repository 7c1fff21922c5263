/**
 * The triage inbox benchmark: 5,000 ideas waiting for a staff answer on the loaded site (every
 * other idea counts as answered), and the bench staff member, signed in with a session cookie,
 * asking for GET /admin/inbox — all boards, and one board — under load (budget ≥ 200 req/s).
 * Every page they see also runs the header's inbox count.
 */
import postgres from "postgres";
import { INBOX_PAGE_SIZE } from "../../app/schemas/triage";
import { STAFF_ID } from "./load-data";
import { describeLoad, runLoad, type LoadResult } from "./load-test";
import { serverAndDatabaseCpu, startServer, tempDataDir, type Child } from "./processes";
import { signInUsers } from "./sessions";

export const INBOX_WAITING = 5_000;
export const INBOX_BUDGET_RPS = 200;

export interface InboxResults {
  waiting: number;
  all: LoadResult;
  oneBoard: LoadResult & { board: string };
  serverErrors: string[];
}

export interface InboxOptions {
  databaseUrl: string;
  buildDir: string;
  port: number;
  durationSeconds: number;
  connections: number;
  anonCacheTtlMs?: number;
  log: (line: string) => void;
}

/** Every idea of the loaded site answered, then INBOX_WAITING new ones waiting, spread over the boards and the last 60 days. */
async function prepareWaiting(sql: postgres.Sql): Promise<{ waiting: number; board: string }> {
  await sql`DELETE FROM ideas WHERE slug = 'inbox-bench'`;
  await sql`UPDATE ideas SET triaged_at = now() WHERE triaged_at IS NULL`;
  await sql`
    INSERT INTO ideas (board_id, author_id, title, slug, body, body_html, vote_count, created_at, updated_at)
    SELECT b.ids[1 + g % array_length(b.ids, 1)], 3 + g % 1000, 'Waiting for an answer ' || g, 'inbox-bench', '', '', g % 7,
           now() - (g * interval '1 second' * 1000), now()
    FROM generate_series(1, ${INBOX_WAITING}::int) g, (SELECT array_agg(id ORDER BY id) AS ids FROM boards) b`;
  await sql`VACUUM ANALYZE ideas`;
  const [row] = await sql<{ waiting: number; board: string }[]>`
    SELECT (SELECT count(*)::int FROM ideas WHERE triaged_at IS NULL AND merged_into_id IS NULL) AS waiting,
           (SELECT slug FROM boards ORDER BY id LIMIT 1) AS board`;
  return { waiting: Number(row.waiting), board: row.board };
}

export async function runInboxBenchmark(options: InboxOptions): Promise<InboxResults> {
  const { log } = options;
  const origin = `http://127.0.0.1:${options.port}`;
  const sql = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  let server: Child | undefined;
  const [staff] = await signInUsers(sql, [STAFF_ID]);
  try {
    const { waiting, board } = await prepareWaiting(sql);
    if (waiting !== INBOX_WAITING) throw new Error(`expected ${INBOX_WAITING} waiting ideas, found ${waiting}`);
    log(`  ${waiting.toLocaleString("en")} ideas waiting; every other idea answered`);
    server = await startServer(options.buildDir, {
      databaseUrl: options.databaseUrl,
      port: options.port,
      dataDir: tempDataDir("inbox"),
      workerInApp: false,
      anonCacheTtlMs: options.anonCacheTtlMs,
    });
    const headers = { cookie: staff.cookie };
    // The page answers for staff with a full first page and the header's capped count.
    const check = await fetch(`${origin}/admin/inbox`, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    const html = await check.text();
    if (check.status !== 200) throw new Error(`GET /admin/inbox answered ${check.status}: ${html.slice(0, 300)}`);
    const rows = (html.match(/data-number="/g) ?? []).length;
    if (rows !== INBOX_PAGE_SIZE || !html.includes("99+")) throw new Error(`GET /admin/inbox showed ${rows} ideas (expected ${INBOX_PAGE_SIZE}) ${html.includes("99+") ? "" : "and no 99+ count"}`);
    const meters = serverAndDatabaseCpu(server, sql);
    const load = (name: string, path: string) =>
      runLoad({ name, origin, path, headers, durationSeconds: options.durationSeconds, connections: options.connections, warmupSeconds: 2, cpuMeters: meters });
    const all = await load("inbox, all boards", "/admin/inbox");
    log(`  GET /admin/inbox (staff): ${describeLoad(all)}`);
    const oneBoard = { ...(await load("inbox, one board", `/admin/inbox?board=${board}`)), board };
    log(`  GET /admin/inbox?board=${board} (staff): ${describeLoad(oneBoard)}`);
    return { waiting, all, oneBoard, serverErrors: server.errorLines };
  } finally {
    await server?.stop();
    await sql`DELETE FROM sessions WHERE id = ${staff.sessionHash}`;
    await sql.end({ timeout: 5 });
  }
}
