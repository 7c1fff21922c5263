/**
 * Notification events: recording what happened and whom it concerns, in the writer's transaction,
 * and queuing its fan-out (app/jobs/fan-out-notification.server.ts), which writes one in-app
 * notification and at most one email per recipient.
 *
 * Who hears what:
 * - a status change (unless the staff member unticks "notify"): every follower;
 * - a staff comment posted with "notify followers": every follower;
 * - a reply: the author of the comment replied to;
 * - any other comment: every follower, in the app (by email only for people who opted in);
 * - a merge of B into A: B's followers (by email as for a status change);
 * - an idea approved or rejected by staff (idea-approval.server.ts): its author (by email as for a status change).
 * The actor never hears about their own action, and each person hears about a comment once
 * (the replied-to person as a reply, not also as a follower). Email also respects the person's
 * settings, "unsubscribe from all email" and per-idea unfollows; in-app notifications stay on.
 */
import { sql } from "drizzle-orm";
import { notificationEvents, type NotificationKind } from "../../db/schema";
import type { SessionUser } from "../lib/auth.server";
import { queryRows, type Executor } from "../lib/db.server";
import { enqueue, prepareQueues } from "../lib/queue.server";
import { isStaff } from "../permissions";

/** The users column that says whether someone wants email for each kind of event. */
export const EMAIL_PREFERENCE = {
  status_changed: "email_on_status_change",
  staff_comment: "email_on_staff_comment",
  reply: "email_on_reply",
  comment: "email_on_comment",
  // Being told an idea you supported was merged is news about its status.
  merged: "email_on_status_change",
  // Staff's answer to a new idea on a board that requires approval: told to its author alone.
  approved: "email_on_status_change",
  rejected: "email_on_status_change",
} as const satisfies Record<NotificationKind, string>;

/**
 * Creates the queues notifications use. Await it before opening a transaction that records an
 * event (PGlite has one connection; queue set-up cannot run inside the transaction). Cheap after
 * the first call.
 */
export function prepareNotificationJobs(): Promise<void> {
  return prepareQueues(["fan-out-notification", "send-notification-emails"]);
}

// ---------------------------------------------------------------- recording events

export interface EventInput {
  kind: NotificationKind;
  ideaId: number;
  actorId: number;
  statusChangeId?: number | null;
  /** A merge: the idea merged into `ideaId`; its followers are the recipients. */
  sourceIdeaId?: number | null;
  commentId?: number | null;
  /** A reply's one recipient. */
  recipientId?: number | null;
  /** Left out of the followers (they hear about it as a reply). */
  excludeUserId?: number | null;
}

/**
 * Records an event and queues its fan-out, inside the caller's transaction: if that transaction
 * rolls back, nothing is ever sent. No per-recipient work happens here.
 */
export async function recordNotificationEvent(tx: Executor, input: EventInput): Promise<number> {
  const [event] = await tx
    .insert(notificationEvents)
    .values({
      kind: input.kind,
      ideaId: input.ideaId,
      actorId: input.actorId,
      statusChangeId: input.statusChangeId ?? null,
      sourceIdeaId: input.sourceIdeaId ?? null,
      commentId: input.commentId ?? null,
      recipientId: input.recipientId ?? null,
      excludeUserId: input.excludeUserId ?? null,
    })
    .returning({ id: notificationEvents.id });
  await enqueue("fan-out-notification", { eventId: event.id }, { tx });
  return event.id;
}

/**
 * A staff comment posted with "notify followers" ticked: every follower hears about it (in the
 * app, and by email unless they turned staff-comment email off).
 */
export async function notifyStaffComment(input: { tx: Executor; commentId: number; ideaId: number; actorId: number; excludeUserId?: number | null }): Promise<number> {
  return recordNotificationEvent(input.tx, {
    kind: "staff_comment",
    ideaId: input.ideaId,
    actorId: input.actorId,
    commentId: input.commentId,
    excludeUserId: input.excludeUserId,
  });
}

