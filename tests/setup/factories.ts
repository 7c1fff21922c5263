/**
 * Shared creators for tests: real rows through the real model functions (no permission checks or
 * rate limits where a test only needs the data to exist).
 */
import { eq } from "drizzle-orm";
import { boards, type IdeaApproval } from "../../db/schema";
import type { SessionUser } from "~/lib/auth.server";
import type { Role } from "~/roles";
import { db } from "~/lib/db.server";
import { DEFAULT_BOARD, ensureDefaultBoard } from "~/models/boards.server";
import { createUser } from "~/models/users.server";
import { getIdea, insertIdea, type IdeaDetail } from "~/models/ideas.server";

let sequence = 0;
const next = () => `${Date.now().toString(36)}${(++sequence).toString(36)}`;

export async function createTestUser(input: { role?: Role; name?: string; email?: string } = {}): Promise<SessionUser> {
  const id = next();
  return createUser({ email: input.email ?? `user-${id}@example.test`, name: input.name ?? `User ${id}`, role: input.role ?? "member" });
}

export async function createTestBoard(input: { slug?: string; name?: string; archived?: boolean; requiresApproval?: boolean } = {}) {
  const id = next();
  const [board] = await db
    .insert(boards)
    .values({ slug: input.slug ?? `board-${id}`, name: input.name ?? `Board ${id}`, archivedAt: input.archived ? new Date() : null, requiresApproval: input.requiresApproval ?? false })
    .returning();
  return board;
}

/** The default board, created if needed. */
export async function defaultBoard() {
  await ensureDefaultBoard();
  const [board] = await db.select().from(boards).where(eq(boards.slug, DEFAULT_BOARD.slug));
  return board;
}

/** An idea as createIdea() would store it (author's vote included), without the rate limit. */
export async function createTestIdea(input: {
  author: SessionUser;
  board?: { id: number } | string;
  title?: string;
  body?: string;
  createdAt?: Date;
  /** "pending" or "rejected": as if posted by a member on a board that requires approval. */
  approval?: IdeaApproval;
}): Promise<IdeaDetail> {
  let boardId: number;
  if (input.board === undefined) boardId = (await defaultBoard()).id;
  else if (typeof input.board === "string") {
    const [row] = await db.select({ id: boards.id }).from(boards).where(eq(boards.slug, input.board));
    if (!row) throw new Error(`No board ${input.board}`);
    boardId = row.id;
  } else boardId = input.board.id;
  const { number } = await insertIdea(db, {
    authorId: input.author.id,
    boardId,
    title: input.title ?? `Idea ${next()}`,
    body: input.body ?? "Some **details**.",
    createdAt: input.createdAt,
    approval: input.approval,
  });
  return (await getIdea({ actor: input.author, number }))!;
}
