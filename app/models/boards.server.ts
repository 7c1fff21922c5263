/** Boards: created, renamed and archived by admins; public to read. */
import { asc, count, eq, isNull } from "drizzle-orm";
import { boards } from "../../db/schema";
import { translate } from "../i18n";
import { isLocale } from "../i18n/locales";
import { db, isUniqueViolation, keptStatements } from "../lib/db.server";
import { conflict, forbidden, localMessage, notFound, parseOrRefuse } from "../lib/errors.server";
import { canManageBoards, type Actor } from "../permissions";
import { BoardApprovalInput, type BoardInput } from "../schemas/boards";

export type Board = typeof boards.$inferSelect;

export const DEFAULT_BOARD = { slug: "feature-requests", name: "Feature requests", description: "Ideas for what we should build next." };

/** A fresh install gets one board, so the first visitor has somewhere to post. */
export async function ensureDefaultBoard(): Promise<void> {
  const [{ n }] = await db.select({ n: count() }).from(boards);
  if (n === 0) await db.insert(boards).values(DEFAULT_BOARD).onConflictDoNothing();
}

/** The boards, archived ones too or not: two statements, built once (every board page reads one). */
const boardList = keptStatements("board_list", (includeArchived: boolean) => {
  const query = db.select().from(boards).orderBy(asc(boards.id)).$dynamic();
  return includeArchived ? query : query.where(isNull(boards.archivedAt));
});

export async function listBoards(options: { includeArchived?: boolean } = {}): Promise<Board[]> {
  const includeArchived = Boolean(options.includeArchived);
  return boardList(includeArchived ? "all" : "open", includeArchived).execute();
}

/** What a board slug can look like; anything else names no board and never reaches SQL. */
const SLUG_SHAPE = /^[\p{L}\p{N}-]{1,100}$/u;

/** The board a slug names (trimmed, lowercased), or null. */
export async function findBoardBySlug(slug: string): Promise<Board | null> {
  const clean = slug.trim().toLowerCase();
  if (!SLUG_SHAPE.test(clean)) return null;
  const [row] = await db.select().from(boards).where(eq(boards.slug, clean)).limit(1);
  return row ?? null;
}

/** The board a list's `?board=` names: undefined for none, 404 for one that does not exist. */
export async function boardFilter(slug: string | null | undefined): Promise<Board | undefined> {
  if (slug === undefined || slug === null || slug === "") return undefined;
  const board = await findBoardBySlug(slug);
  if (!board) throw notFound();
  return board;
}

const actorLocale = (actor: Actor) => ("locale" in actor && isLocale(actor.locale) ? actor.locale : "en");
const slugTaken = (actor: Actor) => conflict(localMessage("admin.boards.slugTaken"), { slug: translate(actorLocale(actor), "admin.boards.slugTaken") });

export async function createBoard(input: { actor: Actor } & BoardInput): Promise<Board> {
  if (!canManageBoards(input.actor)) throw forbidden();
  try {
    const [row] = await db.insert(boards).values({ name: input.name, slug: input.slug, description: input.description }).returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.actor);
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
    if (isUniqueViolation(error)) throw slugTaken(input.actor);
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

/** Turns "new ideas need approval" on or off for board `id` (admins; ideas already posted stay as they are). */
export async function setBoardRequiresApproval(input: { actor: Actor; id: number; requiresApproval: unknown }): Promise<Board> {
  if (!canManageBoards(input.actor)) throw forbidden();
  const { requiresApproval } = parseOrRefuse(BoardApprovalInput, { requiresApproval: input.requiresApproval }, actorLocale(input.actor));
  const [row] = await db.update(boards).set({ requiresApproval }).where(eq(boards.id, input.id)).returning();
  if (!row) throw notFound();
  return row;
}

/** A board as the API shows it. */
export const boardToJson = (b: Board) => ({ slug: b.slug, name: b.name, description: b.description, requiresApproval: b.requiresApproval });
