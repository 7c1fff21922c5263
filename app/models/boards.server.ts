/** Boards: created, renamed and archived by admins; public to read. */
import { asc, count, eq, isNull } from "drizzle-orm";
import { boards } from "../../db/schema";
import { translate } from "../i18n";
import { db, isUniqueViolation } from "../lib/db.server";
import { conflict, forbidden, notFound } from "../lib/errors.server";
import { canManageBoards, type Actor } from "../permissions";
import type { BoardInput } from "../schemas/boards";

export type Board = typeof boards.$inferSelect;

export const DEFAULT_BOARD = { slug: "feature-requests", name: "Feature requests", description: "Ideas for what we should build next." };

/** A fresh install gets one board, so the first visitor has somewhere to post. */
export async function ensureDefaultBoard(): Promise<void> {
  const [{ n }] = await db.select({ n: count() }).from(boards);
  if (n === 0) await db.insert(boards).values(DEFAULT_BOARD).onConflictDoNothing();
}

export async function listBoards(options: { includeArchived?: boolean } = {}): Promise<Board[]> {
  const query = db.select().from(boards).orderBy(asc(boards.id));
  return options.includeArchived ? query : query.where(isNull(boards.archivedAt));
}

export async function findBoardBySlug(slug: string): Promise<Board | null> {
  const [row] = await db.select().from(boards).where(eq(boards.slug, slug)).limit(1);
  return row ?? null;
}

const slugTaken = () => conflict(translate("en", "admin.boards.slugTaken"), { slug: translate("en", "admin.boards.slugTaken") });

export async function createBoard(input: { actor: Actor } & BoardInput): Promise<Board> {
  if (!canManageBoards(input.actor)) throw forbidden();
  try {
    const [row] = await db.insert(boards).values({ name: input.name, slug: input.slug, description: input.description }).returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

export async function updateBoard(input: { actor: Actor; id: number } & BoardInput): Promise<Board> {
  if (!canManageBoards(input.actor)) throw forbidden();
  try {
    const [row] = await db
      .update(boards)
      .set({ name: input.name, slug: input.slug, description: input.description })
      .where(eq(boards.id, input.id))
      .returning();
    if (!row) throw notFound();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

export async function setBoardArchived(input: { actor: Actor; id: number; archived: boolean }): Promise<Board> {
  if (!canManageBoards(input.actor)) throw forbidden();
  const [row] = await db
    .update(boards)
    .set({ archivedAt: input.archived ? new Date() : null })
    .where(eq(boards.id, input.id))
    .returning();
  if (!row) throw notFound();
  return row;
}
