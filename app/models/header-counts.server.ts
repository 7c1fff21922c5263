/**
 * The header's figures on every page: unread notifications for anyone signed in, and for staff the
 * inbox, the open reports and the ideas awaiting approval. Each count is its model's own statement
 * (the same one its count function runs); here they are asked in one statement, so a staff page
 * makes one round trip for them instead of four.
 */
import { sql, type SQL } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { canModerate, canReviewReports, canTriage } from "../permissions";
import { pendingCountQuery } from "./approval-queue.server";
import { unreadCountQuery } from "./notifications.server";
import { openReportsCountQuery } from "./reports.server";
import { inboxCountQuery } from "./triage.server";

export interface HeaderCounts {
  unread: number;
  inbox: number;
  reports: number;
  pending: number;
}

const NONE: HeaderCounts = { unread: 0, inbox: 0, reports: 0, pending: 0 };

/** All zero, without a query, for a visitor; a staff count is 0 without its query for whoever may not see it. */
export async function headerCounts(input: { actor: SessionUser | null }): Promise<HeaderCounts> {
  const { actor } = input;
  if (!actor) return NONE;
  const column = (allowed: boolean, query: SQL): SQL => (allowed ? sql`(${query})` : sql`0`);
  const [row] = await queryRows<HeaderCounts>(
    db,
    sql`SELECT (${unreadCountQuery(actor.id)}) AS unread,
        ${column(canTriage(actor), inboxCountQuery())} AS inbox,
        ${column(canReviewReports(actor), openReportsCountQuery())} AS reports,
        ${column(canModerate(actor), pendingCountQuery())} AS pending`,
  );
  return { unread: Number(row?.unread ?? 0), inbox: Number(row?.inbox ?? 0), reports: Number(row?.reports ?? 0), pending: Number(row?.pending ?? 0) };
}
