/**
 * Query plans of the SQL the app really issues. The model functions (listIdeas, findSimilarIdeas,
 * getIdeaWithComments, applyVote, followerIdsAfter) run against the bench database through a
 * drizzle instance with a query logger, installed as the process-wide database (db.server.ts keeps
 * it on globalThis); each captured statement is then explained twice:
 *   - EXPLAIN (ANALYZE, FORMAT JSON) with its parameters (the plan for these values), and
 *   - EXPLAIN EXECUTE of a prepared statement under plan_cache_mode = force_generic_plan: the plan
 *     PostgreSQL may switch to once postgres.js has run the same prepared statement five times.
 * A plan passes when it reaches ideas through an index and has no Seq Scan on ideas, votes or
 * comments.
 */
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "../../db/schema";
import type { DatabaseHandle, Database } from "../../app/lib/db.server";
import type { SessionUser } from "../../app/lib/auth.server";
import { queryRows } from "../../app/lib/db.server";
import { findSimilarIdeas, listIdeas } from "../../app/models/idea-listing.server";
import { getIdeaWithComments } from "../../app/models/ideas.server";
import { applyVote } from "../../app/models/votes.server";
import { listRoadmap } from "../../app/models/roadmap.server";
import { followerIdsAfter } from "../../app/models/subscriptions.server";
import type { IdeaSort } from "../../app/schemas/ideas";
import type { IdeaStatus } from "../../app/statuses";

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
};

export interface PlanCheck {
  name: string;
  /** Listing queries must reach ideas through an index; other checks only forbid Seq Scans on big tables. */
  kind: "listing" | "page" | "write" | "fan-out";
  sql: string;
  /** How ideas (or the main table) is read, e.g. "Index Scan ideas_top_idx". */
  access: string;
  /** Every scan in the plan: "Index Scan ideas_top_idx on ideas", "Seq Scan on boards", … */
  scans: string[];
  sorted: boolean;
  /** Rows the plan's scans returned in total (EXPLAIN ANALYZE): the work behind a page of 20. */
  rowsRead: number | null;
  executionMs: number | null;
  genericAccess: string;
  genericScans: string[];
  pass: boolean;
  problems: string[];
}

const BIG_TABLES = new Set(["ideas", "idea_search", "votes", "comments", "notifications", "email_deliveries"]);

