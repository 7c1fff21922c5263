/**
 * The database errors a person can fix themselves (PostgreSQL not running or at another address,
 * no such database, credentials refused, the embedded database open elsewhere), said in one
 * sentence for the command line and the server's start-up instead of a stack trace.
 */
import { DatabaseLockedError } from "./db.server";
import { env } from "./env.server";

interface DriverError {
  code?: string;
  message?: string;
  errors?: DriverError[];
}

/** Where DATABASE_URL points, as host:port (no credentials). */
function address(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}`;
}

/** A sentence for `error` when it is a database problem of that kind; null for anything else. */
export function databaseProblem(error: unknown, url: string = env.databaseUrl): string | null {
  if (error instanceof DatabaseLockedError) return error.message;
  if (!/^postgres(ql)?:\/\//i.test(url)) return null;
  const e = (error ?? {}) as DriverError;
  // A host name with several addresses fails with one error per address.
  const code = e.code ?? e.errors?.[0]?.code;
  const where = address(url);
  switch (code) {
    case "ECONNREFUSED":
      return `Cannot reach PostgreSQL at ${where}: the connection was refused. Is PostgreSQL running there, and is DATABASE_URL right?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot reach PostgreSQL at ${where}: the host name does not resolve. Check DATABASE_URL.`;
    case "ETIMEDOUT":
    case "CONNECT_TIMEOUT":
      return `Cannot reach PostgreSQL at ${where}: the connection timed out. Check DATABASE_URL and the network.`;
    case "3D000":
      return `PostgreSQL at ${where}: ${e.message}. Create it (createdb ${new URL(url).pathname.slice(1)}) or fix DATABASE_URL.`;
    case "28P01":
    case "28000":
      return `PostgreSQL at ${where} refused the user or password in DATABASE_URL: ${e.message}.`;
    default:
      return null;
  }
}
