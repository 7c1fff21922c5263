/**
 * Picks up notification work a dead process left behind, at start-up and then every minute:
 *  - emails claimed ("sending") by a worker instance that is no longer alive, or whose claim's lease
 *    has expired (a send that hung, in a process that is still alive), go back to "pending";
 *  - every event with pending emails gets a send run (runs share the rows, so an extra one is
 *    harmless);
 *  - every unfinished fan-out whose last batch was written by a dead instance (or that never
 *    started a minute after it was recorded) gets a fan-out run; it continues from its cursor.
 * Nothing here can repeat a notification: the rows' unique keys and claims see to that.
 */
import { sql } from "drizzle-orm";
import { db, queryRows } from "../lib/db.server";
import { enqueue, queue, type JobDefinition } from "../lib/queue.server";
import { liveWorkerInstances } from "../lib/worker-instance.server";
import { enqueueSend } from "../models/email-deliveries.server";

export interface RecoverData {
  /** At start-up every unfinished event is resumed, not only the stale ones. */
  startup?: boolean;
}

declare module "../lib/queue.server" {
  interface JobPayloads {
    "recover-notifications": RecoverData;
  }
}

export interface RecoveryResult {
  released: number;
  sendRuns: number;
  fanOutRuns: number;
}

export async function recoverNotificationWork({ startup = false }: RecoverData = {}): Promise<RecoveryResult> {
  const live = await liveWorkerInstances();
  // Instance ids start at 1, so 0 stands for "nobody is alive".
  const liveList = sql.join((live.length ? live : [0]).map((id) => sql`${id}::int`), sql`, `);
  const released = await queryRows<{ event_id: number }>(
    db,
    sql`UPDATE email_deliveries SET state = 'pending', claimed_by = NULL, lease_expires_at = NULL, updated_at = now()
        WHERE state = 'sending'
          AND (claimed_by IS NULL OR claimed_by NOT IN (${liveList}) OR lease_expires_at < now())
        RETURNING event_id`,
  );
  // Pending rows normally have a send run queued already; a stale one may have lost it to a
  // crash between pg-boss handing the job out and the run claiming its rows.
  const sendEvents = await queryRows<{ event_id: number }>(
    db,
    sql`SELECT DISTINCT event_id FROM email_deliveries
        WHERE state = 'pending' ${startup ? sql`` : sql`AND updated_at < now() - interval '2 minutes'`}`,
  );
  const events = new Set([...released, ...sendEvents].map((r) => Number(r.event_id)));
  for (const eventId of events) await enqueueSend(eventId, { coalesce: true });

  const fanOuts = await queryRows<{ id: number }>(
    db,
    sql`SELECT id FROM notification_events
        WHERE fan_out_done_at IS NULL
          AND (claimed_by NOT IN (${liveList})
               OR (claimed_by IS NULL AND (${sql.raw(startup ? "true" : "false")} OR created_at < now() - interval '1 minute')))`,
  );
  for (const { id } of fanOuts) await enqueue("fan-out-notification", { eventId: Number(id) });
  return { released: released.length, sendRuns: events.size, fanOutRuns: fanOuts.length };
}

export const recoverNotificationsJob: JobDefinition<RecoverData> = {
  name: "recover-notifications",
  queue: { retryLimit: 2, retryDelay: 10, expireInSeconds: 5 * 60 },
  async handle(data) {
    await recoverNotificationWork(data ?? {});
  },
};

/** Runs recovery now and every minute after (pg-boss cron); called where workers start. */
export async function scheduleNotificationRecovery(): Promise<void> {
  const boss = await queue();
  await boss.schedule(recoverNotificationsJob.name, "* * * * *", {});
  await enqueue("recover-notifications", { startup: true });
}
