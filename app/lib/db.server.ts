/**
 * One schema, two drivers: postgres.js when DATABASE_URL is a postgres:// URL, otherwise
 * embedded PGlite with its files under $DATA_DIR/db (or in memory for DATABASE_URL=memory://).
 * See docs/decisions/0002-two-database-drivers.md.
 *
 * The instance lives on globalThis so the Remix server build and the process that loaded it
 * (server.ts, the worker, the CLI) share one connection — an embedded database must only ever be
 * opened once.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { sql, type ExtractTablesWithRelations, type SQL } from "drizzle-orm";
import postgres from "postgres";
import * as schema from "../../db/schema";
import { env } from "./env.server";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Model helpers take either the database or an open transaction. */
export type Executor = Database | Transaction;

export type Driver = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Database;
  driver: Driver;
  /** Runs raw SQL with $1… parameters; for a parameterless multi-statement string, returns the rows of every statement. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
  close(): Promise<void>;
  url: string;
}

export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is already open in another process (pid ${pid}). ` +
        `Stop that process first, or set DATABASE_URL to use PostgreSQL, which allows several processes.`,
    );
    this.name = "DatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** An exclusive lock file beside the embedded database, so a second process fails clearly instead of corrupting it. */
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, "loopboard.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(lockFile, "utf8").trim());
      if (pid && pid !== process.pid && isAlive(pid)) throw new DatabaseLockedError(dir, pid);
      fs.rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

/** Statements with more parameters than this (bulk inserts, long IN lists) vary in text with their size: not kept. */
export const MAX_PREPARED_PARAMETERS = 64;

/**
 * drizzle runs every query unnamed, and postgres.js then needs two round trips for one with
 * parameters (Parse and Describe, wait for the parameter types, then Bind and Execute), and
 * PostgreSQL parses and analyses the text each time. Kept as a named prepared statement on its
 * connection instead, a query is one round trip and its text is parsed once: a vote went from
 * about 540 to about 1,000 a second (docs/decisions/0010-prepared-statements.md). postgres.js
 * re-prepares a statement that a schema change has made stale; `?prepare=false` on DATABASE_URL
 * turns all of this off (PgBouncer in transaction mode before 1.21).
 */
function preparingStatements(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property) {
      if (property === "unsafe") {
        return (query: string, parameters?: any[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, parameters, (parameters?.length ?? 0) <= MAX_PREPARED_PARAMETERS ? { ...options, prepare: true } : options);
      }
      // Transactions and savepoints hand their callback a client of their own: it prepares too.
      if (property === "begin" || property === "savepoint") {
        return (...args: any[]) => {
          const callback = args[args.length - 1] as (sql: postgres.Sql) => unknown;
          args[args.length - 1] = (sql: postgres.Sql) => callback(preparingStatements(sql));
          return Reflect.apply(Reflect.get(target, property) as (...a: any[]) => unknown, target, args);
        };
      }
      return Reflect.get(target, property);
    },
  });
}

export function openDatabase(url: string = env.databaseUrl): DatabaseHandle {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const prepare = !["false", "disable"].includes(new URL(url).searchParams.get("prepare") ?? "");
    const client = postgres(url, {
      max: Number(process.env.DATABASE_POOL_SIZE || 10),
      onnotice: () => {},
      prepare,
      // A prepared statement is still planned for its parameters on every run: a generic plan made
      // once could pick the wrong index for a skewed filter, and the EXPLAIN checks judge custom plans.
      connection: { application_name: "loopboard", ...(prepare ? { plan_cache_mode: "force_custom_plan" } : {}) },
    });
    const db = drizzlePostgres(prepare ? preparingStatements(client) : client, { schema }) as unknown as Database;
    return {
      db,
      driver: "postgres",
      url,
      async executeSql(text, values) {
        const rows = await client.unsafe(text, (values ?? []) as any[]);
        return { rows: Array.isArray(rows) ? [...rows] : [] };
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const inMemory = url.startsWith("memory://");
  const dir = inMemory ? "" : path.join(env.dataDir, "db");
  const release = inMemory ? () => {} : lockDataDir(dir);
  // One options object: `new PGlite(undefined, options)` silently drops the options (and the extensions with them).
  // pg_trgm and unaccent are what search needs (docs/decisions/0014-search-folding.md).
  const client = new PGlite({ dataDir: inMemory ? undefined : dir, extensions: { pg_trgm, unaccent } });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    driver: "pglite",
    url: inMemory ? url : `pglite:${dir}`,
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await client.query(text, values as any[])).rows };
      const results = await client.exec(text);
      return { rows: results.flatMap((r) => r.rows) };
    },
    async close() {
      await client.close();
      release();
    },
  };
}

type Global = typeof globalThis & { __loopboardDb?: DatabaseHandle };
const g = globalThis as Global;

