/**
 * The dashboard benchmark: staff read the dashboard's figures over the whole bench database
 * (100,000 ideas, 1,000,000 votes, 200,000 comments) — `GET /api/v1/stats` for all boards and
 * for one, over 12 and 52 weeks, for one company segment, and the `/admin/dashboard` page signed
 * in. Each is requested one at a time (a person opening the page), after one warm-up; budget
 * < 300 ms per answer.
 */
import crypto from "node:crypto";
import postgres from "postgres";
import { sha256Hex } from "../../app/lib/hashing.server";
import { STAFF_ID, STAFF_TOKEN } from "./load-data";
import { startServer, tempDataDir, type Child } from "./processes";
import { SESSION_COOKIE } from "./sessions";

export const DASHBOARD_BUDGET_MS = 300;
const REQUESTS = 15;
/** The segment measured: one company in ten, so about a tenth of the people and their votes. */
export const BENCH_SEGMENT = "enterprise";
const COMPANIES = 200;

/**
 * Puts every member in one of 200 companies (by id), a tenth of them in the "enterprise"
 * segment, three in ten "mid-market", the rest "smb". Done once per loaded database: the load
 * itself makes no companies.
 */
async function ensureCompanies(sql: postgres.Sql): Promise<void> {
  const [{ n }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM companies WHERE external_id LIKE 'bench-%'`;
  if (n === COMPANIES) return;
  await sql`INSERT INTO companies (external_id, name, segment)
            SELECT 'bench-' || g, 'Company ' || g, CASE WHEN g % 10 = 0 THEN ${BENCH_SEGMENT} WHEN g % 10 < 4 THEN 'mid-market' ELSE 'smb' END
            FROM generate_series(1, ${COMPANIES}) g
            ON CONFLICT (external_id) DO NOTHING`;
  await sql`UPDATE users u SET company_id = c.id FROM companies c
            WHERE u.role = 'member' AND u.company_id IS NULL AND c.external_id = 'bench-' || (u.id % ${COMPANIES} + 1)`;
}

export interface DashboardCase {
  label: string;
  path: string;
  status: number;
  p50: number;
  max: number;
}

export interface DashboardResults {
  cases: DashboardCase[];
  serverErrors: string[];
  facts: { ideas: number; votes: number; comments: number; shipped: number };
}

export async function runDashboardBenchmark(options: { databaseUrl: string; buildDir: string; port: number; log: (line: string) => void }): Promise<DashboardResults> {
  const { log } = options;
  const origin = `http://127.0.0.1:${options.port}`;
  const sql = postgres(options.databaseUrl, { max: 2, onnotice: () => {} });
  let server: Child | undefined;
  const sessionId = crypto.randomBytes(20).toString("hex");
  try {
    const [facts] = await sql<{ ideas: number; votes: number; comments: number; shipped: number }[]>`
      SELECT (SELECT count(*)::int FROM ideas) AS ideas, (SELECT count(*)::int FROM votes) AS votes,
             (SELECT count(*)::int FROM comments) AS comments, (SELECT count(*)::int FROM status_changes WHERE to_status = 'shipped') AS shipped`;
    const [board] = await sql<{ slug: string }[]>`SELECT slug FROM boards ORDER BY id LIMIT 1`;
    await ensureCompanies(sql);
    // As autovacuum would have left a site that is not just loaded: statistics, and the visibility
    // map the index-only scans of the ideas' figures rely on.
    await sql`VACUUM ANALYZE ideas, users, companies, daily_activity`;
    await sql`INSERT INTO sessions (id, user_id, expires_at) VALUES (${sha256Hex(sessionId)}, ${STAFF_ID}, now() + interval '1 day')`;
    server = await startServer(options.buildDir, { databaseUrl: options.databaseUrl, port: options.port, dataDir: tempDataDir("dashboard"), workerInApp: false });
    const cases: { label: string; path: string; headers: Record<string, string> }[] = [
      { label: "stats, all boards, 12 weeks", path: "/api/v1/stats", headers: { authorization: `Bearer ${STAFF_TOKEN}` } },
      { label: "stats, all boards, 52 weeks", path: "/api/v1/stats?weeks=52", headers: { authorization: `Bearer ${STAFF_TOKEN}` } },
      { label: "stats, one board, 12 weeks", path: `/api/v1/stats?board=${board!.slug}`, headers: { authorization: `Bearer ${STAFF_TOKEN}` } },
      { label: "stats, one segment, 12 weeks", path: `/api/v1/stats?segment=${BENCH_SEGMENT}`, headers: { authorization: `Bearer ${STAFF_TOKEN}` } },
      { label: "dashboard page, signed in", path: "/admin/dashboard", headers: { cookie: `${SESSION_COOKIE}=${sessionId}` } },
    ];
    const results: DashboardCase[] = [];
    for (const c of cases) {
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i <= REQUESTS; i++) {
        const started = performance.now();
        const response = await fetch(origin + c.path, { headers: c.headers, signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        status = response.status;
        if (!response.ok) throw new Error(`GET ${c.path} answered ${status}`);
        if (i > 0) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const row = { label: c.label, path: c.path, status, p50: times[Math.floor(times.length / 2)]!, max: times.at(-1)! };
      log(`     ${c.label}: p50 ${row.p50.toFixed(0)} ms, slowest ${row.max.toFixed(0)} ms (${REQUESTS} requests)`);
      results.push(row);
    }
    return { cases: results, serverErrors: server.errorLines, facts: facts! };
  } finally {
    await server?.stop();
    await sql`DELETE FROM sessions WHERE id = ${sha256Hex(sessionId)}`;
    await sql.end({ timeout: 5 });
  }
}
