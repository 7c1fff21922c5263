/**
 * Durable jobs on pg-boss, in the same database as everything else (see
 * docs/decisions/0003-job-queue.md). On PGlite pg-boss runs through the embedded connection; on
 * Postgres it keeps its own small pool. A job can be enqueued inside a drizzle transaction, so it
 * exists only if the transaction commits.
 *
 * Code that queues work names the job (`enqueue("send-email", …)`); it never imports the handler.
 * The job modules declare their payloads in JobPayloads and the composition root
 * (app/boot.server.ts) hands their definitions to prepareJobs(), which knows each queue's policy.
 */
import PgBoss from "pg-boss";
import { sql, type SQL } from "drizzle-orm";
import { database, db, queryRows, type Executor } from "./db.server";

/**
 * The payload of every job, by name. Each job module adds its own entry:
 * `declare module "../lib/queue.server" { interface JobPayloads { "send-email": OutgoingMail } }`.
 */
export interface JobPayloads {}

export type JobName = keyof JobPayloads & string;
/** The payload `enqueue(name, …)` takes: the declared one for a known job, any object otherwise. */
export type PayloadOf<N extends string> = N extends JobName ? JobPayloads[N] : object;

export interface JobDefinition<T = any> {
  name: string;
  /** Handles one job. Throwing fails the attempt; pg-boss retries with backoff up to retryLimit. */
  handle: (data: T, job: PgBoss.JobWithMetadata<T>) => Promise<void>;
  queue?: Omit<PgBoss.Queue, "name">;
  batchSize?: number;
  /** How many batches this process works on at once. */
  concurrency?: number;
}

const DEFAULT_QUEUE: Omit<PgBoss.Queue, "name"> = {
  retryLimit: 8,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
};

type Global = typeof globalThis & {
  __loopboardQueue?: { boss: PgBoss; ready: Promise<void>; queues: Set<string>; working: boolean };
  /** Every job definition handed to prepareJobs(), by name: what a queue is created with. */
  __loopboardJobs?: Map<string, JobDefinition>;
};
const g = globalThis as Global;
const definitions: Map<string, JobDefinition> = (g.__loopboardJobs ??= new Map());

function createBoss(): PgBoss {
  const handle = database();
  const base = { schema: "pgboss", application_name: "loopboard-jobs" } as const;
  const boss =
    handle.driver === "postgres"
      ? new PgBoss({ ...base, connectionString: handle.url, max: Number(process.env.JOB_POOL_SIZE || 4) })
      : new PgBoss({ ...base, db: { executeSql: (text, values) => handle.executeSql(text, values) } });
  boss.on("error", (error) => console.error("[jobs]", error));
  return boss;
}

/** The started pg-boss of this process. */
export async function queue(): Promise<PgBoss> {
  if (!g.__loopboardQueue) {
    const boss = createBoss();
    g.__loopboardQueue = { boss, ready: boss.start().then(() => undefined), queues: new Set(), working: false };
  }
  await g.__loopboardQueue.ready;
  return g.__loopboardQueue.boss;
}

async function ensureQueue(boss: PgBoss, name: string, options?: Omit<PgBoss.Queue, "name">) {
  const state = g.__loopboardQueue!;
  if (state.queues.has(name)) return;
  const wanted = { name, ...DEFAULT_QUEUE, ...options };
  const existing = await boss.getQueue(name);
  if (!existing) await boss.createQueue(name, wanted);
  // A queue made by an earlier version keeps its policy and retry settings until told otherwise;
  // jobs take the queue's settings when they are sent.
  else if (
    (existing.policy ?? "standard") !== (wanted.policy ?? "standard") ||
    (["retryLimit", "retryDelay", "retryBackoff", "expireInSeconds"] as const).some((key) => wanted[key] !== undefined && existing[key] !== wanted[key])
  ) {
    await boss.updateQueue(name, wanted);
  }
  state.queues.add(name);
}

/** Values as node-postgres would send them: undefined as NULL, plain objects as JSON. */
function asParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return JSON.stringify(value);
  }
  return value;
}

/** pg-boss's executeSql over an open drizzle transaction, so the job commits or rolls back with it. */
export function transactionExecutor(tx: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      // Rebuild "$1 … $n" as drizzle params so the statement runs on the transaction's connection.
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = [sql.raw(parts[0])];
      for (let i = 1; i < parts.length; i += 2) {
        chunks.push(sql`${asParam(values[Number(parts[i]) - 1])}`, sql.raw(parts[i + 1]));
      }
      return { rows: await queryRows(tx, sql.join(chunks, sql.raw(""))) };
    },
  };
}

/**
 * Makes these job definitions known by name, so code that enqueues them by name gets their
 * queue's policy. The composition root (app/boot.server.ts) registers every job at start-up.
 */
export function registerJobs(jobs: JobDefinition[]): void {
  for (const job of jobs) definitions.set(job.name, job);
}

