/**
 * The benchmark's data, generated inside PostgreSQL (generate_series, INSERT … SELECT) so a large
 * site loads in well under two minutes:
 *
 *   20,000 users · 5 boards · 100,000 ideas · 1,000,000 votes · 200,000 comments · 2,000 API tokens
 *
 * Counters (vote_count, comment_count, trending_score) are aggregated from the vote and comment
 * rows, the plain indexes are dropped during the load and rebuilt from their own definitions, and
 * one idea gets exactly 50 comments (40 threads, 10 replies) for the idea-page test.
 *
 * `prepareShipData()` adds what the "close the loop" benchmark needs: 80,002 more users, one idea
 * with 100,000 voters, and exactly 500 planned ideas for the roadmap.
 */
import postgres from "postgres";
import { migrateDatabase, openDatabase } from "../../app/lib/db.server";
import { hashPassword } from "../../app/lib/passwords.server";
import { RENDERER_VERSION } from "../../app/lib/markdown.server";
import { slugify } from "../../app/idea-links";
import { TRENDING_EPOCH, TRENDING_HALF_LIFE_SECONDS } from "../../app/models/votes.server";

export const SIZES = { users: 20_000, boards: 5, ideas: 100_000, votes: 1_000_000, comments: 200_000, apiTokens: 2_000 } as const;
export const VOTES_PER_USER = SIZES.votes / SIZES.users;

/** Every bench user signs in with this password (their email is user<id>@bench.loopboard.test). */
export const BENCH_PASSWORD = "bench-password-0451";
export const benchEmail = (id: number) => `user${id}@bench.loopboard.test`;

/** Users 1 and 2 are the admin and the staff member; API tokens go to members 101…2100. */
export const ADMIN_ID = 1;
export const STAFF_ID = 2;
export const TOKEN_USER_FIRST = 101;
export const memberToken = (i: number) => `lb_bench_${i}`;
export const STAFF_TOKEN = "lb_bench_staff";

/** The idea with exactly 50 comments: the newest idea. */
export const COMMENTED_IDEA_ID = SIZES.ideas;
export const COMMENTED_IDEA_COMMENTS = 50;

/** The "close the loop" idea: 100,000 voters, users 3…100,002 (the staff actor is not one of them). */
export const SHIP_SLUG = "offline-mode-for-the-desktop-app-close-the-loop";
export const SHIP_VOTERS = 100_000;
export const SHIP_FIRST_VOTER = 3;
export const SHIP_TOTAL_USERS = SHIP_FIRST_VOTER - 1 + SHIP_VOTERS;
export const ROADMAP_PLANNED = 500;

export const BOARDS = [
  ["feature-requests", "Feature requests", "Ideas for what we should build next."],
  ["integrations", "Integrations", "Connections to the tools you already use."],
  ["mobile", "Mobile apps", "The iOS and Android apps."],
  ["reporting", "Reporting", "Dashboards, exports and analytics."],
  ["billing", "Billing", "Plans, invoices and payments."],
] as const;

// Titles: 20 verbs × 50 things × 10 audiences × 10 places = 100,000 distinct titles.
const VERBS = ["Add", "Improve", "Allow", "Support", "Show", "Speed up", "Simplify", "Export", "Import", "Sync",
  "Customize", "Filter", "Schedule", "Archive", "Share", "Preview", "Bulk edit", "Translate", "Automate", "Redesign"];
const THINGS = ["dark mode", "CSV reports", "calendar views", "team roles", "saved searches", "email digests",
  "shortcuts", "custom fields", "due dates", "attachments", "recurring tasks", "audit logs", "2FA login",
  "webhooks", "time tracking", "guest access", "invoices", "Slack alerts", "templates", "usage charts",
  "offline drafts", "image uploads", "tables", "tag colors", "status filters", "comments", "mentions",
  "reminders", "sub-tasks", "dashboards", "PDF exports", "SSO login", "API keys", "user groups", "checklists",
  "labels", "kanban boards", "Gantt charts", "goals", "forms", "polls", "badges", "avatars", "sprints",
  "backups", "widgets", "timelines", "bookmarks", "fonts", "sounds"];
