/** Helpers for status, follow and notification tests: many followers fast, and the queue drained. */
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { jobs } from "~/jobs/index.server";
import { drainQueue } from "~/lib/queue.server";

let batch = 0;

/**
 * Creates `count` members who vote for the idea (rows written directly: these tests are about who
 * hears what, not about voting). Returns their ids, ascending.
 */
export async function addVoters(
  ideaId: number,
  count: number,
  options: { emailOnStatusChange?: boolean; prefix?: string; locale?: string } = {},
): Promise<number[]> {
  const prefix = options.prefix ?? `voter${++batch}x${Date.now().toString(36)}`;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`INSERT INTO users (email, name, locale, email_on_status_change)
        SELECT ${prefix} || '-' || g || '@example.test', 'Voter ' || g, ${options.locale ?? "en"}, ${options.emailOnStatusChange ?? true}
        FROM generate_series(1, ${count}::int) g
        RETURNING id`,
  );
  const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  await db.execute(sql`INSERT INTO votes (user_id, idea_id) SELECT unnest(${`{${ids.join(",")}}`}::int[]), ${ideaId}::int`);
  await db.execute(sql`UPDATE ideas SET vote_count = vote_count + ${ids.length}::int WHERE id = ${ideaId}::int`);
  return ids;
}

/** Runs every due job (fan-outs, then the email sends they queue) until none is left. */
export function processNotifications(): Promise<number> {
  return drainQueue(jobs);
}

export async function notifiedUserIds(ideaId: number, kind?: string): Promise<number[]> {
  const rows = await queryRows<{ user_id: number }>(
    db,
    sql`SELECT n.user_id FROM notifications n JOIN notification_events e ON e.id = n.event_id
        WHERE e.idea_id = ${ideaId}::int ${kind ? sql`AND e.kind = ${kind}` : sql``}
        ORDER BY n.user_id`,
  );
  return rows.map((r) => Number(r.user_id));
}

export async function deliveryStates(ideaId: number): Promise<Record<string, number>> {
  const rows = await queryRows<{ state: string; n: number }>(
    db,
    sql`SELECT d.state, count(*)::int AS n FROM email_deliveries d JOIN notification_events e ON e.id = d.event_id
        WHERE e.idea_id = ${ideaId}::int GROUP BY d.state`,
  );
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
