import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { afterEach, describe, expect, inject, it } from "vitest";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { boards, ideaSearch, ideas, users } from "../../../db/schema";
import { DatabaseLockedError, MAX_PREPARED_PARAMETERS, database, db, openDatabase, queryRows, type Executor } from "~/lib/db.server";
import { testDriver } from "../../setup/db";

const journal = JSON.parse(fs.readFileSync(path.resolve("db/migrations/meta/_journal.json"), "utf8")) as {
  entries: { tag: string }[];
};

async function seedIdea(title: string, body: string) {
  const [author] = await db.insert(users).values({ email: `${crypto.randomUUID()}@example.test`, name: "Author" }).returning();
  const [board] = await db
    .insert(boards)
    .values({ slug: `b-${crypto.randomUUID().slice(0, 8)}`, name: "Board" })
    .returning();
  const [idea] = await db.insert(ideas).values({ boardId: board.id, authorId: author.id, title, slug: "s", body }).returning();
  return idea;
}

describe(`the test database (${testDriver()})`, () => {
  it("runs on the driver the project names", () => {
    expect(database().driver).toBe(testDriver());
  });

  it("has every committed migration applied, and pg_trgm installed", async () => {
    const applied = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    expect(applied[0].n).toBe(journal.entries.length);
    const ext = await queryRows<{ extname: string }>(db, sql`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(ext).toHaveLength(1);
  });

  it("starts empty: each test file gets its own database", async () => {
    const [{ n }] = await db.select({ n: count() }).from(users);
    expect(n).toBe(0);
  });

  it("writes a row and reads it back", async () => {
    const [created] = await db.insert(users).values({ email: "reader@example.test", name: "Réka Ōta" }).returning();
    const [read] = await db.select().from(users).where(eq(users.id, created.id));
    expect(read).toMatchObject({ email: "reader@example.test", name: "Réka Ōta", role: "member", locale: null, lastLocale: "en" });
    expect(read.createdAt).toBeInstanceOf(Date);
  });

  it("ranks titles by trigram similarity with pg_trgm", async () => {
    await seedIdea("Dark mode for the dashboard", "");
    await seedIdea("Export to CSV", "");
    const rows = await queryRows<{ title: string; score: number }>(
      db,
      sql`SELECT title, similarity(title, ${"dark mod dashbord"}) AS score FROM ideas ORDER BY score DESC`,
    );
    expect(rows[0].title).toBe("Dark mode for the dashboard");
    expect(Number(rows[0].score)).toBeGreaterThan(0.3);
    expect(Number(rows[1].score)).toBeLessThan(0.1);
  });

  it("keeps idea_search in step with each idea's title and body (trigger)", async () => {
    const find = async (q: string) =>
      (
        await db
          .select({ title: ideas.title })
          .from(ideaSearch)
          .innerJoin(ideas, eq(ideas.id, ideaSearch.ideaId))
          .where(sql`${ideaSearch.searchVector} @@ websearch_to_tsquery('simple', ${q})`)
      ).map((r) => r.title);
    await seedIdea("Keyboard shortcuts", "Let me press j and k to move between ideas.");
    const slack = await seedIdea("Slack integration", "Post status changes to a channel.");
    expect(await find("channel status")).toEqual(["Slack integration"]);

    await db.update(ideas).set({ title: "Teams integration", body: "Post shipped ideas to a thread." }).where(eq(ideas.id, slack.id));
    expect(await find("channel")).toEqual([]);
    expect(await find("thread teams")).toEqual(["Teams integration"]);
    const [row] = await db.select().from(ideaSearch).where(eq(ideaSearch.ideaId, slack.id));
    expect(row.title).toBe("teams integration"); // folded: search_fold, migration 0008

    // Counters are written without touching the search row.
    await db.update(ideas).set({ voteCount: 5 }).where(eq(ideas.id, slack.id));
    expect(await find("thread")).toEqual(["Teams integration"]);

    await db.delete(ideas).where(eq(ideas.id, slack.id));
    expect(await db.select().from(ideaSearch).where(eq(ideaSearch.ideaId, slack.id))).toEqual([]);
    // One search row per idea, no more, no fewer.
    expect(await db.select({ n: count() }).from(ideaSearch)).toEqual(await db.select({ n: count() }).from(ideas));
  });

  it("leaves nothing behind when a transaction rolls back", async () => {
    const before = (await db.select({ n: count() }).from(users))[0].n;
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({ email: "ghost@example.test", name: "Ghost" });
        const [{ n }] = await tx.select({ n: count() }).from(users);
        expect(n).toBe(before + 1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await db.select({ n: count() }).from(users))[0].n).toBe(before);
    expect(await db.select().from(users).where(eq(users.email, "ghost@example.test"))).toEqual([]);
  });
});

describe.runIf(testDriver() === "pglite")("the embedded database lock", () => {
  let holder: ChildProcessWithoutNullStreams | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    if (holder && holder.exitCode === null) {
      holder.kill();
      await once(holder, "exit");
    }
    holder = undefined;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** openDatabase() of the file-based database in `dataDir`, as the app would open it. */
  function openIn(dataDir: string) {
    const previous = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    try {
      return openDatabase("");
    } finally {
      process.env.DATA_DIR = previous;
    }
  }

  it("refuses a second process on the same DATA_DIR with a clear message, and frees it on close", async () => {
    dir = fs.mkdtempSync(path.join(inject("testTmpRoot") ?? os.tmpdir(), "loopboard-lock-"));
    // Start from the migrated template (when there is one) so neither process pays for initdb.
    const template = inject("pgliteTemplateDir");
    if (template) fs.cpSync(template, path.join(dir, "db"), { recursive: true });
    holder = spawn(process.execPath, ["--import", "tsx", "tests/setup/hold-database.ts"], {
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "" },
      stdio: "pipe",
    });
    let output = "";
    let errors = "";
    holder.stderr.on("data", (chunk) => (errors += chunk));
    await new Promise<void>((resolve, reject) => {
      holder!.stdout.on("data", (chunk) => {
        output += chunk;
        if (output.includes("ready\n")) resolve();
      });
      holder!.once("exit", (code) => reject(new Error(`holder exited with ${code} before it was ready: ${errors}`)));
    });

    let error: unknown;
    try {
      const handle = openIn(dir);
      await handle.close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseLockedError);
    const message = (error as Error).message;
    expect(message).toContain(path.join(dir, "db"));
    expect(message).toContain(`pid ${holder.pid}`);
    expect(message).toMatch(/already open in another process/);
    expect(message).toMatch(/DATABASE_URL/);

    holder.stdin.end();
    const [code] = await once(holder, "exit");
    expect(code).toBe(0);
    expect(output).toContain("closed");

    const reopened = openIn(dir);
    try {
      const { rows } = await reopened.executeSql("SELECT 1 AS one");
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await reopened.close();
    }
    expect(fs.existsSync(path.join(dir, "db", "loopboard.lock"))).toBe(false);
  });
});

describe.runIf(testDriver() === "postgres")("several connections to PostgreSQL", () => {
  it("are allowed: a second handle on the same database sees committed rows", async () => {
    await db.insert(users).values({ email: "shared@example.test", name: "Shared" });
    const second = openDatabase(database().url);
    try {
      const rows = await queryRows<{ name: string }>(second.db, sql`SELECT name FROM users WHERE email = 'shared@example.test'`);
      expect(rows).toEqual([{ name: "Shared" }]);
    } finally {
      await second.close();
    }
  });
});

describe.runIf(testDriver() === "postgres")("prepared statements on PostgreSQL", () => {
  // Each test marks its statement with a comment of its own: the pool reuses connections.
  const prepared = (executor: Executor, mark: string) =>
    queryRows<{ statement: string }>(executor, sql`SELECT statement FROM pg_prepared_statements WHERE statement LIKE ${`%/* ${mark} */%`}`);

  it("keeps a query with parameters prepared on its connection, inside transactions too", async () => {
    await db.transaction(async (tx) => {
      for (let i = 0; i < 2; i++) {
        await queryRows(tx, sql`SELECT id FROM users WHERE email = ${"nobody@example.test"} /* prepare-check-1 */`);
      }
      const rows = await prepared(tx, "prepare-check-1");
      expect(rows).toHaveLength(1);
      expect(rows[0].statement).toContain("email = $1");
    });
  });

  it(`leaves a statement with more than ${MAX_PREPARED_PARAMETERS} parameters unnamed`, async () => {
    const ids = Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, (_, i) => i + 1);
    await db.transaction(async (tx) => {
      const found = await tx.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), sql`true /* prepare-check-2 */`));
      expect(found.every((row) => ids.includes(row.id))).toBe(true);
      expect(await prepared(tx, "prepare-check-2")).toEqual([]);
    });
  });

  it("plans each run of a prepared statement for its own parameters", async () => {
    const [row] = await queryRows<{ mode: string }>(db, sql`SELECT current_setting('plan_cache_mode') AS mode`);
    expect(row.mode).toBe("force_custom_plan");
  });

  it("prepares nothing when DATABASE_URL says prepare=false", async () => {
    const url = new URL(database().url);
    url.searchParams.set("prepare", "false");
    const second = openDatabase(url.toString());
    try {
      await second.db.transaction(async (tx) => {
        await queryRows(tx, sql`SELECT id FROM users WHERE email = ${"nobody@example.test"} /* prepare-check-3 */`);
        expect(await prepared(tx, "prepare-check-3")).toEqual([]);
        const [row] = await queryRows<{ mode: string }>(tx, sql`SELECT current_setting('plan_cache_mode') AS mode`);
        expect(row.mode).toBe("auto");
      });
    } finally {
      await second.close();
    }
  });

  it("re-prepares a statement after a schema change makes its plan stale", async () => {
    const before = process.env.DATABASE_POOL_SIZE;
    process.env.DATABASE_POOL_SIZE = "1";
    const single = openDatabase(database().url);
    try {
      await single.db.execute(sql`CREATE TABLE prepare_check (id int PRIMARY KEY, name text)`);
      await single.db.execute(sql`INSERT INTO prepare_check VALUES (1, 'one')`);
      const read = () => queryRows<Record<string, unknown>>(single.db, sql`SELECT * FROM prepare_check WHERE id = ${1}`);
      expect(await read()).toEqual([{ id: 1, name: "one" }]);
      const kept = await queryRows<{ n: number }>(single.db, sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE '%FROM prepare_check WHERE id = $1%'`);
      expect(kept).toEqual([{ n: 1 }]);
      await single.db.execute(sql`ALTER TABLE prepare_check ADD COLUMN note text NOT NULL DEFAULT 'n'`);
      expect(await read()).toEqual([{ id: 1, name: "one", note: "n" }]);
    } finally {
      await single.db.execute(sql`DROP TABLE IF EXISTS prepare_check`);
      await single.close();
      if (before === undefined) delete process.env.DATABASE_POOL_SIZE;
      else process.env.DATABASE_POOL_SIZE = before;
    }
  });
});
