/**
 * Sends an event's pending notification emails. A run claims up to SEND_BATCH_SIZE pending rows at
 * a time (FOR UPDATE SKIP LOCKED, so several runs share the work), sends them over the pooled
 * SMTP transport, and marks each row "sent" the moment the server accepts it. Rows already sent
 * are never claimed again, so a retried or duplicated job cannot send twice.
 *
 * A claim carries a lease (lease_expires_at); recovery hands back a row whose lease ran out, even
 * if the run that took it is alive, and this run's late answer then changes nothing.
 *
 * A temporary SMTP failure (4xx, connection refused, no answer within the send budget) puts the
 * row back to "pending", ends the run and queues the next one after a capped backoff; a permanent
 * one (5xx) marks the row "failed" with the server's answer, for admins to see, and is not retried.
 */
import { and, eq, sql } from "drizzle-orm";
import { emailDeliveries } from "../../db/schema";
import { translate } from "../i18n";
import { db, queryRows } from "../lib/db.server";
import { isPermanentMailError, sendMail, smtpSendTimeoutMs } from "../lib/mailer.server";
import type { JobDefinition } from "../lib/queue.server";
import { workerInstanceId } from "../lib/worker-instance.server";
import { enqueueSend } from "../models/email-deliveries.server";
import { EMAIL_PREFERENCE } from "../models/notification-events.server";
import { buildNotificationMail, type EventContext } from "../models/notification-mail.server";

/** Rows claimed (and sent concurrently) at a time. */
export const SEND_BATCH_SIZE = 50;
/** How many times the queue runs a send job that keeps meeting temporary failures. */
export const MAX_DELIVERY_ATTEMPTS = 8;
/**
 * A row that keeps failing temporarily is retried (by the job's retries, then by recovery every
 * minute) until it has had MAX_DELIVERY_ATTEMPTS attempts and is this old: a mail server that is
 * down for an afternoon delays the news, it does not lose it.
 */
export const GIVE_UP_AFTER_HOURS = 24;
/** The longest wait between send runs of an event that meets temporary failures. */
export const RETRY_DELAY_MAX_SECONDS = 30;

export interface SendData {
  eventId: number;
}

declare module "../lib/queue.server" {
  interface JobPayloads {
    "send-notification-emails": SendData;
  }
}

async function loadEvent(eventId: number): Promise<EventContext | null> {
  const [row] = await queryRows<EventContext>(
    db,
    sql`SELECT e.id, e.kind, e.idea_id, e.comment_id, i.number, i.slug, i.title, a.name AS actor_name, s.title AS source_title,
               sc.from_status, sc.to_status,
               -- A rejection's email quotes its reason, as a status change's quotes its note.
               CASE WHEN e.kind = 'rejected' THEN i.approval_reason ELSE sc.note END AS note, sc.note_html, sc.html_version AS note_version,
               c.body AS comment_body, c.body_html AS comment_html, c.html_version AS comment_version
        FROM notification_events e
        JOIN ideas i ON i.id = e.idea_id
        JOIN users a ON a.id = e.actor_id
        LEFT JOIN status_changes sc ON sc.id = e.status_change_id
        LEFT JOIN comments c ON c.id = e.comment_id LEFT JOIN ideas s ON s.id = e.source_idea_id
        WHERE e.id = ${eventId}::int`,
  );
  return row ?? null;
}

type Claimed = {
  id: number;
  user_id: number;
  attempts: number;
  /** Older than GIVE_UP_AFTER_HOURS: temporary failures stop being retried. */
  overdue: boolean;
  email: string;
  name: string;
  locale: string;
  wanted: boolean;
};

/**
 * How long a claim holds: every send of a batch ends within the send budget (they run side by
 * side), so twice that plus a margin is never cut short by a live, working run.
 */
export function leaseMilliseconds(): number {
  return 2 * smtpSendTimeoutMs() + 30_000;
}

/** Claims the next pending rows of an event for this worker instance, until the lease expires. */
async function claim(event: EventContext, instance: number, limit: number): Promise<Claimed[]> {
  const preference = sql.raw(`u.${EMAIL_PREFERENCE[event.kind]}`);
  return queryRows<Claimed>(
    db,
    sql`WITH claimed AS (
          UPDATE email_deliveries d
          SET state = 'sending', claimed_by = ${instance}::int, attempts = d.attempts + 1, updated_at = now(),
              lease_expires_at = now() + ${leaseMilliseconds()}::int * interval '1 millisecond'
          WHERE d.id IN (
            SELECT id FROM email_deliveries
            WHERE event_id = ${event.id}::int AND state = 'pending'
            ORDER BY id LIMIT ${limit}::int
            FOR UPDATE SKIP LOCKED
          )
          RETURNING d.id, d.user_id, d.attempts, d.created_at < now() - ${GIVE_UP_AFTER_HOURS}::int * interval '1 hour' AS overdue
        )
        SELECT c.id, c.user_id, c.attempts, c.overdue, u.email, u.name, coalesce(u.locale, u.last_locale) AS locale,
               (${preference} AND u.email_unsubscribed_all_at IS NULL AND NOT EXISTS (
                  SELECT 1 FROM subscriptions s
                  WHERE s.idea_id = ${event.idea_id}::int AND s.user_id = u.id AND s.state = 'unfollowed'
               )) AS wanted
        FROM claimed c JOIN users u ON u.id = c.user_id`,
  );
}

type DeliveryUpdate = { [K in keyof typeof emailDeliveries.$inferInsert]?: (typeof emailDeliveries.$inferInsert)[K] | ReturnType<typeof sql> };
const release = { claimedBy: null, leaseExpiresAt: null, updatedAt: sql`now()` } as const;

