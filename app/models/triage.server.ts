/**
 * The triage inbox: ideas waiting for a staff answer — no status change, no staff comment, not
 * marked reviewed, not merged (deleted ideas are gone) — oldest first. `ideas.triaged_at` is set
 * by the first status change (statuses.server.ts), the first staff comment (comments.server.ts)
 * or "mark as reviewed" (here); the inbox and the header's count read only the partial indexes
 * of ideas where it is null. See docs/decisions/0020-triage-inbox.md.
 */
import { sql, type SQL } from "drizzle-orm";
import { ideaUrl } from "../idea-links";
import type { SessionUser } from "../lib/auth.server";
import { badCursor, decodeCursor, encodeCursor } from "../lib/cursor.server";
import { db, queryRows, type Executor } from "../lib/db.server";
import { env } from "../lib/env.server";
import { forbidden, notFound, parseOrRefuse, unauthorized } from "../lib/errors.server";
import { canTriage } from "../permissions";
import { isPositiveInt4 } from "../schemas/limits";
import { INBOX_PAGE_SIZE, InboxQuery } from "../schemas/triage";
import type { InboxIdea, TagView } from "../shapes";
import type { IdeaStatus } from "../statuses";
import { boardFilter } from "./boards.server";
import { recordIdeaActivity } from "./idea-activity.server";
import { readTags, taggedWith, tagFilter, tagsColumn, tagView } from "./tags.server";

/** The header counts the inbox up to this many ("99+" beyond). */
export const INBOX_COUNT_CAP = 100;

/**
 * Only ideas still waiting: the predicate of the partial indexes ideas_inbox_idx and
 * ideas_inbox_board_idx, less ideas awaiting approval (they wait in the moderation queue instead).
 */
const WAITING = sql`i.triaged_at IS NULL AND i.merged_into_id IS NULL AND i.approval = 'approved'`;

export type { InboxIdea } from "../shapes";

export interface InboxPage {
  board: { slug: string; name: string } | null;
  tag: TagView | null;
  ideas: InboxIdea[];
  /** The cursor of the next page (older ideas are first, so: newer ones), or null on the last. */
  nextCursor: string | null;
}

type InboxRow = {
  id: number;
  number: number;
  slug: string;
  title: string;
  status: IdeaStatus;
  vote_count: number;
  comment_count: number;
  board_slug: string;
  board_name: string;
  author_id: number;
  author_name: string;
  created_at: Date | string;
  created_key: string;
  /** json_agg's array (readTags). */
  tags: unknown;
};

/** A cursor's keys: the last row's created_at exactly as PostgreSQL prints it (microseconds kept), and its id. */
function cursorKeys(cursor: string): { at: string; id: number } {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== "string" || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/.test(at)) throw badCursor();
  if (typeof id !== "number" || !isPositiveInt4(id)) throw badCursor();
  return { at, id };
}

/**
 * One page of the inbox, oldest first. Staff only (403); `board` narrows it to one board (404
 * for a board that does not exist), `tag` to the ideas with that tag (404 for an unknown tag). Each
 * filter is one more condition on the waiting ideas.
 */
export async function listInbox(input: { actor: SessionUser | null; board?: unknown; tag?: unknown; cursor?: unknown; limit?: number }): Promise<InboxPage> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canTriage(actor)) throw forbidden();
  const query = parseOrRefuse(InboxQuery, { board: input.board || undefined, tag: input.tag || undefined, cursor: input.cursor || undefined }, actor.locale);
  const board = await boardFilter(query.board);
  const tag = await tagFilter(actor, query.tag);
  const limit = Math.min(Math.max(input.limit ?? INBOX_PAGE_SIZE, 1), INBOX_PAGE_SIZE);
  const conditions: SQL[] = [WAITING];
  if (board) conditions.push(sql`i.board_id = ${board.id}::int`);
  if (tag) conditions.push(taggedWith("i", tag.id));
  if (query.cursor) {
    const after = cursorKeys(query.cursor);
    conditions.push(sql`(i.created_at, i.id) > (${after.at}::timestamptz, ${after.id}::int)`);
  }
  const rows = await queryRows<InboxRow>(
    db,
    sql`SELECT i.id, i.number, i.slug, i.title, i.status, i.vote_count, i.comment_count, i.created_at, i.created_at::text AS created_key,
               b.slug AS board_slug, b.name AS board_name, u.id AS author_id, u.name AS author_name, ${tagsColumn(actor, sql`i.id`)} AS tags
        FROM ideas i
        JOIN boards b ON b.id = i.board_id
        JOIN users u ON u.id = i.author_id
        WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY i.created_at, i.id
        LIMIT ${limit + 1}::int`,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    board: board ? { slug: board.slug, name: board.name } : null,
    tag: tag ? tagView(tag) : null,
    ideas: page.map(toInboxIdea),
    nextCursor: rows.length > limit && last ? encodeCursor([last.created_key, Number(last.id)]) : null,
  };
}

