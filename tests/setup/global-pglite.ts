/**
 * Once per run of the pglite project: an embedded database migrated once, in a temporary
 * directory, which every test file copies as its own $DATA_DIR/db. Booting a copy takes about
 * half a second; creating and migrating a fresh in-memory PGlite takes two to four.
 *
 * Every test file's $DATA_DIR is made under the same temporary root, which teardown removes, so
 * nothing is left behind even when a file fails before its own cleanup runs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "~/lib/db.server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A closed, migrated PGlite data directory to copy. */
    pgliteTemplateDir: string;
    /** Where test files make their $DATA_DIR; removed after the run. */
    testTmpRoot: string;
  }
}

export default async function setup(project: TestProject) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "loopboard-pglite-"));
  const templateDataDir = path.join(root, "template");
  // openDatabase() puts embedded files under $DATA_DIR/db; point it at the template only for this call.
  const previous = process.env.DATA_DIR;
  process.env.DATA_DIR = templateDataDir;
  let handle;
  try {
    handle = openDatabase("");
  } finally {
    if (previous === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previous;
  }
  try {
    await migrateDatabase(handle);
  } catch (error) {
    await handle.close();
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
  await handle.close();
  project.provide("pgliteTemplateDir", path.join(templateDataDir, "db"));
  project.provide("testTmpRoot", root);

  return () => fs.rmSync(root, { recursive: true, force: true });
}
