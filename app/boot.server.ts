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
import { databaseProblem } from "./lib/database-problems.server";
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

/** How long a command waits, once everything is closed, for the process to end by itself. */
const COMMAND_EXIT_GRACE_MS = 5000;

/**
 * Runs a command-line tool (db:migrate, db:seed, admin …) to the end of the process: whatever the
 * work opened — database connections, the job queue, the worker's lock connection, the SMTP pool
 * — is closed, and the process exits 0, or 1 after saying what went wrong: `explain`'s sentence
 * or a database problem's (databaseProblem), the stack only for what is neither (a bug).
 */
export async function runCommand(work: () => Promise<void>, explain: (error: unknown) => string | null = () => null): Promise<void> {
  let code = 0;
  try {
    await work();
  } catch (error) {
    console.error(explain(error) ?? databaseProblem(error) ?? error);
    code = 1;
  }
  try {
    await shutdown();
  } catch (error) {
    console.error(databaseProblem(error) ?? error);
    code = 1;
  }
  process.exitCode = code;
  // Nothing should be left open now. If something is, name it rather than leave the terminal waiting.
  setTimeout(() => {
    console.error(`Still open after closing everything: ${process.getActiveResourcesInfo().join(", ")}. Exiting anyway.`);
    process.exit(code || 1);
  }, COMMAND_EXIT_GRACE_MS).unref();
}
