/**
 * What waits for approval (ADR 0021): the staff moderation queue and its header count, both read
 * through the partial index ideas_pending_idx, and a member's own ideas that are not on their
 * board (pending or rejected), which only they see.
 */
import { sql, type SQL } from "drizzle-orm";
import type { IdeaApproval } from "../../db/schema";
import { ideaUrl } from "../idea-links";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { forbidden, unauthorized } from "../lib/errors.server";
import { excerptOf } from "../lib/markdown.server";
import { canModerate } from "../permissions";
import type { PendingIdea, UnapprovedIdea } from "../shapes";

/** The queue shows the oldest this many; deciding them brings the next. The header counts up to it too. */
export const PENDING_LIST_MAX = 100;

type PendingRow = {
  number: number;
  slug: string;
  title: string;
  body: string;
  created_at: Date | string;
  board_slug: string;
  board_name: string;
  author_id: number;
  author_name: string;
};

/** Pending ideas, oldest first, with their board and author (staff only). */
export async function listPendingIdeas(input: { actor: SessionUser | null }): Promise<PendingIdea[]> {
  if (!input.actor) throw unauthorized();
  if (!canModerate(input.actor)) throw forbidden();
  const rows = await queryRows<PendingRow>(
    db,
    sql`SELECT i.number, i.slug, i.title, i.body, i.created_at, b.slug AS board_slug, b.name AS board_name, u.id AS author_id, u.name AS author_name
        FROM ideas i JOIN boards b ON b.id = i.board_id JOIN users u ON u.id = i.author_id
        WHERE i.approval = 'pending'
        ORDER BY i.created_at, i.id
        LIMIT ${PENDING_LIST_MAX}::int`,
  );
  return rows.map((r) => {
    const number = Number(r.number);
    return {
      number,
      url: ideaUrl({ number, slug: r.slug }),
      title: r.title,
      excerpt: excerptOf(r.body),
      board: { slug: r.board_slug, name: r.board_name },
      author: { id: Number(r.author_id), name: r.author_name },
      createdAt: new Date(r.created_at),
    };
  });
}

/** How many ideas wait for approval, up to PENDING_LIST_MAX: staff's header badge; 0 (no query) for anyone else. */
export async function countPendingIdeas(input: { actor: SessionUser | null }): Promise<number> {
  if (!canModerate(input.actor)) return 0;
  const [row] = await queryRows<{ n: number }>(db, pendingCountQuery());
  return Number(row?.n ?? 0);
}

/** The statement behind countPendingIdeas(), also one column of the header's counts. */
export function pendingCountQuery(): SQL {
  return sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ideas WHERE approval = 'pending' ORDER BY created_at, id LIMIT ${PENDING_LIST_MAX}::int) pending`;
}

/** The actor's own ideas that are not on their board, newest first (none for signed-out visitors). */
export async function listMyUnapprovedIdeas(input: { actor: SessionUser | null }): Promise<UnapprovedIdea[]> {
  if (!input.actor) return [];
  const rows = await queryRows<{ number: number; slug: string; title: string; approval: IdeaApproval; approval_reason: string | null; board_slug: string; board_name: string }>(
    db,
    sql`SELECT i.number, i.slug, i.title, i.approval, i.approval_reason, b.slug AS board_slug, b.name AS board_name
        FROM ideas i JOIN boards b ON b.id = i.board_id
        WHERE i.author_id = ${input.actor.id}::int AND i.approval <> 'approved' AND i.hidden_at IS NULL AND i.merged_into_id IS NULL
        ORDER BY i.id DESC
        LIMIT ${PENDING_LIST_MAX}::int`,
  );
  return rows.map((r) => ({
    number: Number(r.number),
    url: ideaUrl({ number: Number(r.number), slug: r.slug }),
    title: r.title,
    board: { slug: r.board_slug, name: r.board_name },
    state: r.approval === "rejected" ? "rejected" : "pending",
    reason: r.approval === "rejected" ? r.approval_reason : null,
  }));
}