const AUDIENCES = ["for admins", "for guests", "for teams", "for new users", "for everyone", "for managers",
  "for editors", "for viewers", "for agents", "for devs"];
const PLACES = ["on mobile", "on the home page", "in reports", "in the API", "in email", "on tablets",
  "in the sidebar", "in search", "in settings", "on the board"];

const SENTENCES = [
  "We run a team of about forty people and this comes up every week.",
  "Right now we work around it with a spreadsheet, which is slow and error prone.",
  "Most of our customers asked for this during onboarding.",
  "It would save each of us roughly ten minutes a day.",
  "Competing tools already offer something similar.",
  "Ideally it would also work for archived projects.",
  "Please keep the current behaviour available as an option.",
  "This matters most at the end of each month when we close the books.",
  "Our support agents mention it in almost every call.",
  "A simple first version would already help a lot.",
  "Keyboard users would benefit from this as well.",
  "It should respect the permissions that are already set up.",
  "We would happily pay for a higher plan to get this.",
  "Several people on our team voted for this already.",
  "The mobile app is where we feel this the most.",
  "Exporting the data afterwards should keep the same order.",
  "Notifications about it could go out as a daily summary.",
  "Large workspaces with thousands of items need this to stay fast.",
  "New members get confused by the current screen.",
  "Thanks for considering it, the product is great otherwise.",
  "Accessibility matters to us, so screen readers should announce the change.",
  "We are happy to test an early version and give feedback.",
  "It would make the weekly review meeting much shorter.",
  "Right now the only way is to ask an admin to do it by hand.",
  "Our security team requires this before we can roll out further.",
  "A setting per board would be enough for our needs.",
  "The old behaviour could stay the default for existing accounts.",
  "This would also reduce the number of support tickets we open.",
  "Other teams in our company asked the same question.",
  "Being able to undo it would be a nice touch.",
  "We tried the browser extension but it does not cover this case.",
  "Please also document it in the API reference.",
];
const COMMENT_SENTENCES = [
  "Same here, this would help our team a lot.",
  "Plus one from our company.",
  "We need this too, especially for the monthly report.",
  "Is there any update on this?",
  "A workaround that works for us is to export and re-import the data.",
  "Agreed, the current behaviour is confusing.",
  "This would make the mobile app much more useful.",
  "Please make it optional, some of us like the current way.",
  "Our admins have been asking for this since last year.",
  "Would this also work for guests?",
  "Good idea, and it should be in the API as well.",
  "We switched from another tool and really miss this.",
  "Thanks for listening to feedback!",
  "Any idea when this might be planned?",
  "It would save us hours every week.",
  "I would like to see it per board too.",
];
const FIRST_NAMES = ["Ana", "Ben", "Chloe", "Daniel", "Elif", "Farah", "Gregor", "Hana", "Ivan", "Julia", "Karim", "Lena",
  "Mateja", "Nadia", "Omar", "Petra", "Quentin", "Rosa", "Samir", "Tina", "Uros", "Vera", "Wanda", "Xavier", "Yara",
  "Ziga", "Amal", "Bojan", "Carmen", "Dina", "Emil", "Fatima", "Goran", "Helena", "Igor", "Jana", "Khalid", "Layla",
  "Marko", "Nina"];
const LAST_NAMES = ["Novak", "Horvat", "Smith", "Haddad", "Kovac", "Garcia", "Mansour", "Krajnc", "Brown", "Zupan",
  "Khalil", "Muller", "Rossi", "Vidmar", "Nasser", "Potocnik", "Silva", "Kralj", "Jones", "Said", "Golob", "Martin",
  "Rahman", "Turk", "Lopez", "Kos", "Hassan", "Bizjak", "Dubois", "Mlakar", "Farouk", "Jensen", "Zajc", "Ibrahim",
  "Petek", "Moreau", "Salem", "Hribar", "Nowak", "Amin", "Kolar", "Weber", "Youssef", "Kern", "Costa", "Omar",
  "Zorko", "Fischer", "Aziz", "Vovk"];