/** Registers these job definitions and creates their queues. */
export async function prepareJobs(jobs: JobDefinition[]): Promise<void> {
  registerJobs(jobs);
  const boss = await queue();
  for (const job of jobs) await ensureQueue(boss, job.name, job.queue);
}

/**
 * Creates the queues of these jobs, by name, with their registered policy. Call it before
 * opening a transaction that enqueues: PGlite has one connection, so queue set-up cannot run
 * while a transaction holds it. Cheap once a queue exists.
 */
export async function prepareQueues(names: JobName[]): Promise<void> {
  const boss = await queue();
  for (const name of names) {
    const job = definitions.get(name);
    if (!job) throw new Error(`Job "${name}" is not registered: prepareJobs() with its definition must run first (app/boot.server.ts).`);
    await ensureQueue(boss, name, job.queue);
  }
}

export interface EnqueueOptions extends PgBoss.SendOptions {
  /** Enqueue inside this transaction. */
  tx?: Executor;
}

/** Queues a job by name (inside `options.tx` when given, so it exists only if that commits). */
export async function enqueue<N extends string>(name: N, data: PayloadOf<N>, options: EnqueueOptions = {}): Promise<string | null> {
  const boss = await queue();
  const { tx, ...sendOptions } = options;
  if (tx && !g.__loopboardQueue!.queues.has(name)) {
    throw new Error(`Queue "${name}" is not prepared: call prepareQueues() before the transaction that enqueues it.`);
  }
  if (!tx) await prepareQueues([name as JobName]);
  return boss.send(name, data as object, tx ? { ...sendOptions, db: transactionExecutor(tx) } : sendOptions);
}

/** Starts working every given job in this process (the web process by default, or `npm run worker`). */
export async function startWorkers(jobs: JobDefinition[], options: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  await prepareJobs(jobs);
  const boss = await queue();
  g.__loopboardQueue!.working = true;
  for (const job of jobs) {
    for (let i = 0; i < (job.concurrency ?? 1); i++) {
      await boss.work<any>(
        job.name,
        { batchSize: job.batchSize ?? 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
        async (batch) => {
          for (const item of batch) await job.handle(item.data, item);
        },
      );
    }
  }
}

/**
 * Runs every job that is due, in this process, until none is left (jobs that enqueue more jobs
 * included). For the CLI and tests; the app uses startWorkers().
 */
export async function drainQueue(jobs: JobDefinition[], { maxRounds = 1000 } = {}): Promise<number> {
  await prepareJobs(jobs);
  const boss = await queue();
  let handled = 0;
  for (let round = 0; round < maxRounds; round++) {
    let progressed = false;
    for (const job of jobs) {
      const batch = await boss.fetch<any>(job.name, { batchSize: 50, includeMetadata: true });
      for (const item of batch ?? []) {
        progressed = true;
        try {
          await job.handle(item.data, item);
          await boss.complete(job.name, item.id);
        } catch (error) {
          await boss.fail(job.name, item.id, { message: (error as Error).message });
        }
        handled++;
      }
    }
    if (!progressed) return handled;
  }
  return handled;
}

export interface JobStateCounts {
  /** Waiting for their first try, or on it. */
  queued: number;
  /** Failed at least once and waiting for (or on) another try. */
  retrying: number;
  /** Out of retries (kept as long as pg-boss keeps finished jobs). */
  failed: number;
  lastError: { message: string; at: Date } | null;
}

/** How the jobs of one queue stand, from pg-boss's own table (for the admins' email page). */
export async function jobStateCounts(name: JobName): Promise<JobStateCounts> {
  await queue();
  const [counts] = await queryRows<{ queued: number; retrying: number; failed: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE state IN ('created', 'active') AND retry_count = 0)::int AS queued,
               count(*) FILTER (WHERE state = 'retry' OR (state IN ('created', 'active') AND retry_count > 0))::int AS retrying,
               count(*) FILTER (WHERE state = 'failed')::int AS failed
        FROM pgboss.job WHERE name = ${name}`,
  );
  const [last] = await queryRows<{ message: string | null; at: Date | string }>(
    db,
    sql`SELECT output->>'message' AS message, coalesce(completed_on, started_on, created_on) AS at
        FROM pgboss.job WHERE name = ${name} AND state IN ('retry', 'failed') AND output ? 'message'
        ORDER BY coalesce(completed_on, started_on, created_on) DESC LIMIT 1`,
  );
  return {
    queued: Number(counts?.queued ?? 0),
    retrying: Number(counts?.retrying ?? 0),
    failed: Number(counts?.failed ?? 0),
    lastError: last?.message ? { message: last.message, at: new Date(last.at) } : null,
  };
}

export async function stopQueue(): Promise<void> {
  const state = g.__loopboardQueue;
  g.__loopboardQueue = undefined;
  if (!state) return;
  await state.ready.catch(() => {});
  await state.boss.stop({ graceful: state.working, wait: true, timeout: 10_000 });
}
