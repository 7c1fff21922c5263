/**
 * The composition root: the one module that knows every part. Process start and stop for the web
 * server, the worker and the CLI: migrate, make sure there is a board, register every job (so
 * models can enqueue them by name) and start working them (unless WORKER_IN_APP=false), and
 * later close everything in order.
 */
import { jobs } from "./jobs/index.server";
import { scheduleCountReconciliation } from "./jobs/reconcile-counts.server";
import { scheduleNotificationRecovery } from "./jobs/recover-notifications.server";
import { lucia } from "./lib/auth.server";
import { closeDatabase, database, migrateDatabase } from "./lib/db.server";
import { env } from "./lib/env.server";
import { closeMailer } from "./lib/mailer.server";
import { prepareJobs, startWorkers, stopQueue } from "./lib/queue.server";
import { releaseWorkerInstance } from "./lib/worker-instance.server";
import { ensureDefaultBoard } from "./models/boards.server";

let sweeper: NodeJS.Timeout | undefined;

export async function boot({ workers = env.runWorkerInApp }: { workers?: boolean } = {}): Promise<void> {
  const handle = database();
  await migrateDatabase(handle);
  await ensureDefaultBoard();
  await prepareJobs(jobs);
  if (workers) await startWorkers(jobs);
  if (workers) await scheduleNotificationRecovery();
  if (workers) await scheduleCountReconciliation();
  const sweep = () => lucia.deleteExpiredSessions().catch((e) => console.error("[sessions] sweep failed", e));
  sweeper = setInterval(sweep, 6 * 3600_000);
  sweeper.unref();
}

export async function shutdown(): Promise<void> {
  if (sweeper) clearInterval(sweeper);
  await stopQueue();
  await releaseWorkerInstance();
  closeMailer();
  await closeDatabase();
}
