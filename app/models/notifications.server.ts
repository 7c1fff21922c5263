/**
 * In-app notifications (the bell and /notifications): listing, unread counts, marking read and
 * opening one. They are written by the fan-out job, one per (event, recipient).
 */
import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { ideas, notificationEvents, notifications, statusChanges, users, type NotificationKind } from "../../db/schema";
import { ideaUrl, notificationAnchor } from "../idea-links";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { parseOrRefuse, unauthorized } from "../lib/errors.server";
import { MarkReadInput, NotificationListQuery } from "../schemas/statuses";
import type { IdeaStatus } from "../statuses";

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  /** The idea it is about; once the idea is deleted, only its title (and nothing to link to). */
  idea: { number: number; title: string; url: string } | { deleted: true; title: string };
  /** Status changes: the new status. */
  status?: IdeaStatus;
  actorName?: string;
  commentId?: number;
  /** A merge: the title of the idea that was merged into this one. */
  sourceTitle?: string;
  read: boolean;
  createdAt: Date;
}

/** A notification about hidden content (an idea or a comment staff hid) is left out until it is restored. */
const aboutVisibleContent = sql`NOT EXISTS (
  SELECT 1 FROM notification_events e
  LEFT JOIN ideas i ON i.id = e.idea_id
  LEFT JOIN comments c ON c.id = e.comment_id
  WHERE e.id = ${notifications.eventId} AND (i.hidden_at IS NOT NULL OR c.hidden_at IS NOT NULL))`;

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
      deletedIdeaTitle: notificationEvents.deletedIdeaTitle,
      status: statusChanges.toStatus,
      actorName: users.name,
      sourceTitle: sql<string | null>`(SELECT s.title FROM ideas s WHERE s.id = ${notificationEvents.sourceIdeaId})`,
    })
    .from(notifications)
    .innerJoin(notificationEvents, eq(notificationEvents.id, notifications.eventId))
    .leftJoin(ideas, eq(ideas.id, notificationEvents.ideaId))
    .innerJoin(users, eq(users.id, notificationEvents.actorId))
    .leftJoin(statusChanges, eq(statusChanges.id, notificationEvents.statusChangeId))
    .where(and(eq(notifications.userId, actor.id), cursor ? lt(notifications.eventId, Number(cursor)) : undefined, aboutVisibleContent))
    .orderBy(desc(notifications.eventId))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    notifications: page.map((r) => {
      const idea: NotificationView["idea"] =
        r.number === null || r.slug === null || r.title === null
          ? { deleted: true, title: r.deletedIdeaTitle ?? "" }
          : { number: r.number, title: r.title, url: ideaUrl({ number: r.number, slug: r.slug }) + notificationAnchor(r) };
      return {
        id: Number(r.id),
        kind: r.kind,
        idea,
        ...(r.status ? { status: r.status } : {}),
        actorName: r.actorName,
        ...(r.commentId ? { commentId: r.commentId } : {}),
        ...(r.sourceTitle !== null ? { sourceTitle: r.sourceTitle } : {}),
        read: r.readAt !== null,
        createdAt: r.createdAt,
      };
    }),
    nextCursor: rows.length > limit ? String(page[page.length - 1].eventId) : null,
  };
}

export async function countUnread(input: { actor: SessionUser | null }): Promise<number> {
  if (!input.actor) throw unauthorized();
  const [row] = await unreadCountQuery(input.actor.id);
  return Number(row?.n ?? 0);
}

/** The statement behind countUnread(), also one column of the header's counts (header-counts.server.ts). */
export function unreadCountQuery(userId: number) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), aboutVisibleContent));
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

/**
 * Marks the actor's notification read and returns the page it is about (the comment's anchor
 * for comments and replies, the latest status for a status change); null for an id that is not
 * the actor's or does not exist, or whose idea was deleted.
 */
export async function openNotification(input: { actor: SessionUser | null; id: number }): Promise<{ url: string } | null> {
  const { actor, id } = input;
  if (!actor) throw unauthorized();
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const [row] = await queryRows<{ number: number; slug: string; kind: string; comment_id: number | null }>(
    db,
    sql`WITH opened AS (
          UPDATE notifications SET read_at = coalesce(read_at, now())
          WHERE id = ${id}::bigint AND user_id = ${actor.id}::int
          RETURNING event_id
        )
        SELECT i.number, i.slug, e.kind, e.comment_id
        FROM opened o
        JOIN notification_events e ON e.id = o.event_id
        JOIN ideas i ON i.id = e.idea_id AND i.hidden_at IS NULL
        WHERE NOT EXISTS (SELECT 1 FROM comments c WHERE c.id = e.comment_id AND c.hidden_at IS NOT NULL)`,
  );
  if (!row) return null;
  return { url: ideaUrl({ number: Number(row.number), slug: row.slug }) + notificationAnchor({ kind: row.kind, commentId: row.comment_id }) };
}