/**
 * The claimed rows that are still to be sent, checked right before sending: the idea still exists
 * (waiting for a deletion in progress to finish: its row lock conflicts with this key-share lock)
 * and the row is still this run's claim (a deletion cancels claimed rows too).
 */
async function stillToSend(event: EventContext, rows: Claimed[]): Promise<Claimed[]> {
  const idea = await queryRows<{ id: number }>(db, sql`SELECT id FROM ideas WHERE id = ${event.idea_id}::int FOR KEY SHARE`);
  if (idea.length === 0) {
    await Promise.all(rows.map((row) => settle(row, { state: "cancelled" })));
    return [];
  }
  const ours = await queryRows<{ id: number }>(
    db,
    sql`SELECT d.id FROM email_deliveries d
        JOIN unnest(${`{${rows.map((r) => r.id).join(",")}}`}::bigint[], ${`{${rows.map((r) => r.attempts).join(",")}}`}::int[]) AS c(id, attempts)
          ON c.id = d.id AND c.attempts = d.attempts
        WHERE d.state = 'sending'`,
  );
  const keep = new Set(ours.map((r) => Number(r.id)));
  return rows.filter((row) => keep.has(Number(row.id)));
}

/** Records that the server accepted the message: true whatever became of the claim meanwhile. */
const markSent = (id: number) =>
  db
    .update(emailDeliveries)
    .set({ state: "sent", sentAt: sql`now()`, lastError: null, ...release })
    .where(eq(emailDeliveries.id, Number(id)));

/**
 * Ends this run's claim on a row, only if the claim is still this run's: a claim whose lease ran
 * out was handed back and may belong to another run now (its attempt count moved on).
 */
const settle = (row: Claimed, values: DeliveryUpdate) =>
  db
    .update(emailDeliveries)
    .set({ ...values, ...release })
    .where(and(eq(emailDeliveries.id, Number(row.id)), eq(emailDeliveries.state, "sending"), eq(emailDeliveries.attempts, Number(row.attempts))));

function errorText(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; message?: string };
  return (e?.response || e?.message || String(error)).slice(0, 1000);
}

export interface SendResult {
  sent: number;
  failed: number;
  cancelled: number;
  /** The first temporary failure, when the run stopped because of one. */
  temporaryError: unknown;
  /** The most attempts any row that failed temporarily has had (sets the wait before the next run). */
  temporaryAttempts: number;
}

/** Sends every pending email of an event (stopping early at a temporary failure). */
export async function sendPendingEmails(eventId: number, options: { batchSize?: number } = {}): Promise<SendResult> {
  const result: SendResult = { sent: 0, failed: 0, cancelled: 0, temporaryError: null, temporaryAttempts: 0 };
  const event = await loadEvent(eventId);
  if (!event) return result; // the idea was deleted (and its unsent emails cancelled with it)
  const instance = await workerInstanceId();
  for (;;) {
    const claimed = await claim(event, instance, options.batchSize ?? SEND_BATCH_SIZE);
    if (claimed.length === 0) return result;
    const rows = await stillToSend(event, claimed);
    result.cancelled += claimed.length - rows.length;
    await Promise.all(
      rows.map(async (row) => {
        if (!row.wanted) {
          await settle(row, { state: "cancelled" });
          result.cancelled++;
          return;
        }
        try {
          await sendMail(await buildNotificationMail(event, row));
        } catch (error) {
          const message = errorText(error);
          if (isPermanentMailError(error)) {
            await settle(row, { state: "failed", lastError: message });
            result.failed++;
          } else if (Number(row.attempts) >= MAX_DELIVERY_ATTEMPTS && row.overdue) {
            await settle(row, { state: "failed", lastError: translate("en", "delivery.gaveUp", { count: row.attempts, error: message }) });
            result.failed++;
          } else {
            await settle(row, { state: "pending", lastError: message });
            result.temporaryError ??= error;
            result.temporaryAttempts = Math.max(result.temporaryAttempts, Number(row.attempts));
          }
          return;
        }
        // Marked right after the server accepted it: the only window for a repeat is between
        // those two lines (see docs/decisions/0005-exactly-once-delivery.md).
        await markSent(row.id);
        result.sent++;
      }),
    );
    if (result.temporaryError) return result;
  }
}

/** Seconds before the next run after a temporary failure: 1, 2, 4 … doubling per attempt, at most 30. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(RETRY_DELAY_MAX_SECONDS, 2 ** Math.max(0, Math.min(attempts, 16) - 1));
}

export const sendNotificationEmailsJob: JobDefinition<SendData> = {
  name: "send-notification-emails",
  // "short": at most one job per singleton key waits to start (see enqueueSend in email-deliveries.server.ts).
  queue: { policy: "short", retryLimit: MAX_DELIVERY_ATTEMPTS, retryDelay: 2, retryBackoff: true, expireInSeconds: 15 * 60 },
  concurrency: 4,
  async handle({ eventId }) {
    const { temporaryError, temporaryAttempts } = await sendPendingEmails(eventId);
    if (!temporaryError) return;
    // The next run comes after a wait that doubles with the rows' attempts but never passes
    // RETRY_DELAY_MAX_SECONDS, so mail resumes within that long of the server's return however
    // long it was down (pg-boss's own backoff keeps doubling). Queued before this run completes:
    // a crash in between leaves two runs, which share the rows.
    await enqueueSend(eventId, { coalesce: true, startAfter: retryDelaySeconds(temporaryAttempts) });
  },
};
