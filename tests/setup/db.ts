/**
 * Runs before every test file (vitest setupFiles), in that file's own process:
 *
 * - a fresh, migrated, isolated database for the file, on the driver the project names
 *   (TEST_DRIVER=pglite: a copy of a migrated PGlite data directory, opened as the app opens
 *   it, from $DATA_DIR/db — about 0.5 s, where a fresh memory:// PGlite plus migrations takes
 *   2–4 s; TEST_DRIVER=postgres: a database created from a migrated template), dropped when the
 *   file is done;
 * - a fresh $DATA_DIR (outbox, secrets) and no SMTP_URL, so mail lands in $DATA_DIR/outbox;
 * - a console.error during a test fails it, unless the test calls allowConsoleError().
 *
 * Everything runs at import time, before the test file is imported, so app modules only ever
 * see the test database.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { format } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import { closeDatabase, database, migrateDatabase, type Driver } from "~/lib/db.server";
import { adminDatabaseUrl, createDatabase, databaseUrlFor, dropDatabase, withAdmin } from "./postgres-admin";

/** The database driver this test file runs on. */
export function testDriver(): Driver {
  const driver = process.env.TEST_DRIVER ?? "pglite";
  if (driver !== "pglite" && driver !== "postgres") throw new Error(`TEST_DRIVER must be pglite or postgres, got "${driver}"`);
  return driver;
}

// ---------------------------------------------------------------- console.error is a failure

const consoleErrors: string[] = [];
let consoleErrorAllowed = false;
const originalConsoleError = console.error.bind(console);

console.error = (...args: unknown[]) => {
  consoleErrors.push(format(...args));
  if (!consoleErrorAllowed) originalConsoleError(...args);
};

/**
 * Lets the current test log with console.error (for code whose job is to log a failure). Returns
 * the messages logged so far in this test, kept up to date, so the test can assert on them.
 */
export function allowConsoleError(): readonly string[] {
  consoleErrorAllowed = true;
  return consoleErrors;
}

function takeConsoleErrors(where: string): void {
  if (consoleErrors.length === 0 || consoleErrorAllowed) {
    consoleErrors.length = 0;
    return;
  }
  const messages = consoleErrors.splice(0).map((m, i) => `  ${i + 1}. ${m.split("\n").join("\n     ")}`);
  throw new Error(`console.error was called ${where} (call allowConsoleError() if that is expected):\n${messages.join("\n")}`);
}

beforeEach(() => {
  // Logged by a beforeAll hook or between tests: blame the next test rather than lose it.
  takeConsoleErrors("before this test, outside any test");
  consoleErrorAllowed = false;
});

afterEach(() => {
  try {
    takeConsoleErrors("during this test");
  } finally {
    consoleErrorAllowed = false;
  }
});

// ---------------------------------------------------------------- a database of its own

const driver = testDriver();
const started = performance.now();

const dataDir = fs.mkdtempSync(path.join(inject("testTmpRoot") ?? os.tmpdir(), "loopboard-test-"));
process.env.DATA_DIR = dataDir;
delete process.env.SMTP_URL;

let postgresDatabase: { adminUrl: string; name: string } | undefined;
let migrateHere = false;

if (driver === "pglite") {
  process.env.DATABASE_URL = ""; // embedded, in $DATA_DIR/db
  const template = inject("pgliteTemplateDir");
  if (template) fs.cpSync(template, path.join(dataDir, "db"), { recursive: true });
  else migrateHere = true; // run without the project's globalSetup: migrate from scratch
} else {
  const template = inject("postgresTemplate");
  const adminUrl = adminDatabaseUrl();
  const prefix = template?.fileDatabasePrefix ?? `loopboard_test_${process.pid}_`;
  const name = prefix + crypto.randomBytes(5).toString("hex");
  await withAdmin(adminUrl, (sql) => createDatabase(sql, name, template?.name));
  postgresDatabase = { adminUrl, name };
  process.env.DATABASE_URL = databaseUrlFor(adminUrl, name);
  migrateHere = !template;
}

beforeAll(async () => {
  const handle = database();
  if (migrateHere) await migrateDatabase(handle);
  await handle.executeSql("SELECT 1");
  // What the composition root does at start-up: models enqueue jobs by name.
  const [{ jobs }, { registerJobs }] = await Promise.all([import("~/jobs/index.server"), import("~/lib/queue.server")]);
  registerJobs(jobs);
  if (process.env.TEST_SETUP_TIMING) {
    process.stdout.write(`[setup] ${driver}: database ready in ${Math.round(performance.now() - started)} ms\n`);
  }
});

afterAll(async () => {
  try {
    takeConsoleErrors("after the last test (in an afterAll hook?)");
  } finally {
    try {
      // pg-boss holds connections and timers; stop it before its database goes away.
      if ((globalThis as { __loopboardQueue?: unknown }).__loopboardQueue) {
        const { stopQueue } = await import("~/lib/queue.server");
        await stopQueue();
      }
      await closeDatabase();
    } finally {
      if (postgresDatabase) {
        const { adminUrl, name } = postgresDatabase;
        await withAdmin(adminUrl, (sql) => dropDatabase(sql, name));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
});
