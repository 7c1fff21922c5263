/**
 * Which worker processes are alive, so work claimed by a process that died (even by kill -9) can
 * be handed to another at once instead of after a timeout.
 *
 * On Postgres each process that claims work takes a session advisory lock (NAMESPACE, id) on a
 * connection of its own, held for the life of the process. When the process dies, Postgres drops
 * its connection and the lock with it, so `liveWorkerInstances()` (read from pg_locks) no longer
 * lists it. On PGlite only one process can open the database, so the current process is the only
 * live instance and any other id found on a claim belongs to a process that is gone.
 */
import crypto from "node:crypto";
import postgres from "postgres";
import { database } from "./db.server";

/** First key of the two-int advisory lock ("LB"). */
export const WORKER_LOCK_NAMESPACE = 0x4c42;

type Global = typeof globalThis & {
  __loopboardWorker?: { id: number; client: postgres.Sql | null; url: string };
};
const g = globalThis as Global;

function randomId(): number {
  return crypto.randomInt(1, 2 ** 31 - 1);
}

let acquiring: Promise<number> | null = null;

/** This process's worker instance id, registering it (taking its lock) on first use. */
export async function workerInstanceId(): Promise<number> {
  const handle = database();
  const current = g.__loopboardWorker;
  if (current && current.url === handle.url) {
    if (current.client) await holdLock(current.client, current.id); // re-taken if the connection was replaced
    return current.id;
  }
  acquiring ??= register(handle.url, handle.driver).finally(() => (acquiring = null));
  return acquiring;
}

async function holdLock(client: postgres.Sql, id: number): Promise<boolean> {
  // Re-entrant within the session: true again when this connection already holds it.
  const [row] = await client`SELECT pg_try_advisory_lock(${WORKER_LOCK_NAMESPACE}::int, ${id}::int) AS ok`;
  return Boolean(row?.ok);
}

async function register(url: string, driver: "pglite" | "postgres"): Promise<number> {
  await releaseWorkerInstance();
  if (driver === "pglite") {
    g.__loopboardWorker = { id: randomId(), client: null, url };
    return g.__loopboardWorker.id;
  }
  // One connection that lives as long as the process: no idle timeout, no maximum lifetime.
  const client = postgres(url, { max: 1, idle_timeout: 0, max_lifetime: 0, onnotice: () => {}, connection: { application_name: "loopboard-worker" } });
  for (let attempt = 0; attempt < 20; attempt++) {
    const id = randomId();
    if (await holdLock(client, id)) {
      g.__loopboardWorker = { id, client, url };
      return id;
    }
  }
  await client.end({ timeout: 1 });
  throw new Error("Could not register a worker instance");
}

/** Worker instance ids whose process is alive right now. */
export async function liveWorkerInstances(): Promise<number[]> {
  const handle = database();
  if (handle.driver === "pglite") {
    const current = g.__loopboardWorker;
    return current && current.url === handle.url ? [current.id] : [];
  }
  const { rows } = await handle.executeSql(
    `SELECT objid::bigint AS id FROM pg_locks
      WHERE locktype = 'advisory' AND classid = $1::int::oid AND objsubid = 2 AND granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [WORKER_LOCK_NAMESPACE],
  );
  return rows.map((r) => Number(r.id));
}

/** Gives up this process's instance (its claims then count as orphaned). */
export async function releaseWorkerInstance(): Promise<void> {
  const current = g.__loopboardWorker;
  g.__loopboardWorker = undefined;
  if (current?.client) await current.client.end({ timeout: 2 }).catch(() => {});
}
