/**
 * Notifications: recording what happened (in the writer's transaction), reading them in the app,
 * email settings, unsubscribe links, and the admin's view of failed emails.
 *
 * Who hears what:
 * - a status change (unless the staff member unticks "notify"): every follower;
 * - a staff comment posted with "notify followers": every follower;
 * - a reply: the author of the comment replied to;
 * - any other comment: every follower, in the app (by email only for people who opted in).
 * The actor never hears about their own action, and each person hears about a comment once
 * (the replied-to person as a reply, not also as a follower). Email also respects the person's
 * settings, "unsubscribe from all email" and per-idea unfollows; in-app notifications stay on.
 */
import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { emailDeliveries, ideas, notificationEvents, notifications, statusChanges, users } from "../../db/schema";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows, type Executor } from "../lib/db.server";
import { forbidden, parseOrRefuse, unauthorized } from "../lib/errors.server";
import { prepareJobs } from "../lib/queue.server";
import { verifyUnsubscribeToken } from "../lib/signed-links.server";
import { enqueueFanOut, fanOutNotificationJob } from "../jobs/fan-out-notification.server";
import { enqueueSend, sendNotificationEmailsJob } from "../jobs/send-notification-emails.server";
import { canSeeDeliveries, isStaff } from "../permissions";
import { MarkReadInput, NotificationListQuery, NotificationSettingsInput } from "../schemas/statuses";
import type { IdeaStatus } from "../statuses";
import { ideaUrl } from "./ideas.server";
import { isFollowing, setSubscription } from "./subscriptions.server";

export type NotificationKind = "status_changed" | "staff_comment" | "reply" | "comment";

/**
 * Creates the queues notifications use. Await it before opening a transaction that records an
 * event (PGlite has one connection; queue set-up cannot run inside the transaction). Cheap after
 * the first call.
 */
export function prepareNotificationJobs(): Promise<void> {
  return prepareJobs([fanOutNotificationJob, sendNotificationEmailsJob]);
}

// ---------------------------------------------------------------- recording events

export interface EventInput {
  kind: NotificationKind;
  ideaId: number;
  actorId: number;
  statusChangeId?: number | null;
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
      commentId: input.commentId ?? null,
      recipientId: input.recipientId ?? null,
      excludeUserId: input.excludeUserId ?? null,
    })
    .returning({ id: notificationEvents.id });
  await enqueueFanOut(tx, event.id);
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

// ---------------------------------------------------------------- in the app

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  idea: { number: number; title: string; url: string };
  /** Status changes: the new status. */
  status?: IdeaStatus;
  actorName?: string;
  commentId?: number;
  read: boolean;
  createdAt: Date;
}

/** The actor's notifications, newest event first; `cursor` is the previous page's `nextCursor`. */
export async function listNotifications(input: {
  actor: SessionUser | null;
  limit?: number | string;
  cursor?: string | null;
}): Promise<{ notifications: NotificationView[]; nextCursor: string | null }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const { limit, cursor } = parseOrRefuse(NotificationListQuery, { limit: input.limit ?? undefined, cursor: input.cursor ?? undefined }, actor.locale);
  const rows = await db
    .select({
      id: notifications.id,
      eventId: notifications.eventId,
      readAt: notifications.readAt,
      createdAt: notificationEvents.createdAt,
      kind: notificationEvents.kind,
      commentId: notificationEvents.commentId,
      number: ideas.number,
      slug: ideas.slug,
      title: ideas.title,
      status: statusChanges.toStatus,
      actorName: users.name,
    })
    .from(notifications)
    .innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId))
    .innerJoin(ideas, eq(ideas.id, notificationEvents.ideaId))
    .innerJoin(users, eq(users.id, notificationEvents.actorId))
    .leftJoin(statusChanges, eq(statusChanges.id, notificationEvents.statusChangeId))
    .where(and(eq(notifications.userId, actor.id), cursor ? lt(notifications.eventId, Number(cursor)) : undefined))
    .orderBy(desc(notifications.eventId))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    notifications: page.map((r) => {
      const url = ideaUrl(r) + (r.commentId ? `#comment-${r.commentId}` : "");
      return {
        id: Number(r.id),
        kind: r.kind,
        idea: { number: r.number, title: r.title, url },
        ...(r.status ? { status: r.status } : {}),
        actorName: r.actorName,
        ...(r.commentId ? { commentId: r.commentId } : {}),
        read: r.readAt !== null,
        createdAt: r.createdAt,
      };
    }),
    nextCursor: rows.length > limit ? String(page[page.length - 1].eventId) : null,
  };
}

export async function countUnread(input: { actor: SessionUser | null }): Promise<number> {
  if (!input.actor) throw unauthorized();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, input.actor.id), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/**
 * Marks the actor's notifications read: the given ids, or all of them. Ids that are not the
 * actor's are ignored (they are indistinguishable from ids that do not exist).
 */
