/**
 * Process start and stop for the web server and the worker: migrate, make sure there is a board,
 * start the job workers (unless WORKER_IN_APP=false), and later close everything in order.
 */
import { jobs } from "../jobs/index.server";
import { scheduleCountReconciliation } from "../jobs/reconcile-counts.server";
import { scheduleNotificationRecovery } from "../jobs/recover-notifications.server";
import { ensureDefaultBoard } from "../models/boards.server";
import { closeDatabase, database, migrateDatabase } from "./db.server";
import { env } from "./env.server";
import { closeMailer } from "./mailer.server";
import { prepareJobs, startWorkers, stopQueue } from "./queue.server";
import { lucia } from "./auth.server";
import { releaseWorkerInstance } from "./worker-instance.server";

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
