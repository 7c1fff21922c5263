/**
 * Upgrading a database that already holds data: migrations after the first must keep it. Each
 * test migrates a fresh database of the file's driver up to a point, writes rows the way that
 * schema allowed, then runs every migration as a deploy would.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { database, migrateDatabase, openDatabase, type DatabaseHandle } from "~/lib/db.server";
import { testDriver } from "../../setup/db";

const MIGRATIONS = path.resolve("db/migrations");
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A new, empty database on this file's driver, dropped after the test. */
async function freshDatabase(): Promise<DatabaseHandle> {
  if (testDriver() === "pglite") {
    const handle = openDatabase("memory://");
    cleanups.push(() => handle.close());
    return handle;
  }
  const name = `loopboard_upgrade_${crypto.randomBytes(5).toString("hex")}`;
  await database().executeSql(`CREATE DATABASE "${name}"`);
  const url = new URL(database().url);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString());
  cleanups.push(async () => {
    await handle.close();
    await database().executeSql(`DROP DATABASE "${name}" WITH (FORCE)`);
  });
  return handle;
}

/** A copy of db/migrations holding only the first `count` migrations. */
function firstMigrations(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loopboard-migrations-"));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8"));
  journal.entries = journal.entries.slice(0, count);
  fs.mkdirSync(path.join(dir, "meta"));
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
  for (const entry of journal.entries) fs.copyFileSync(path.join(MIGRATIONS, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  return dir;
}

async function migrateWith(handle: DatabaseHandle, folder: string | undefined) {
  const previous = process.env.MIGRATIONS_DIR;
  if (folder) process.env.MIGRATIONS_DIR = folder;
  else delete process.env.MIGRATIONS_DIR;
  try {
    await migrateDatabase(handle);
  } finally {
    if (previous === undefined) delete process.env.MIGRATIONS_DIR;
    else process.env.MIGRATIONS_DIR = previous;
  }
}

/** One user and one board, then `ideas` ("(board_id, author_id, title, slug, body)" value rows) as that schema allowed. */
async function writeOldIdeas(handle: DatabaseHandle, ideas: string) {
  await handle.executeSql(`INSERT INTO users (email, name) VALUES ('old@example.test', 'Old')`);
  await handle.executeSql(`INSERT INTO boards (slug, name) VALUES ('old', 'Old')`);
  await handle.executeSql(`INSERT INTO ideas (board_id, author_id, title, slug, body) VALUES ${ideas}`);
}

describe("upgrading a database with data", () => {
  it("gives ideas written before idea_search existed their search rows (0001, 0002)", async () => {
    const handle = await freshDatabase();
    await migrateWith(handle, firstMigrations(1));
    await writeOldIdeas(
      handle,
      `(1, 1, 'Calendar export', 'calendar-export', 'An iCal feed of shipped ideas.'),
       (1, 1, 'Dark mode', 'dark-mode', '')`,
    );

    await migrateWith(handle, undefined);

    const { rows } = await handle.executeSql(
      `SELECT i.title FROM idea_search s JOIN ideas i ON i.id = s.idea_id
       WHERE s.search_vector @@ websearch_to_tsquery('simple', 'ical') ORDER BY i.id`,
    );
    expect(rows.map((r) => r.title)).toEqual(["Calendar export"]);
    const counts = await handle.executeSql(`SELECT (SELECT count(*) FROM idea_search)::int AS search, (SELECT count(*) FROM ideas)::int AS ideas`);
    expect(counts.rows[0]).toEqual({ search: 2, ideas: 2 });

    // Ideas written after the upgrade are kept by the trigger.
    await handle.executeSql(`UPDATE ideas SET title = 'Dark theme' WHERE slug = 'dark-mode'`);
    const titles = await handle.executeSql(`SELECT title FROM idea_search WHERE title % 'dark theme'`);
    expect(titles.rows).toEqual([{ title: "dark theme" }]); // folded since 0008
  });

  it("folds and stems the search rows of ideas written before search folding (0008)", async () => {
    const handle = await freshDatabase();
    await migrateWith(handle, firstMigrations(8));
    await writeOldIdeas(handle, `(1, 1, 'ترتيب الاولويه', 'priorities', 'ملاحظات العملاء'), (1, 1, 'Čebelica v glavi', 'bee', 'Ikona.')`);
    const before = await handle.executeSql(`SELECT count(*)::int AS n FROM idea_search WHERE search_vector @@ websearch_to_tsquery('simple', 'cebelica')`);
    expect(before.rows[0].n).toBe(0);

    await migrateWith(handle, undefined);

    const found = async (q: string) =>
      (await handle.executeSql(`SELECT i.slug FROM idea_search s JOIN ideas i ON i.id = s.idea_id WHERE s.search_vector @@ search_query($1) ORDER BY i.id`, [q])).rows.map((r) => r.slug);
    expect(await found("cebelica")).toEqual(["bee"]);
    expect(await found("الأولويات")).toEqual(["priorities"]);
    const titles = await handle.executeSql(`SELECT title FROM idea_search ORDER BY idea_id`);
    expect(titles.rows.map((r) => r.title)).toEqual(["ترتيب الاولوية", "cebelica v glavi"]);
  });

  it("takes ideas staff had already answered out of the triage inbox (triaged_at)", async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
    const adding = journal.entries.findIndex((e) => /ADD COLUMN "triaged_at"/.test(fs.readFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), "utf8")));
    expect(adding).toBeGreaterThan(0);
    const handle = await freshDatabase();
    await migrateWith(handle, firstMigrations(adding));
    await writeOldIdeas(handle, `(1, 1, 'Answered by status', 'status', ''), (1, 1, 'Answered by staff', 'staff', ''), (1, 1, 'Only members talked', 'members', ''), (1, 1, 'Nobody', 'nobody', '')`);
    await handle.executeSql(`INSERT INTO status_changes (idea_id, actor_id, from_status, to_status) VALUES (1, 1, 'open', 'planned')`);
    await handle.executeSql(
      `INSERT INTO comments (idea_id, author_id, body, body_html, is_staff) VALUES (2, 1, 'On it', '<p>On it</p>', true), (3, 1, 'Me too', '<p>Me too</p>', false)`,
    );

    await migrateWith(handle, undefined);

    const { rows } = await handle.executeSql(`SELECT slug, triaged_at IS NOT NULL AS triaged FROM ideas ORDER BY id`);
    expect(rows).toEqual([
      { slug: "status", triaged: true },
      { slug: "staff", triaged: true },
      { slug: "members", triaged: false },
      { slug: "nobody", triaged: false },
    ]);
  });
});