export async function markNotificationsRead(input: { actor: SessionUser | null; ids?: unknown }): Promise<{ updated: number; unread: number }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const { ids } = parseOrRefuse(MarkReadInput, { ids: input.ids ?? undefined }, actor.locale);
  if (ids && ids.length === 0) return { updated: 0, unread: await countUnread({ actor }) };
  const updated = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined))
    .returning({ id: notifications.id });
  return { updated: updated.length, unread: await countUnread({ actor }) };
}

// ---------------------------------------------------------------- email settings

export interface NotificationSettings {
  emailOnStatusChange: boolean;
  emailOnStaffComment: boolean;
  emailOnReply: boolean;
  emailOnComment: boolean;
  /** "Unsubscribe from all Loopboard email" is in effect. */
  unsubscribedAll: boolean;
}

const settingsColumns = {
  emailOnStatusChange: users.emailOnStatusChange,
  emailOnStaffComment: users.emailOnStaffComment,
  emailOnReply: users.emailOnReply,
  emailOnComment: users.emailOnComment,
  unsubscribedAllAt: users.emailUnsubscribedAllAt,
};

function toSettings(row: { unsubscribedAllAt: Date | null } & Omit<NotificationSettings, "unsubscribedAll">): NotificationSettings {
  const { unsubscribedAllAt, ...rest } = row;
  return { ...rest, unsubscribedAll: unsubscribedAllAt !== null };
}

export async function getNotificationSettings(input: { actor: SessionUser | null }): Promise<NotificationSettings> {
  if (!input.actor) throw unauthorized();
  const [row] = await db.select(settingsColumns).from(users).where(eq(users.id, input.actor.id)).limit(1);
  if (!row) throw unauthorized();
  return toSettings(row);
}

export async function updateNotificationSettings(input: {
  actor: SessionUser | null;
  emailOnStatusChange?: boolean | string;
  emailOnStaffComment?: boolean | string;
  emailOnReply?: boolean | string;
  emailOnComment?: boolean | string;
  unsubscribedAll?: boolean | string;
}): Promise<NotificationSettings> {
  const { actor, ...fields } = input;
  if (!actor) throw unauthorized();
  const { unsubscribedAll, ...flags } = parseOrRefuse(NotificationSettingsInput, fields, actor.locale);
  const set: Partial<typeof users.$inferInsert> = {};
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) (set as Record<string, unknown>)[key] = value;
  if (unsubscribedAll !== undefined) {
    (set as Record<string, unknown>).emailUnsubscribedAllAt = unsubscribedAll ? sql`coalesce(${users.emailUnsubscribedAllAt}, now())` : null;
  }
  if (Object.keys(set).length > 0) await db.update(users).set(set).where(eq(users.id, actor.id));
  return getNotificationSettings({ actor });
}

// ---------------------------------------------------------------- unsubscribe links (signed out)

export interface UnsubscribeLink {
  userId: number;
  idea: { id: number; number: number; title: string; url: string } | null;
  /** This person already gets no email about the idea. */
  unsubscribedIdea: boolean;
  unsubscribedAll: boolean;
}

/** What an unsubscribe token stands for, or null when it does not verify (or its user is gone). */
export async function readUnsubscribeLink(input: { token: string }): Promise<UnsubscribeLink | null> {
  const link = verifyUnsubscribeToken(input.token);
  if (!link) return null;
  const [user] = await db.select({ id: users.id, unsubscribedAllAt: users.emailUnsubscribedAllAt }).from(users).where(eq(users.id, link.userId)).limit(1);
  if (!user) return null;
  let idea: UnsubscribeLink["idea"] = null;
  let unsubscribedIdea = false;
  if (link.scope !== "all") {
    const [row] = await db.select({ id: ideas.id, number: ideas.number, title: ideas.title, slug: ideas.slug }).from(ideas).where(eq(ideas.id, link.scope)).limit(1);
    if (row) {
      idea = { id: row.id, number: row.number, title: row.title, url: ideaUrl(row) };
      unsubscribedIdea = !(await isFollowing({ userId: user.id, ideaId: row.id }));
    }
  }
  return { userId: user.id, idea, unsubscribedIdea, unsubscribedAll: user.unsubscribedAllAt !== null };
}

/**
 * Acts on an unsubscribe link: "idea" unfollows the idea the email was about (an explicit
 * "unfollowed" row, so voting again later does not resubscribe), "all" stops every Loopboard
 * email. The signed token is the credential: no session needed. Null when the token is invalid.
 */
export async function unsubscribeWithLink(input: { token: string; from: "idea" | "all" }): Promise<UnsubscribeLink | null> {
  const link = await readUnsubscribeLink({ token: input.token });
  if (!link) return null;
  if (input.from === "idea") {
    // An idea deleted since the email was sent sends nothing more anyway.
    if (!link.idea) return link;
    await setSubscription({ userId: link.userId, ideaId: link.idea.id, state: "unfollowed" });
    return { ...link, unsubscribedIdea: true };
  }
  await db
    .update(users)
    .set({ emailUnsubscribedAllAt: sql`coalesce(${users.emailUnsubscribedAllAt}, now())` })
    .where(eq(users.id, link.userId));
  return { ...link, unsubscribedAll: true };
}

// ---------------------------------------------------------------- admin: failed emails

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