/** An SQL array literal of text values (the lists above hold no backslashes). */
const textArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]::text[]`;

/** Title number i (1-based) → a distinct title; the digits are spread so neighbours differ in their first word. */
export function ideaTitle(i: number): string {
  const j = ((i - 1) * 7919) % SIZES.ideas; // 7919 is coprime with 100,000: a permutation
  return [VERBS[j % 20], THINGS[Math.floor(j / 20) % 50], AUDIENCES[Math.floor(j / 1000) % 10], PLACES[Math.floor(j / 10000) % 10]].join(" ");
}

export type Progress = (line: string) => void;

async function step<T>(progress: Progress, label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  progress(`  ${label.padEnd(48, ".")} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`);
  return result;
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

/** Drops and recreates the bench database (only a database whose name says "bench"). */
export async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (!/bench/i.test(name) || !/^[a-z0-9_]+$/i.test(name)) {
    throw new Error(`Refusing to drop "${name}": the benchmark only recreates a database whose name contains "bench".`);
  }
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** One connection, so session settings (and setseed) apply to every statement. */
function loadClient(url: string) {
  return postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "loopboard-bench-load" } });
}

async function bulkSession(sql: postgres.Sql) {
  await sql.unsafe(`SET synchronous_commit = off`);
  await sql.unsafe(`SET maintenance_work_mem = '512MB'`);
  await sql.unsafe(`SET work_mem = '256MB'`);
  // No foreign-key triggers during the load: the generator only writes ids that exist.
  await sql.unsafe(`SET session_replication_role = replica`);
  await sql.unsafe(`SELECT setseed(0.4242)`);
}

/** Plain (non-constraint) indexes of these tables, with the statements that recreate them. */
async function plainIndexes(sql: postgres.Sql, tables: string[]): Promise<{ name: string; table: string; definition: string }[]> {
  const rows = await sql.unsafe<{ name: string; table: string; definition: string }[]>(
    `SELECT i.indexname AS name, i.tablename AS table, i.indexdef AS definition
     FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
     ORDER BY i.tablename, i.indexname`,
    [tables],
  );
  return [...rows];
}

const weight = (column: string) =>
  `power(2::float8, (extract(epoch from (${column} - timestamptz '${TRENDING_EPOCH}')) / ${TRENDING_HALF_LIFE_SECONDS})::float8)`;

export interface LoadSummary {
  seconds: number;
  counts: Record<string, number>;
  commentedIdeaNumber: number;
}

/** Drops, recreates, migrates and fills the bench database. */
export async function loadBoardData(url: string, progress: Progress = console.log): Promise<LoadSummary> {
  const started = performance.now();
  await step(progress, "drop + create database", () => recreateDatabase(url));
  await step(progress, "migrate", async () => {
    const handle = openDatabase(url);
    try {
      await migrateDatabase(handle);
    } finally {
      await handle.close();
    }
  });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const sql = loadClient(url);
  try {
    await bulkSession(sql);
    const indexes = await step(progress, "drop plain indexes for the load", async () => {
      const list = await plainIndexes(sql, ["users", "ideas", "idea_search", "votes", "comments", "api_tokens"]);
      for (const index of list) await sql.unsafe(`DROP INDEX "${index.name}"`);
      return list;
    });

    await step(progress, `boards (${SIZES.boards})`, () =>
      sql.unsafe(
        `INSERT INTO boards (slug, name, description)
         SELECT b[1], b[2], b[3] FROM (VALUES ${BOARDS.map((b) => `(${textArray(b)})`).join(", ")}) AS v(b)`,
      ),
    );

    await step(progress, `users (${SIZES.users.toLocaleString("en")})`, () => insertUsers(sql, 1, SIZES.users, passwordHash));

    await step(progress, `api tokens (${SIZES.apiTokens.toLocaleString("en")} + staff)`, () =>
      sql.unsafe(
        `INSERT INTO api_tokens (user_id, name, token_hash)
         SELECT ${TOKEN_USER_FIRST} + g - 1, 'bench', encode(sha256(convert_to('lb_bench_' || g, 'UTF8')), 'hex')
         FROM generate_series(1, ${SIZES.apiTokens}) g
         UNION ALL
         SELECT ${STAFF_ID}, 'bench staff', encode(sha256(convert_to('${STAFF_TOKEN}', 'UTF8')), 'hex')`,
      ),
    );

    // Every idea's creation time follows from its id, so votes and comments (which must come after
    // it) can be generated before the ideas, and each idea is then written once with its counters
    // aggregated from those rows: cheaper than inserting 100,000 ideas and rewriting every one of
    // them with an UPDATE … FROM.
    const at = `timestamptz '${new Date().toISOString()}'`;
    const ideaCreated = (id: string) => `(${at} - (${SIZES.ideas + 1} - ${id}) * interval '9 minutes')`;

    await step(progress, `votes (${SIZES.votes.toLocaleString("en")}, ${VOTES_PER_USER} per user, skewed)`, async () => {
      // 60 skewed picks per user (a few popular ideas, a long tail), duplicates removed, first 50 kept.
      await sql.unsafe(
        `WITH cand AS (
           SELECT u AS user_id, ((floor(${SIZES.ideas} * power(random(), 2))::bigint * 7919) % ${SIZES.ideas} + 1)::int AS idea_id, k
           FROM generate_series(1, ${SIZES.users}) u, generate_series(1, ${VOTES_PER_USER + 10}) k
         ), dedup AS (
           SELECT user_id, idea_id, min(k) AS k FROM cand GROUP BY user_id, idea_id
         ), ranked AS (
           SELECT user_id, idea_id, row_number() OVER (PARTITION BY user_id ORDER BY k) AS rn FROM dedup
         )
         INSERT INTO votes (user_id, idea_id, created_at)
         SELECT user_id, idea_id, ${ideaCreated("idea_id")} + random() * (${at} - ${ideaCreated("idea_id")})
         FROM ranked
         WHERE rn <= ${VOTES_PER_USER}
         ORDER BY user_id, idea_id`,
      );
    });

    const topLevel = 160_000;
    const replies = SIZES.comments - topLevel - COMMENTED_IDEA_COMMENTS;
    await step(progress, `comments (${SIZES.comments.toLocaleString("en")}, 20% replies)`, async () => {
      const commentSql = (g: string) =>
        `s[1 + (${g} * 7) % ${COMMENT_SENTENCES.length}] || CASE WHEN ${g} % 3 = 0 THEN ' ' || s[1 + (${g} * 5 + 1) % ${COMMENT_SENTENCES.length}] ELSE '' END`;
      // Threads on every idea but the 50-comment one (skewed like the votes).
      await sql.unsafe(
        `WITH words AS (SELECT ${textArray(COMMENT_SENTENCES)} AS s)
         INSERT INTO comments (id, idea_id, author_id, body, body_html, html_version, is_staff, created_at, updated_at)
         OVERRIDING SYSTEM VALUE
         SELECT g, a.idea_id, a.author, b.body, '<p>' || b.body || E'</p>\\n', ${RENDERER_VERSION}, a.author <= ${STAFF_ID}, t.at, t.at
         FROM generate_series(1, ${topLevel}) g
         CROSS JOIN words
         CROSS JOIN LATERAL (SELECT ((floor(${SIZES.ideas - 1} * power(random(), 2))::bigint * 7919) % ${SIZES.ideas - 1} + 1)::int AS idea_id,
                                    CASE WHEN g % 50 = 0 THEN ${STAFF_ID} ELSE 3 + (g::bigint * 104729) % ${SIZES.users - 2} END AS author) a
         CROSS JOIN LATERAL (SELECT ${commentSql("g")} AS body) b
         CROSS JOIN LATERAL (SELECT ${ideaCreated("a.idea_id")} + random() * (${at} - ${ideaCreated("a.idea_id")}) AS at) t`,
      );
      // Replies, one level deep: each answers a random thread on the same idea.
      await sql.unsafe(
        `WITH words AS (SELECT ${textArray(COMMENT_SENTENCES)} AS s)
         INSERT INTO comments (id, idea_id, author_id, parent_id, body, body_html, html_version, is_staff, created_at, updated_at)
         OVERRIDING SYSTEM VALUE
         SELECT ${topLevel} + g, p.idea_id, a.author, p.id, b.body, '<p>' || b.body || E'</p>\\n', ${RENDERER_VERSION},
                a.author <= ${STAFF_ID}, t.at, t.at
         FROM generate_series(1, ${replies}) g
         CROSS JOIN words
         CROSS JOIN LATERAL (SELECT 1 + floor(random() * ${topLevel})::int AS parent,
                                    CASE WHEN g % 25 = 0 THEN ${STAFF_ID} ELSE 3 + (g * 15485863::bigint) % ${SIZES.users - 2} END AS author) a
         JOIN comments p ON p.id = a.parent
         CROSS JOIN LATERAL (SELECT ${commentSql("g + 7")} AS body) b
         CROSS JOIN LATERAL (SELECT p.created_at + random() * (${at} - p.created_at) AS at) t`,
      );
      // The idea page under test: 40 threads, the first 10 with one reply each.
      const first = topLevel + replies + 1;
      await sql.unsafe(
        `WITH words AS (SELECT ${textArray(COMMENT_SENTENCES)} AS s)
         INSERT INTO comments (id, idea_id, author_id, parent_id, body, body_html, html_version, is_staff, created_at, updated_at)
         OVERRIDING SYSTEM VALUE
         SELECT ${first - 1} + g, ${COMMENTED_IDEA_ID}, 3 + (g * 389) % ${SIZES.users - 2},
                CASE WHEN g > 40 THEN ${first - 1} + (g - 40) END,
                b.body, '<p>' || b.body || E'</p>\\n', ${RENDERER_VERSION}, false, t.at, t.at
         FROM generate_series(1, ${COMMENTED_IDEA_COMMENTS}) g
         CROSS JOIN words
         CROSS JOIN LATERAL (SELECT ${commentSql("g")} AS body) b
         CROSS JOIN LATERAL (SELECT ${at} - interval '1 hour' + g * interval '1 minute' AS at) t`,
      );
    });

    await step(progress, `ideas (${SIZES.ideas.toLocaleString("en")}, counters from the rows)`, async () => {
      const titles = Array.from({ length: SIZES.ideas }, (_, k) => ideaTitle(k + 1));
      const slugs = titles.map(slugify);
      if (new Set(slugs).size !== slugs.length) throw new Error("generated idea slugs are not distinct");
      await sql.unsafe(
        `WITH words AS (SELECT ${textArray(SENTENCES)} AS s),
         v AS (SELECT idea_id, count(*)::int AS n, sum(${weight("created_at")}) AS w FROM votes GROUP BY idea_id),
         c AS (SELECT idea_id, count(*)::int AS n FROM comments GROUP BY idea_id)
         INSERT INTO ideas (id, board_id, author_id, title, slug, body, body_html, html_version, status,
                            status_changed_at, vote_count, trending_score, comment_count, created_at, updated_at)
         OVERRIDING SYSTEM VALUE
         SELECT t.g, 1 + (t.g * 31) % ${SIZES.boards}, 3 + (t.g * 7919) % ${SIZES.users - 2}, t.title, t.slug,
                p.p1 || E'\\n\\n' || p.p2, '<p>' || p.p1 || E'</p>\\n<p>' || p.p2 || E'</p>\\n', ${RENDERER_VERSION},
                st.status,
                CASE WHEN st.status = 'open' THEN NULL ELSE ${ideaCreated("t.g")} + (${at} - ${ideaCreated("t.g")}) / 2 END,
                coalesce(v.n, 0), coalesce(v.w, 0), coalesce(c.n, 0),
                ${ideaCreated("t.g")}, ${ideaCreated("t.g")}
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(title, slug, g)
         CROSS JOIN words
         LEFT JOIN v ON v.idea_id = t.g
         LEFT JOIN c ON c.idea_id = t.g
         CROSS JOIN LATERAL (SELECT
             s[1 + (t.g * 7) % ${SENTENCES.length}] || ' ' || s[1 + (t.g * 11 + 3) % ${SENTENCES.length}] || ' ' || s[1 + (t.g * 13 + 5) % ${SENTENCES.length}] AS p1,
             s[1 + (t.g * 17 + 1) % ${SENTENCES.length}] || ' ' || s[1 + (t.g * 19 + 2) % ${SENTENCES.length}] AS p2) p
         CROSS JOIN LATERAL (SELECT CASE
             WHEN (t.g * 37) % 100 < 78 THEN 'open' WHEN (t.g * 37) % 100 < 86 THEN 'under_review'
             WHEN (t.g * 37) % 100 < 89 THEN 'planned' WHEN (t.g * 37) % 100 < 91 THEN 'in_progress'
             WHEN (t.g * 37) % 100 < 97 THEN 'shipped' ELSE 'declined' END AS status) st
         ORDER BY t.g`,
        [titles, slugs],
      );
      for (const table of ["users", "ideas", "comments"]) {
        await sql.unsafe(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
      }
      // ideas.number comes from its sequence; the load writes ids 1…N in order, so they match.
    });

    // session_replication_role = replica also keeps the trigger that fills idea_search quiet:
    // one INSERT … SELECT does what it would have done row by row (migrations 0002, 0008).
    await step(progress, "search rows (idea_search)", () =>
      sql.unsafe(
        `INSERT INTO idea_search (idea_id, title, search_vector)
         SELECT id, search_fold(title), idea_search_vector(title, body) FROM ideas`,
      ),
    );

    // The dashboard's counters likewise (migration 0024): the same recount the migration's backfill uses.
    await step(progress, "dashboard counters (daily_activity, first staff answers)", async () => {
      await sql.unsafe(`DELETE FROM daily_activity`);
      await sql.unsafe(`INSERT INTO daily_activity (board_id, day, shard, ideas, votes, comments) SELECT * FROM daily_activity_from_rows()`);
      await sql.unsafe(
        `UPDATE ideas i SET first_staff_response_at = f.at
         FROM (SELECT x.idea_id, min(x.at) AS at FROM (
                 SELECT idea_id, created_at AS at FROM status_changes
                 UNION ALL SELECT idea_id, created_at FROM comments WHERE is_staff AND NOT internal) x
               GROUP BY x.idea_id) f
         WHERE f.idea_id = i.id`,
      );
    });

    await step(progress, `recreate ${indexes.length} indexes`, async () => {
      for (const index of indexes) await sql.unsafe(index.definition);
    });

    await step(progress, "ANALYZE", () => sql.unsafe(`ANALYZE`));

    const [counts] = await sql.unsafe<Record<string, string>[]>(
      `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM boards) AS boards,
              (SELECT count(*) FROM ideas) AS ideas, (SELECT count(*) FROM votes) AS votes,
              (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM api_tokens) AS api_tokens`,
    );
    const summary = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
    for (const [key, want] of [["users", SIZES.users], ["ideas", SIZES.ideas], ["votes", SIZES.votes], ["comments", SIZES.comments]] as const) {
      if (summary[key] !== want) throw new Error(`expected ${want} ${key}, loaded ${summary[key]}`);
    }
    const [{ number }] = await sql.unsafe<{ number: number }[]>(`SELECT number FROM ideas WHERE id = ${COMMENTED_IDEA_ID}`);
    return { seconds: (performance.now() - started) / 1000, counts: summary, commentedIdeaNumber: Number(number) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function insertUsers(sql: postgres.Sql, from: number, to: number, passwordHash: string) {
  await sql.unsafe(
    `WITH n AS (SELECT ${textArray(FIRST_NAMES)} AS f, ${textArray(LAST_NAMES)} AS l)
     INSERT INTO users (id, email, name, password_hash, role, locale, email_verified_at, created_at)
     OVERRIDING SYSTEM VALUE
     SELECT g, 'user' || g || '@bench.loopboard.test', n.f[1 + g % ${FIRST_NAMES.length}] || ' ' || n.l[1 + (g / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}],
            $1, (CASE g WHEN ${ADMIN_ID} THEN 'admin' WHEN ${STAFF_ID} THEN 'staff' ELSE 'member' END)::role,
            'en', now(), now() - (${to + 1} - g) * interval '40 minutes'
     FROM generate_series(${from}::int, ${to}::int) g CROSS JOIN n
     ON CONFLICT DO NOTHING`,
    [passwordHash],
  );
}

export interface ShipData {
  ideaId: number;
  ideaNumber: number;
  voters: number;
  seconds: number;
}

/**
 * The "close the loop" data: users up to 100,002, a fresh idea (the previous one, with its
 * notifications and emails, is deleted first) in progress with 100,000 voters, and exactly 500
 * planned ideas. Safe to run again on a loaded database.
 */
export async function prepareShipData(url: string, progress: Progress = console.log): Promise<ShipData> {
  const started = performance.now();
  const sql = loadClient(url);
  try {
    await sql.unsafe(`SET synchronous_commit = off`);
    await sql.unsafe(`SET work_mem = '128MB'`);
    await step(progress, "remove the previous ship idea", async () => {
      await sql.unsafe(`DELETE FROM ideas WHERE slug = $1`, [SHIP_SLUG]);
    });
    await step(progress, `users up to ${SHIP_TOTAL_USERS.toLocaleString("en")}`, async () => {
      const passwordHash = await hashPassword(BENCH_PASSWORD);
      await insertUsers(sql, SIZES.users + 1, SHIP_TOTAL_USERS, passwordHash);
      // Bench users get every status email, whatever an earlier run changed.
      await sql.unsafe(`UPDATE users SET email_on_status_change = true, email_unsubscribed_all_at = NULL
                        WHERE NOT email_on_status_change OR email_unsubscribed_all_at IS NOT NULL`);
      await sql.unsafe(`SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users))`);
    });
    const idea = await step(progress, `ship idea with ${SHIP_VOTERS.toLocaleString("en")} voters`, async () => {
      const title = "Offline mode for the desktop app";
      const body = "Let us keep working without a connection and sync when it is back.";
      const [row] = await sql.unsafe<{ id: number; number: number }[]>(
        `INSERT INTO ideas (board_id, author_id, title, slug, body, body_html, html_version, status, status_changed_at, created_at, updated_at)
         VALUES (1, ${SHIP_FIRST_VOTER}, $1, $2, $3, $4, ${RENDERER_VERSION}, 'in_progress', now() - interval '3 days',
                 now() - interval '60 days', now() - interval '60 days')
         RETURNING id, number`,
        [title, SHIP_SLUG, body, `<p>${body}</p>\n`],
      );
      await sql.unsafe(
        `INSERT INTO votes (user_id, idea_id, created_at)
         SELECT u, ${row.id}, now() - random() * interval '59 days'
         FROM generate_series(${SHIP_FIRST_VOTER}, ${SHIP_TOTAL_USERS}) u`,
      );
      await sql.unsafe(
        `UPDATE ideas SET vote_count = v.n, trending_score = v.w
         FROM (SELECT count(*)::int AS n, sum(${weight("created_at")}) AS w FROM votes WHERE idea_id = ${row.id}) v
         WHERE ideas.id = ${row.id}`,
      );
      return { id: Number(row.id), number: Number(row.number) };
    });
    await step(progress, `exactly ${ROADMAP_PLANNED} planned ideas`, async () => {
      await sql.unsafe(
        `WITH chosen AS (
           SELECT id FROM ideas WHERE status IN ('planned', 'open')
           ORDER BY status = 'planned' DESC, vote_count DESC, id LIMIT ${ROADMAP_PLANNED}
         ), demoted AS (
           UPDATE ideas SET status = 'under_review' WHERE status = 'planned' AND id NOT IN (SELECT id FROM chosen)
         )
         UPDATE ideas SET status = 'planned', status_changed_at = coalesce(status_changed_at, now() - interval '10 days')
         WHERE id IN (SELECT id FROM chosen)`,
      );
    });
    await step(progress, "ANALYZE users, ideas, votes", () => sql.unsafe(`ANALYZE users, ideas, votes`));
    return { ideaId: idea.id, ideaNumber: idea.number, voters: SHIP_VOTERS, seconds: (performance.now() - started) / 1000 };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