function walk(node: PlanNode, visit: (n: PlanNode) => void) {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

function describeScans(plan: PlanNode): { scans: string[]; sorted: boolean; rowsRead: number } {
  const scans: string[] = [];
  let sorted = false;
  let rowsRead = 0;
  walk(plan, (n) => {
    const type = n["Node Type"];
    // Bitmap Index Scans only feed their heap scan; counting both would count rows twice.
    if (/Scan$/.test(type) && type !== "Bitmap Index Scan" && n["Relation Name"]) rowsRead += (n["Actual Rows"] ?? 0) * (n["Actual Loops"] ?? 1);
    if (type === "Sort" || type === "Incremental Sort") sorted = true;
    if (/Scan$/.test(type) && type !== "Subquery Scan" && type !== "CTE Scan" && type !== "Function Scan" && type !== "Result") {
      const index = n["Index Name"] ? ` ${n["Index Name"]}` : "";
      const relation = n["Relation Name"] ? ` on ${n["Relation Name"]}` : "";
      scans.push(`${type}${index}${relation}`);
    }
  });
  return { scans: [...new Set(scans)], sorted, rowsRead };
}

function ideasAccess(scans: string[]): string {
  // ideas and its search rows (idea_search), which searches reach through their own indexes.
  const onIdeas = scans.filter((s) => / on idea(s|_search)$/.test(s) || /^Bitmap Index Scan idea(s|_search)_/.test(s));
  return onIdeas.map((s) => s.replace(/ on ideas$/, "")).join(" + ") || "—";
}

function judge(kind: PlanCheck["kind"], scans: string[]): string[] {
  const problems: string[] = [];
  for (const scan of scans) {
    const m = /^Seq Scan on (\w+)$/.exec(scan);
    if (m && BIG_TABLES.has(m[1])) problems.push(`Seq Scan on ${m[1]}`);
  }
  if (kind === "listing") {
    const indexed = scans.some((s) => /^(Index Scan|Index Only Scan|Bitmap Heap Scan).* on ideas$/.test(s));
    if (!indexed) problems.push("ideas not read through an index");
  }
  return problems;
}

const literal = (value: unknown): string => {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${String(value).replace(/'/g, "''")}'`;
};

interface Captured {
  sql: string;
  params: unknown[];
}

/** A drizzle database that records every statement, installed as the process-wide database. */
function capturingDatabase(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "loopboard-bench-explain" } });
  const captured: Captured[] = [];
  const db = drizzle(client, { schema, logger: { logQuery: (sql, params) => void captured.push({ sql, params }) } }) as unknown as Database;
  const handle: DatabaseHandle = {
    db,
    driver: "postgres",
    url,
    async executeSql(text, values) {
      const rows = await client.unsafe(text, (values ?? []) as any[]);
      return { rows: [...rows] };
    },
    close: () => client.end({ timeout: 5 }),
  };
  (globalThis as { __loopboardDb?: DatabaseHandle }).__loopboardDb = handle;
  return {
    db,
    client,
    async capture(work: () => Promise<unknown>): Promise<Captured[]> {
      captured.length = 0;
      await work();
      return captured.splice(0);
    },
    async close() {
      (globalThis as { __loopboardDb?: DatabaseHandle }).__loopboardDb = undefined;
      await client.end({ timeout: 5 });
    },
  };
}

async function explainOne(client: postgres.Sql, name: string, kind: PlanCheck["kind"], query: Captured, analyze: boolean): Promise<PlanCheck> {
  const options = analyze ? "ANALYZE, BUFFERS, FORMAT JSON" : "FORMAT JSON";
  const [row] = await client.unsafe(`EXPLAIN (${options}) ${query.sql}`, query.params as any[]);
  const explained = (row as Record<string, any>)["QUERY PLAN"][0];
  const { scans, sorted, rowsRead } = describeScans(explained.Plan);

  await client.unsafe(`SET plan_cache_mode = force_generic_plan`);
  let genericScans: string[] = [];
  let prepared = false;
  try {
    await client.unsafe(`PREPARE bench_generic AS ${query.sql}`);
    prepared = true;
    const args = query.params.length ? `(${query.params.map(literal).join(", ")})` : "";
    const [generic] = await client.unsafe(`EXPLAIN (FORMAT JSON) EXECUTE bench_generic${args}`);
    genericScans = describeScans((generic as Record<string, any>)["QUERY PLAN"][0].Plan).scans;
  } finally {
    // Only the statement made here: the app's own prepared statements on this connection stay.
    if (prepared) await client.unsafe(`DEALLOCATE bench_generic`);
    await client.unsafe(`RESET plan_cache_mode`);
  }
  const problems = [...judge(kind, scans), ...judge(kind, genericScans).map((p) => `generic plan: ${p}`)];
  return {
    name,
    kind,
    sql: query.sql,
    access: ideasAccess(scans),
    scans,
    sorted,
    rowsRead: analyze ? rowsRead : null,
    executionMs: analyze ? Number(explained["Execution Time"]) : null,
    genericAccess: ideasAccess(genericScans),
    genericScans,
    pass: problems.length === 0,
    problems,
  };
}

/** Which statements of a capture are worth a plan: those that read the big tables. */
const interesting = (q: Captured) => /\b(ideas|votes|comments)\b/.test(q.sql) && !/^\s*(begin|commit|rollback|savepoint|release)/i.test(q.sql);

export interface ListingCase {
  name: string;
  sort: IdeaSort;
  board?: string;
  status?: IdeaStatus;
  q?: string;
  signedIn?: boolean;
  page2?: boolean;
}

export const LISTING_CASES: ListingCase[] = [
  { name: "top", sort: "top" },
  { name: "new", sort: "new" },
  { name: "trending", sort: "trending" },
  { name: "top, board", sort: "top", board: "integrations" },
  { name: "new, board", sort: "new", board: "integrations" },
  { name: "trending, board", sort: "trending", board: "integrations" },
  { name: "top, status", sort: "top", status: "planned" },
  { name: "new, status", sort: "new", status: "under_review" },
  { name: "trending, status", sort: "trending", status: "shipped" },
  { name: "top, board + status", sort: "top", board: "mobile", status: "planned" },
  { name: "new, board + status", sort: "new", board: "mobile", status: "under_review" },
  { name: "trending, board + status", sort: "trending", board: "mobile", status: "shipped" },
  { name: "top, page 2 (cursor)", sort: "top", page2: true },
  { name: "trending, page 2 (cursor)", sort: "trending", page2: true },
  { name: "search \"dark mode\", top", sort: "top", q: "dark mode" },
  { name: "search \"webhooks\", new", sort: "new", q: "webhooks" },
  { name: "search \"spreadsheet\" (common body word), top", sort: "top", q: "spreadsheet" },
  { name: "search \"zzqx\" (no match), trending", sort: "trending", q: "zzqx" },
  { name: "search \"dark mode\", board + status", sort: "top", q: "dark mode", board: "integrations", status: "open" },
  // Arabic is folded (hamza forms, ta marbuta, tashkeel) and stemmed; Latin text is matched without its accents.
  { name: "search \"الأولويات\" (Arabic, folded and stemmed), top", sort: "top", q: "الأولويات" },
  { name: "search \"čebelica\" (Slovenian, accents folded), new", sort: "new", q: "čebelica" },
  { name: "top, signed in (votedByMe)", sort: "top", signedIn: true },
];

/** "Similar ideas" while typing a title: any shared word (title or body) or a similar title, on every board. */
export const SIMILAR_CASES = ["Dark theme for the mobile app", "export reports to a spreadsheet", "zzqx", "الوضع الداكن لتطبيق الهاتف", "Temni način za mobilno aplikacijo"];

const benchMember: SessionUser = { id: 150, email: "user150@bench.loopboard.test", name: "Bench member", role: "member", locale: "en", chosenLocale: null, lastLocale: "en", blocked: false };

/** Plans of every board listing, "similar ideas", the idea page's reads and the vote statement. */
export async function explainBoardQueries(url: string, options: { commentedIdeaNumber: number }): Promise<PlanCheck[]> {
  const bench = capturingDatabase(url);
  const checks: PlanCheck[] = [];
  try {
    for (const c of LISTING_CASES) {
      const actor = c.signedIn ? benchMember : null;
      const input = { actor, sort: c.sort, board: c.board, status: c.status, q: c.q, limit: 20 };
      let cursor: string | undefined;
      if (c.page2) cursor = (await listIdeas(input)).nextCursor ?? undefined;
      const queries = (await bench.capture(() => listIdeas({ ...input, cursor }))).filter(interesting);
      for (const [i, q] of queries.entries()) {
        const part = i === 0 ? "list" : /pinned/i.test(q.sql) ? "pinned" : "voted by me";
        const name = queries.length > 1 ? `${c.name} [${part}]` : c.name;
        const kind = /from "votes"/i.test(q.sql) && !/from "ideas"/i.test(q.sql) ? "page" : "listing";
        checks.push(await explainOne(bench.client, name, kind, q, true));
      }
    }
    for (const q of SIMILAR_CASES) {
      const queries = (await bench.capture(() => findSimilarIdeas({ actor: benchMember, q }))).filter(interesting);
      for (const query of queries) checks.push(await explainOne(bench.client, `similar ideas "${q}"`, "listing", query, true));
    }
    const page = (await bench.capture(() => getIdeaWithComments({ actor: benchMember, number: options.commentedIdeaNumber }))).filter(interesting);
    for (const [i, q] of page.entries()) checks.push(await explainOne(bench.client, `idea page [${i === 0 ? "idea" : "comments"}]`, "page", q, true));

    // The vote statement, captured inside a transaction that is rolled back (explained without running it).
    const rollback = new Error("rollback");
    const vote = await bench.capture(() =>
      bench.db
        .transaction(async (tx) => {
          await applyVote(tx, { number: 12345, userId: benchMember.id, voted: true });
          throw rollback;
        })
        .catch((e) => {
          if (e !== rollback) throw e;
        }),
    );
    for (const q of vote.filter(interesting)) checks.push(await explainOne(bench.client, "cast a vote (applyVote)", "write", q, false));
  } finally {
    await bench.close();
  }
  return checks;
}

/** Plans of the fan-out's follower page at the start, middle and end of a 100,000-voter idea. */
export async function explainFanOut(url: string, options: { ideaId: number; voters: number }): Promise<PlanCheck[]> {
  const bench = capturingDatabase(url);
  const checks: PlanCheck[] = [];
  try {
    for (const [label, after] of [["first page", 0], ["middle page", Math.floor(options.voters / 2)], ["last page", options.voters - 500]] as const) {
      const queries = await bench.capture(() => queryRows(bench.db, followerIdsAfter({ ideaId: options.ideaId, after, limit: 1000, exclude: [2] })));
      for (const q of queries) checks.push(await explainOne(bench.client, `fan-out followers, ${label} (after ${after})`, "fan-out", q, true));
    }
  } finally {
    await bench.close();
  }
  return checks;
}

/** Plans of the roadmap page's statements: the columns' top ideas and their sizes. */
export async function explainRoadmap(url: string): Promise<PlanCheck[]> {
  const bench = capturingDatabase(url);
  const checks: PlanCheck[] = [];
  try {
    const queries = (await bench.capture(() => listRoadmap({}))).filter(interesting);
    for (const [i, q] of queries.entries()) {
      const name = /count\(\*\)/.test(q.sql) ? "roadmap [column sizes]" : i === 0 ? "roadmap [columns]" : `roadmap [${i + 1}]`;
      checks.push(await explainOne(bench.client, name, "page", q, true));
    }
  } finally {
    await bench.close();
  }
  return checks;
}
