/**
 * Turns one notification event into one in-app notification (and at most one email delivery) per
 * recipient. Recipients are streamed in user-id order; each batch is its own short transaction
 * that inserts the rows (ON CONFLICT DO NOTHING on (event, user)), moves the event's cursor past
 * the batch and queues the email sends for the rows it created. A batch therefore happens
 * completely or not at all, so a crash, a retry or two runners at once never lose or repeat a
 * notification. See docs/decisions/0005-exactly-once-delivery.md.
 */
import { sql } from "drizzle-orm";
import { db, keepForeignKeyCheckPlans, queryRows } from "../lib/db.server";
import { enqueue, prepareQueues, type JobDefinition } from "../lib/queue.server";
import { workerInstanceId } from "../lib/worker-instance.server";
import { enqueueSend } from "../models/email-deliveries.server";
import { EMAIL_PREFERENCE } from "../models/notification-events.server";
import { FOLLOWER_BATCH_SIZE, followerIdsAfter } from "../models/subscriptions.server";

export interface FanOutData {
  eventId: number;
}

declare module "../lib/queue.server" {
  interface JobPayloads {
    "fan-out-notification": FanOutData;
  }
}

/** A run gives way to a fresh job after this long, so no single job runs for ages. */
const RUN_BUDGET_MS = 60_000;

type EventRow = {
  id: number;
  kind: keyof typeof EMAIL_PREFERENCE;
  idea_id: number;
  actor_id: number;
  recipient_id: number | null;
  exclude_user_id: number | null;
  source_idea_id: number | null;
  cursor: number;
  fan_out_done_at: Date | null;
};

/** The next recipients of an event after its cursor (a reply has one; everything else goes to followers). */
function recipientsAfter(event: EventRow, limit: number) {
  if (event.recipient_id !== null) {
    return sql`SELECT id AS user_id FROM users
               WHERE id = ${event.recipient_id}::int AND id > ${event.cursor}::int AND id <> ${event.actor_id}::int
               LIMIT ${limit}::int`;
  }
  // A merge tells the followers of the idea merged in (its own rows are kept as they were).
  return followerIdsAfter({ ideaId: event.source_idea_id ?? event.idea_id, after: event.cursor, limit, exclude: [event.actor_id, event.exclude_user_id] });
}

export interface BatchResult {
  done: boolean;
  notified: number;
  emails: number;
}

/** Writes the next batch of an event's notifications in one transaction. */
export async function fanOutBatch(eventId: number, batchSize = FOLLOWER_BATCH_SIZE): Promise<BatchResult> {
  const instance = await workerInstanceId();
  await prepareQueues(["send-notification-emails"]);
  return db.transaction(async (tx) => {
    // The row lock serializes runners of the same event: each batch starts from the cursor the
    // previous one committed.
    const [event] = await queryRows<EventRow>(
      tx,
      sql`SELECT id, kind, idea_id, actor_id, recipient_id, exclude_user_id, source_idea_id, cursor, fan_out_done_at
          FROM notification_events WHERE id = ${eventId}::int FOR UPDATE`,
    );
    if (!event || event.fan_out_done_at) return { done: true, notified: 0, emails: 0 };
    await keepForeignKeyCheckPlans(tx);
    const preference = sql.raw(`u.${EMAIL_PREFERENCE[event.kind]}`);
    const [result] = await queryRows<{ last_id: number | null; selected: number; notified: number; emails: number }>(
      tx,
      sql`WITH batch AS (${recipientsAfter(event, batchSize)}),
          inserted AS (
            INSERT INTO notifications (event_id, user_id)
            SELECT ${event.id}::int, user_id FROM batch
            ON CONFLICT (event_id, user_id) DO NOTHING
            RETURNING user_id
          ),
          mailed AS (
            INSERT INTO email_deliveries (event_id, user_id)
            SELECT ${event.id}::int, u.id FROM inserted JOIN users u ON u.id = inserted.user_id
            WHERE ${preference} AND u.email_unsubscribed_all_at IS NULL
              AND NOT EXISTS (
                SELECT 1 FROM subscriptions s
                WHERE s.idea_id = ${event.idea_id}::int AND s.user_id = u.id AND s.state = 'unfollowed'
              )
            ON CONFLICT (event_id, user_id) DO NOTHING
            RETURNING id
          )
          SELECT (SELECT max(user_id) FROM batch) AS last_id,
                 (SELECT count(*) FROM batch)::int AS selected,
                 (SELECT count(*) FROM inserted)::int AS notified,
                 (SELECT count(*) FROM mailed)::int AS emails`,
    );
    const selected = Number(result.selected);
    const done = selected < batchSize;
    await tx.execute(sql`
      UPDATE notification_events
      SET cursor = ${result.last_id === null ? event.cursor : Number(result.last_id)}::int,
          recipient_count = recipient_count + ${Number(result.notified)}::int,
          claimed_by = ${instance}::int,
          fan_out_done_at = ${done ? sql`now()` : sql`NULL`},
          updated_at = now()
      WHERE id = ${event.id}::int`);
    if (!done) {
      if (Number(result.emails) > 0) await enqueueSend(event.id, { tx, coalesce: true });
    } else if (Number(result.emails) > 0 || event.cursor > 0) {
      // The last batch: one more run for whatever the event still has pending (enqueueSend).
      const [pending] = await queryRows<{ any: boolean }>(
        tx,
        sql`SELECT EXISTS (SELECT 1 FROM email_deliveries WHERE event_id = ${event.id}::int AND state = 'pending') AS any`,
      );
      if (pending?.any) await enqueueSend(event.id, { tx, coalesce: false });
    }
    return { done, notified: Number(result.notified), emails: Number(result.emails) };
  });
}

/** Fans an event out completely (batch after batch), or until the run budget is spent. */
export async function fanOutEvent(eventId: number, options: { batchSize?: number; budgetMs?: number } = {}): Promise<{ done: boolean }> {
  const started = Date.now();
  for (;;) {
    const { done } = await fanOutBatch(eventId, options.batchSize);
    if (done) return { done: true };
    if (Date.now() - started > (options.budgetMs ?? RUN_BUDGET_MS)) return { done: false };
  }
}

export const fanOutNotificationJob: JobDefinition<FanOutData> = {
  name: "fan-out-notification",
  queue: { retryLimit: 8, retryDelay: 2, retryBackoff: true, expireInSeconds: 15 * 60 },
  concurrency: 2,
  async handle({ eventId }) {
    const { done } = await fanOutEvent(eventId);
    if (!done) await enqueue("fan-out-notification", { eventId });
  },
};