/**
 * Everything a new comment causes; call it in addComment's transaction, right after the insert
 * (and not for a double-submitted duplicate). `replyToCommentId` is the comment answered (as
 * posted, before threading), `notifyFollowers` the staff "notify followers" tick box; it only
 * counts when the author is staff.
 */
export async function notifyCommentAdded(input: {
  tx: Executor;
  commentId: number;
  ideaId: number;
  actorId: number;
  replyToCommentId?: number | null;
  notifyFollowers?: boolean;
}): Promise<void> {
  const { tx, commentId, ideaId, actorId } = input;
  const [row] = await queryRows<{ role: SessionUser["role"]; parent_author: number | null }>(
    tx,
    sql`SELECT u.role,
               (SELECT c.author_id FROM comments c WHERE c.id = ${input.replyToCommentId ?? 0}::int AND c.idea_id = ${ideaId}::int) AS parent_author
        FROM users u WHERE u.id = ${actorId}::int`,
  );
  if (!row) return;
  const parentAuthor = row.parent_author === null ? null : Number(row.parent_author);
  const replyTo = parentAuthor !== null && parentAuthor !== actorId ? parentAuthor : null;
  if (replyTo !== null) {
    await recordNotificationEvent(tx, { kind: "reply", ideaId, actorId, commentId, recipientId: replyTo });
  }
  if (input.notifyFollowers && isStaff({ id: actorId, role: row.role })) {
    await notifyStaffComment({ tx, commentId, ideaId, actorId, excludeUserId: replyTo });
  } else {
    await recordNotificationEvent(tx, { kind: "comment", ideaId, actorId, commentId, excludeUserId: replyTo });
  }
}

// ---------------------------------------------------------------- an idea deleted

/**
 * Stops everything still on its way about an idea that is being deleted, in the deletion's
 * transaction and after the idea row is locked: its fan-outs end where they are, its unsent
 * emails (waiting, or claimed by a send run that has not sent them yet) are cancelled, and its
 * events keep the title, so the notifications that stay can say what was deleted. A send run
 * checks the idea right before it sends a batch, which waits for this transaction to finish.
 */
export async function cancelIdeaNotifications(tx: Executor, idea: { id: number; title: string }): Promise<void> {
  await tx.execute(sql`
    UPDATE notification_events
    SET fan_out_done_at = coalesce(fan_out_done_at, now()), deleted_idea_title = ${idea.title}, updated_at = now()
    WHERE idea_id = ${idea.id}::int`);
  await tx.execute(sql`
    UPDATE email_deliveries SET state = 'cancelled', claimed_by = NULL, lease_expires_at = NULL, updated_at = now()
    WHERE state IN ('pending', 'sending')
      AND event_id IN (SELECT id FROM notification_events WHERE idea_id = ${idea.id}::int)`);
}

/**
 * Hidden content tells no one: the events about a hidden idea (or comment) stop fanning out, and
 * their emails that had not gone out are cancelled. Restoring does not send them after all.
 */
export async function cancelHiddenNotifications(tx: Executor, about: { ideaId: number; commentId?: number }): Promise<void> {
  // By idea first: notification_events is indexed on idea_id, not on comment_id.
  const events = about.commentId === undefined ? sql`idea_id = ${about.ideaId}::int` : sql`idea_id = ${about.ideaId}::int AND comment_id = ${about.commentId}::int`;
  await tx.execute(sql`UPDATE notification_events SET fan_out_done_at = coalesce(fan_out_done_at, now()), updated_at = now() WHERE ${events}`);
  await tx.execute(sql`
    UPDATE email_deliveries SET state = 'cancelled', claimed_by = NULL, lease_expires_at = NULL, updated_at = now()
    WHERE state IN ('pending', 'sending') AND event_id IN (SELECT id FROM notification_events WHERE ${events})`);
}