function toInboxIdea(r: InboxRow): InboxIdea {
  const number = Number(r.number);
  return {
    id: Number(r.id),
    number,
    slug: r.slug,
    url: ideaUrl({ number, slug: r.slug }),
    title: r.title,
    status: r.status,
    voteCount: Number(r.vote_count),
    commentCount: Number(r.comment_count),
    board: { slug: r.board_slug, name: r.board_name },
    author: { id: Number(r.author_id), name: r.author_name },
    createdAt: new Date(r.created_at),
    tags: readTags(r.tags),
  };
}

/** The statement behind countInbox(), also one column of the header's counts (header-counts.server.ts). */
export function inboxCountQuery(): SQL {
  return sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ideas i WHERE ${WAITING} ORDER BY i.created_at, i.id LIMIT ${INBOX_COUNT_CAP}::int) waiting`;
}

/**
 * How many ideas wait, counted up to INBOX_COUNT_CAP: the header's badge for staff, on every page
 * they open. It reads at most that many entries of the partial index; 0 for everyone else.
 */
export async function countInbox(input: { actor: SessionUser | null }): Promise<{ count: number; capped: boolean }> {
  if (!canTriage(input.actor)) return { count: 0, capped: false };
  const [row] = await queryRows<{ n: number }>(db, inboxCountQuery());
  const count = Number(row?.n ?? 0);
  return { count, capped: count >= INBOX_COUNT_CAP };
}

/** Takes the idea out of the inbox, if it was in it: whether this call did. For the models that answer an idea. */
export async function markTriaged(tx: Executor, ideaId: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(tx, sql`UPDATE ideas SET triaged_at = now() WHERE id = ${ideaId}::int AND triaged_at IS NULL RETURNING id`);
  return rows.length > 0;
}

/**
 * "Mark as reviewed": staff take idea `number` out of the inbox without answering it, kept on its
 * staff timeline. 404 for an unknown idea; marking one that is no longer waiting changes nothing
 * (`reviewed: false`, no timeline entry).
 */
export async function markIdeaReviewed(input: { actor: SessionUser | null; number: number }): Promise<{ number: number; reviewed: boolean }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canTriage(actor)) throw forbidden();
  if (!isPositiveInt4(input.number)) throw notFound();
  const [idea] = await queryRows<{ id: number }>(db, sql`SELECT id FROM ideas WHERE number = ${input.number}::int`);
  if (!idea) throw notFound();
  const reviewed = await db.transaction(async (tx) => {
    const marked = await markTriaged(tx, Number(idea.id));
    if (marked) await recordIdeaActivity(tx, { ideaId: Number(idea.id), actorId: actor.id, kind: "reviewed" });
    return marked;
  });
  return { number: input.number, reviewed };
}

/** An inbox idea as the JSON API shows it; `url` is absolute. */
export function inboxIdeaToJson(idea: InboxIdea, origin: string = env.appUrl) {
  return {
    number: idea.number,
    slug: idea.slug,
    url: origin + idea.url,
    title: idea.title,
    status: idea.status,
    voteCount: idea.voteCount,
    commentCount: idea.commentCount,
    board: idea.board,
    author: idea.author,
    tags: idea.tags,
    createdAt: idea.createdAt.toISOString(),
  };
}