/** The process-wide database, opened on first use. */
export function database(): DatabaseHandle {
  if (!g.__loopboardDb) g.__loopboardDb = openDatabase();
  return g.__loopboardDb;
}

/** Writes that a module keeps in memory and owes the database, flushed before it closes. */
const beforeClose = new Set<() => Promise<void>>();

/** Runs `flush` before the process's database closes (and so before shutdown completes). */
export function flushBeforeDatabaseCloses(flush: () => Promise<void>): void {
  beforeClose.add(flush);
}

export async function closeDatabase(): Promise<void> {
  if (g.__loopboardDb) {
    for (const flush of beforeClose) {
      try {
        await flush();
      } catch (error) {
        console.error("[db] a pending write failed before closing", error);
      }
    }
  }
  const handle = g.__loopboardDb;
  g.__loopboardDb = undefined;
  if (handle) await handle.close();
}

/** The drizzle database of this process. */
export const db: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const real = database().db as any;
    const value = real[prop];
    return typeof value === "function" ? value.bind(real) : value;
  },
});

/** A statement drizzle has built and prepared: each run only fills in its placeholders' values. */
export interface KeptStatement<Row> {
  execute(values?: Record<string, unknown>): Promise<Row[]>;
}

/**
 * Statements built once per open database (tests open several) and per shape, then kept: `build`
 * makes the statement of a shape from the first input of that shape, with `sql.placeholder` for
 * every value, and its `.prepare()` keeps drizzle from building the same text again on every
 * request (on PostgreSQL it is also a named prepared statement, ADR 0010). Shapes must be few:
 * each is kept for the life of the process.
 */
export function keptStatements<Input, Row>(name: string, build: (input: Input) => { prepare(name: string): KeptStatement<Row> }) {
  const byDatabase = new WeakMap<DatabaseHandle, Map<string, KeptStatement<Row>>>();
  return (shape: string, input: Input): KeptStatement<Row> => {
    const handle = database();
    let byShape = byDatabase.get(handle);
    if (!byShape) byDatabase.set(handle, (byShape = new Map()));
    let statement = byShape.get(shape);
    if (!statement) {
      statement = build(input).prepare(`${name}_${shape.replace(/\W/g, "_")}`);
      byShape.set(shape, statement);
    }
    return statement;
  };
}

/** Rows of a raw `sql` query, whatever the driver returns. */
export async function queryRows<T = Record<string, unknown>>(executor: Executor, query: SQL): Promise<T[]> {
  const result: any = await executor.execute(query);
  return (Array.isArray(result) ? result : result.rows) as T[];
}

/**
 * For a transaction that writes thousands of rows with foreign keys (a merge's copied votes, a
 * fan-out's notifications, an import): PostgreSQL checks each inserted row's foreign keys with a
 * saved plan of its own, and the connection's `plan_cache_mode = force_custom_plan` makes it plan
 * that check again for every row — a 10,000-vote merge spent three quarters of its time planning
 * the same primary-key lookup. `auto` for the rest of the transaction lets those checks keep their
 * plan; the transaction's own statements must be ones whose plan does not depend on their
 * parameters (look-ups by id). See docs/decisions/0010-prepared-statements.md.
 */
export async function keepForeignKeyCheckPlans(tx: Transaction): Promise<void> {
  await tx.execute(sql`SET LOCAL plan_cache_mode = auto`);
}

function migrationsFolder(): string {
  if (process.env.MIGRATIONS_DIR) return path.resolve(process.env.MIGRATIONS_DIR);
  const candidates = [
    path.resolve(process.cwd(), "db/migrations"),
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../db/migrations"),
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations"),
  ];
  return candidates.find((c) => fs.existsSync(path.join(c, "meta/_journal.json"))) ?? candidates[0];
}

/** Applies every committed migration; safe to run from several processes at once on Postgres. */
export async function migrateDatabase(handle: DatabaseHandle = database()): Promise<void> {
  const folder = migrationsFolder();
  if (handle.driver === "pglite") {
    await handle.executeSql("CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent");
    await migratePglite(handle.db as any, { migrationsFolder: folder });
    return;
  }
  // A dedicated single connection, so the advisory lock and the migration share one session.
  const client = postgres(handle.url, { max: 1, onnotice: () => {} });
  try {
    await client`SELECT pg_advisory_lock(7262831)`;
    await client`CREATE EXTENSION IF NOT EXISTS pg_trgm`;
    await client`CREATE EXTENSION IF NOT EXISTS unaccent`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: folder });
    await client`SELECT pg_advisory_unlock(7262831)`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** A unique-constraint violation (SQLSTATE 23505), whichever driver raised it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

export async function checkDatabase(): Promise<boolean> {
  try {
    await database().executeSql("SELECT 1", [1].slice(1));
    return true;
  } catch {
    return false;
  }
}
