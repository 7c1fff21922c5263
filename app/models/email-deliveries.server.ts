/**
 * Notification emails as deliveries: queuing the send runs of an event, and the admins' view of
 * emails that failed (with a retry). The sending itself is the send-notification-emails job.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { emailDeliveries, ideas, notificationEvents, users, type NotificationKind } from "../../db/schema";
import { ideaUrl } from "../idea-links";
import type { SessionUser } from "../lib/auth.server";
import { db, type Executor } from "../lib/db.server";
import { forbidden, unauthorized } from "../lib/errors.server";
import { enqueue } from "../lib/queue.server";
import { canSeeDeliveries } from "../permissions";
import { prepareNotificationJobs } from "./notification-events.server";

/**
 * Queues a send run for an event's pending emails.
 *
 * `coalesce: true` (a fan-out batch that is not the event's last, recovery) gives way to a run of
 * the same event that is queued and has not started: that run claims every row pending when it
 * gets to them, so one is enough. A 100,000-follower event fans out in 100 batches; queuing a run
 * per batch left about a hundred runs behind, and once the first few had sent everything the rest
 * only made other events' emails wait their turn.
 *
 * Without it (an event's last batch, a retry of failed deliveries) a run is always queued, in the
 * transaction that writes the rows it is for, so it can only start once they are committed. Rows
 * that a coalesced run missed (it started after their batch found it waiting and before that batch
 * committed) are sent by the event's last run; they never wait for recovery.
 * The send-notification-emails queue's "short" policy is what makes a singleton key coalesce.
 * `startAfter` (seconds) delays the run: the retry after a temporary SMTP failure.
 */
export function enqueueSend(eventId: number, options: { tx?: Executor; coalesce: boolean; startAfter?: number }): Promise<string | null> {
  const singletonKey = options.coalesce ? `event:${eventId}` : `event:${eventId}:${crypto.randomUUID()}`;
  return enqueue("send-notification-emails", { eventId }, { tx: options.tx, singletonKey, ...(options.startAfter ? { startAfter: options.startAfter } : {}) });
}

export interface FailedDelivery {
  id: number;
  kind: NotificationKind;
  recipient: { id: number; name: string; email: string };
  idea: { number: number; title: string; url: string };
  attempts: number;
  lastError: string;
  failedAt: Date;
}

export async function listFailedDeliveries(input: { actor: SessionUser | null; limit?: number }): Promise<FailedDelivery[]> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canSeeDeliveries(actor)) throw forbidden();
  const rows = await db
    .select({
      id: emailDeliveries.id,
      kind: notificationEvents.kind,
      userId: users.id,
      name: users.name,
      email: users.email,
      number: ideas.number,
      slug: ideas.slug,
      title: ideas.title,
      attempts: emailDeliveries.attempts,
      lastError: emailDeliveries.lastError,
      failedAt: emailDeliveries.updatedAt,
    })
    .from(emailDeliveries)
    .innerJoin(notificationEvents, eq(notificationEvents.id, emailDeliveries.eventId))
    .innerJoin(users, eq(users.id, emailDeliveries.userId))
    .innerJoin(ideas, eq(ideas.id, notificationEvents.ideaId))
    .where(eq(emailDeliveries.state, "failed"))
    .orderBy(desc(emailDeliveries.updatedAt), desc(emailDeliveries.id))
    .limit(Math.min(Math.max(input.limit ?? 100, 1), 500));
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    recipient: { id: r.userId, name: r.name, email: r.email },
    idea: { number: r.number, title: r.title, url: ideaUrl(r) },
    attempts: r.attempts,
    lastError: r.lastError ?? "",
    failedAt: r.failedAt,
  }));
}

/** Puts failed emails back in the queue (e.g. after fixing the mail server's configuration). */
export async function retryFailedDeliveries(input: { actor: SessionUser | null; ids: number[] }): Promise<{ queued: number }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canSeeDeliveries(actor)) throw forbidden();
  const ids = input.ids.filter((id) => Number.isSafeInteger(id) && id > 0).slice(0, 1000);
  if (ids.length === 0) return { queued: 0 };
  await prepareNotificationJobs();
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(emailDeliveries)
      .set({ state: "pending", attempts: 0, claimedBy: null, updatedAt: sql`now()` })
      .where(and(inArray(emailDeliveries.id, ids), eq(emailDeliveries.state, "failed")))
      .returning({ eventId: emailDeliveries.eventId });
    for (const eventId of new Set(rows.map((r) => r.eventId))) await enqueueSend(eventId, { tx, coalesce: false });
    return { queued: rows.length };
  });
}
