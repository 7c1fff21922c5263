/**
 * Creating and dropping the throwaway databases the postgres test project runs on. Every name
 * made here starts with `loopboard_test_`, and only names made here are ever dropped.
 */
import postgres from "postgres";

export const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** Where to connect to create and drop test databases. */
export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_ADMIN_URL;
}

/** The same server and credentials as `adminUrl`, another database. */
export function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Names are generated here from [a-z0-9_]; anything else is refused rather than quoted. */
function ident(name: string): string {
  if (!/^loopboard_test_[a-z0-9_]+$/.test(name) || name.length > 63) throw new Error(`Refusing database name ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** Runs `fn` with a single short-lived connection to the admin database. */
export async function withAdmin<T>(adminUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {}, connection: { application_name: "loopboard-tests" } });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function createDatabase(sql: postgres.Sql, name: string, template?: string): Promise<void> {
  await sql.unsafe(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ""}`);
}

/** Drops a test database, closing any connection a test left open. */
export async function dropDatabase(sql: postgres.Sql, name: string): Promise<void> {
  await sql.unsafe(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
}
