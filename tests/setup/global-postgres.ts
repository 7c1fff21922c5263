/**
 * Once per run of the postgres project: a template database, migrated once, that every test file
 * copies with CREATE DATABASE … TEMPLATE (fast, and each file starts from the same schema).
 * Teardown drops the template and any per-file database a crashed worker left behind; both carry
 * this process's id, so nothing another run created is touched. It also removes the temporary
 * root under which test files make their $DATA_DIR.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "~/lib/db.server";
import { adminDatabaseUrl, createDatabase, databaseUrlFor, dropDatabase, withAdmin } from "./postgres-admin";

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: { name: string; fileDatabasePrefix: string };
    /** Where test files make their $DATA_DIR; removed after the run. */
    testTmpRoot: string;
  }
}

export default async function setup(project: TestProject) {
  const adminUrl = adminDatabaseUrl();
  const name = `loopboard_test_template_${process.pid}`;
  const fileDatabasePrefix = `loopboard_test_${process.pid}_`;

  await withAdmin(adminUrl, async (sql) => {
    // A leftover with this exact name can only be from an earlier run that had our process id.
    await dropDatabase(sql, name);
    await createDatabase(sql, name);
  }).catch((error) => {
    throw new Error(`Cannot create the test template database on ${redact(adminUrl)}: ${(error as Error).message}`);
  });

  const handle = openDatabase(databaseUrlFor(adminUrl, name));
  try {
    await migrateDatabase(handle);
  } catch (error) {
    await handle.close();
    await withAdmin(adminUrl, (sql) => dropDatabase(sql, name));
    throw error;
  }
  await handle.close();
  project.provide("postgresTemplate", { name, fileDatabasePrefix });
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "loopboard-postgres-"));
  project.provide("testTmpRoot", tmpRoot);

  return async () => {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
    await withAdmin(adminUrl, async (sql) => {
      const leftovers = await sql<{ datname: string }[]>`
        SELECT datname FROM pg_database WHERE starts_with(datname, ${fileDatabasePrefix})`;
      for (const { datname } of leftovers) await dropDatabase(sql, datname);
      await dropDatabase(sql, name);
    });
  };
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
