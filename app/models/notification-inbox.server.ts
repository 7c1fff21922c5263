/**
 * The notifications page's extras on top of notifications.server.ts: opening a notification
 * (marks it read and says where it points), so a plain link works without JavaScript.
 */
import { sql } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { unauthorized } from "../lib/errors.server";
import { ideaUrl } from "./ideas.server";

/**
 * Marks the actor's notification read and returns the page it is about (the comment's anchor
 * for comments and replies); null for an id that is not the actor's or does not exist.
 */
export async function openNotification(input: { actor: SessionUser | null; id: number }): Promise<{ url: string } | null> {
  const { actor, id } = input;
  if (!actor) throw unauthorized();
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const [row] = await queryRows<{ number: number; slug: string; comment_id: number | null }>(
    db,
    sql`WITH opened AS (
          UPDATE notifications SET read_at = coalesce(read_at, now())
          WHERE id = ${id}::bigint AND user_id = ${actor.id}::int
          RETURNING event_id
        )
        SELECT i.number, i.slug, e.comment_id
        FROM opened o
        JOIN notification_events e ON e.id = o.event_id
        JOIN ideas i ON i.id = e.idea_id`,
  );
  if (!row) return null;
  const url = ideaUrl({ number: Number(row.number), slug: row.slug });
  return { url: row.comment_id ? `${url}#comment-${Number(row.comment_id)}` : url };
}
