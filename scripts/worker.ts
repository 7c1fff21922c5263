/**
 * `npm run worker`: works the job queue (notification fan-out, emails, reconcile jobs) without the
 * web server. Run it beside web processes started with WORKER_IN_APP=false, or as extra capacity;
 * it needs DATABASE_URL=postgres://… (an embedded database can only be opened by one process).
 * SIGTERM / SIGINT stop it gracefully: running jobs finish (up to 10 s), the rest stay queued.
 */
import { boot, shutdown } from "../app/boot.server";

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: stopping…`);
  try {
    await shutdown();
  } catch (error) {
    console.error("[worker] shutdown failed", error);
    process.exitCode = 1;
  }
  process.exit();
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));

try {
  await boot({ workers: true });
  console.log(`[worker] started (pid ${process.pid})`);
} catch (error) {
  console.error(error instanceof Error && error.name === "DatabaseLockedError" ? error.message : error);
  process.exit(1);
}
