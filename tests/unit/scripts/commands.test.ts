/**
 * The command-line tools as a newcomer runs them: `npm run db:migrate`, `npm run db:seed` and
 * `npm run admin -- …` started as child processes on the driver of this test project (a fresh
 * PGlite directory, or a throwaway PostgreSQL database made and dropped here), with mail going to
 * a real SMTP server. Each must end by itself — connections, queue and mailer closed — with 0 on
 * success and 1 with a plain message on failure.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../../setup/db";
import { adminDatabaseUrl, createDatabase, databaseUrlFor, dropDatabase, withAdmin } from "../../setup/postgres-admin";
import { startSmtpSink, type SmtpSink } from "../../setup/smtp";

const root = path.resolve(__dirname, "../../..");
/** Longer than any command takes on a loaded machine; a command still running then never ends on its own. */
const COMMAND_TIMEOUT_MS = 150_000;

interface Finished {
  /** null when the command had to be killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: string[], env: Record<string, string>): Promise<Finished> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", ...args], {
      cwd: root,
      env: { ...process.env, RATE_LIMIT_DISABLED: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, COMMAND_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: killed ? null : code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const driver = testDriver();
const databaseName = `loopboard_test_cli_${process.pid}_${Date.now().toString(36)}`;
let dataDir: string;
let sink: SmtpSink;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "loopboard-cli-"));
  sink = await startSmtpSink();
  let databaseUrl = "";
  if (driver === "postgres") {
    await withAdmin(adminDatabaseUrl(), (sql) => createDatabase(sql, databaseName));
    databaseUrl = databaseUrlFor(adminDatabaseUrl(), databaseName);
  }
  env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SMTP_URL: sink.url };
});

afterAll(async () => {
  await sink?.close();
  if (driver === "postgres") await withAdmin(adminDatabaseUrl(), (sql) => dropDatabase(sql, databaseName));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Exited by itself with `code`, saying nothing on stderr when it succeeded. */
function expectExit(result: Finished, code: number): void {
  const output = `exit ${result.code} after ${result.ms} ms\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
  expect(result.code, output).toBe(code);
  if (code === 0) expect(result.stderr, output).toBe("");
}

describe(`the commands end by themselves (${driver})`, () => {
  it("db:migrate, twice", { timeout: 2 * COMMAND_TIMEOUT_MS }, async () => {
    const first = await run(["db:migrate"], env);
    expectExit(first, 0);
    expect(first.stdout).toContain("Migrations applied.");
    expectExit(await run(["db:migrate"], env), 0);
  });

  it("db:seed, sending its emails through SMTP, then again (nothing to do)", { timeout: 2 * COMMAND_TIMEOUT_MS }, async () => {
    const seeded = await run(["db:seed"], env);
    expectExit(seeded, 0);
    expect(seeded.stdout).toContain("Done.");
    // The status changes' emails went out over the pooled SMTP connection, which had to be closed.
    expect(sink.messages.length).toBeGreaterThan(0);
    const again = await run(["db:seed"], env);
    expectExit(again, 0);
    expect(again.stdout).toContain("Nothing to do");
  });

  it("admin: user:create, user:role, token:create", { timeout: 3 * COMMAND_TIMEOUT_MS }, async () => {
    const created = await run(["admin", "--", "user:create", "--email", "ops@example.com", "--name", "Ops", "--role", "staff"], env);
    expectExit(created, 0);
    expect(created.stdout).toContain("Created staff ops@example.com");
    const promoted = await run(["admin", "--", "user:role", "--email", "ops@example.com", "--role", "admin"], env);
    expectExit(promoted, 0);
    expect(promoted.stdout).toContain("ops@example.com is now admin.");
    const token = await run(["admin", "--", "token:create", "--email", "ops@example.com", "--name", "CI"], env);
    expectExit(token, 0);
    expect(token.stdout.trim().split("\n").at(-1)).toMatch(/^lb_\S+$/);
  });

  it("admin: import a Canny export (a dry run, then for real, then again: nothing new), and refuse a bad file by line, in the terminal's language", { timeout: 9 * COMMAND_TIMEOUT_MS }, async () => {
    const fixture = (name: string) => path.join(root, "tests/fixtures/import", name);
    expectExit(await run(["admin", "--", "user:create", "--email", "importer@example.com", "--name", "Importer", "--role", "admin"], env), 0);
    const args = (file: string, ...more: string[]) => ["admin", "--", "import", "--file", fixture(file), "--format", "canny", "--as", "importer@example.com", ...more];
    // The terminal's language: English for C, Slovenian for sl_SI.
    const english = { ...env, LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "" };
    const dry = await run(args("canny-posts.csv", "--dry-run"), english);
    expectExit(dry, 0);
    expect(dry.stdout).toContain("[####################] 100% (3 of 3 rows written)");
    // New boards: as many of the file's two as an earlier test has not made.
    expect(dry.stdout).toMatch(/Dry run, nothing was written\. It would import ideas: 3, votes: 3, comments: 0, new boards: [0-2]; rows already there: 0\./);
    const slovenian = await run(args("canny-posts.csv", "--dry-run"), { ...english, LANG: "sl_SI.UTF-8" });
    expectExit(slovenian, 0);
    expect(slovenian.stdout).toContain("Preizkus, nič ni bilo zapisano. Uvoženo bi bilo predlogov: 3, glasov: 3");
    const real = await run(args("canny-posts.csv"), english);
    expectExit(real, 0);
    expect(real.stdout).toMatch(/Imported\. Ideas: 3, votes: 3, comments: 0, new boards: [0-2], rows already there: 0\./);
    const again = await run(args("canny-posts.csv"), english);
    expectExit(again, 0);
    expect(again.stdout).toContain("Imported. Ideas: 0, votes: 0, comments: 0, new boards: 0, rows already there: 6.");
    const bad = await run(["admin", "--", "import", "--file", fixture("bad.csv"), "--format", "csv", "--as", "importer@example.com"], english);
    expectExit(bad, 1);
    expect(bad.stderr).toContain("Nothing was imported:");
    expect(bad.stderr).toMatch(/Line 4: email:/);
    const badInSlovenian = await run(["admin", "--", "import", "--file", fixture("bad.csv"), "--format", "csv", "--as", "importer@example.com"], { ...english, LANG: "sl_SI.UTF-8" });
    expect(badInSlovenian.stderr).toContain("Nič ni bilo uvoženo:");
    expect(badInSlovenian.stderr).toMatch(/Vrstica 4: /);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it("admin: refusals exit 1 with the reason and no stack trace", { timeout: 4 * COMMAND_TIMEOUT_MS }, async () => {
    const cases: Array<[args: string[], says: RegExp]> = [
      [["admin"], /Usage:/],
      [["admin", "--", "user:role", "--email", "nobody@example.com", "--role", "admin"], /No account with nobody@example\.com/],
      [["admin", "--", "user:create", "--email", "not-an-email", "--name", "X"], /--email:/],
      [["admin", "--", "user:create", "--email", "x@example.com", "--bogus", "1"], /Unknown option/],
    ];
    for (const [args, says] of cases) {
      const result = await run(args, env);
      expectExit(result, 1);
      expect(result.stderr).toMatch(says);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe.runIf(driver === "postgres")("a database that cannot be reached", () => {
  const unreachable = (database: string, port?: number) => {
    const url = new URL(databaseUrlFor(adminDatabaseUrl(), database));
    if (port !== undefined) url.port = String(port);
    return url.toString();
  };
  const host = new URL(adminDatabaseUrl()).hostname.replaceAll(".", "\\.");

  it("every command exits 1 with a message that names the problem", { timeout: 6 * COMMAND_TIMEOUT_MS }, async () => {
    const missing = { ...env, DATABASE_URL: unreachable("loopboard_test_cli_missing") };
    const refused = { ...env, DATABASE_URL: unreachable(databaseName, 1) };
    for (const [args, where, says] of [
      [["db:migrate"], missing, /database "loopboard_test_cli_missing" does not exist/],
      [["db:seed"], missing, /database "loopboard_test_cli_missing" does not exist/],
      [["admin", "--", "user:role", "--email", "a@example.com", "--role", "admin"], missing, /database "loopboard_test_cli_missing" does not exist/],
      [["db:migrate"], refused, new RegExp(`Cannot reach PostgreSQL at ${host}:1\\b`)],
      [["db:seed"], refused, new RegExp(`Cannot reach PostgreSQL at ${host}:1\\b`)],
    ] as const) {
      const result = await run([...args], where);
      expectExit(result, 1);
      expect(result.stderr).toMatch(says);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
