/**
 * Canned replies: response templates admins keep and staff insert into a status note or a
 * comment, with the idea's details filled in (placeholders: app/canned-replies.ts). Staff read
 * them, admins write them; members never see them.
 */
import { asc, eq, sql } from "drizzle-orm";
import { boards, cannedReplies, ideas, users } from "../../db/schema";
import { CANNED_REPLY_PLACEHOLDERS, fillPlaceholders, unknownPlaceholders } from "../canned-replies";
import { translate } from "../i18n";
import { ideaUrl } from "../idea-links";
import type { SessionUser } from "../lib/auth.server";
import { db, isUniqueViolation } from "../lib/db.server";
import { env } from "../lib/env.server";
import { conflict, forbidden, localMessage, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { canManageCannedReplies, canUseCannedReplies } from "../permissions";
import { CannedReplyForm, CannedReplyPatch } from "../schemas/canned-replies";
import { isPositiveInt4 } from "../schemas/limits";
import type { CannedReplyChoice } from "../shapes";

export type CannedReply = typeof cannedReplies.$inferSelect;

function mayRead(actor: SessionUser | null): asserts actor is SessionUser {
  if (!actor) throw unauthorized();
  if (!canUseCannedReplies(actor)) throw forbidden();
}

function mayWrite(actor: SessionUser | null): asserts actor is SessionUser {
  if (!actor) throw unauthorized();
  if (!canManageCannedReplies(actor)) throw forbidden();
}

/** Staff: every canned reply, by name. */
export async function listCannedReplies(input: { actor: SessionUser | null }): Promise<CannedReply[]> {
  mayRead(input.actor);
  return db.select().from(cannedReplies).orderBy(asc(cannedReplies.name), asc(cannedReplies.id));
}

const toId = (raw: unknown): number | null => {
  const id = typeof raw === "string" && /^\d{1,10}$/.test(raw) ? Number(raw) : raw;
  return typeof id === "number" && isPositiveInt4(id) ? id : null;
};

/** Staff: one canned reply, or null. */
export async function getCannedReply(input: { actor: SessionUser | null; id: unknown }): Promise<CannedReply | null> {
  mayRead(input.actor);
  const id = toId(input.id);
  if (id === null) return null;
  const [row] = await db.select().from(cannedReplies).where(eq(cannedReplies.id, id)).limit(1);
  return row ?? null;
}

/** 422 on the body's field when it names a placeholder that does not exist. */
function checkPlaceholders(actor: SessionUser, body: string | undefined): void {
  const unknown = body === undefined ? [] : unknownPlaceholders(body);
  if (unknown.length > 0) {
    const known = CANNED_REPLY_PLACEHOLDERS.map((p) => `{${p}}`).join(" ");
    throw unprocessable({ body: translate(actor.locale, "cannedReplies.error.placeholder", { unknown: unknown.join(" "), known }) });
  }
}

const nameTaken = (actor: SessionUser) =>
  conflict(localMessage("cannedReplies.error.nameTaken"), { name: translate(actor.locale, "cannedReplies.error.nameTaken") });

/** Admins: a new canned reply (409 on the name field if the name is taken). */
export async function createCannedReply(input: { actor: SessionUser | null; name: unknown; body: unknown }): Promise<CannedReply> {
  const { actor } = input;
  mayWrite(actor);
  const data = parseOrRefuse(CannedReplyForm, { name: input.name, body: input.body }, actor.locale);
  checkPlaceholders(actor, data.body);
  try {
    const [row] = await db.insert(cannedReplies).values(data).returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(actor);
    throw error;
  }
}

/** Admins: a new name, body or both (404 unknown id). */
export async function updateCannedReply(input: { actor: SessionUser | null; id: unknown; name?: unknown; body?: unknown }): Promise<CannedReply> {
  const { actor } = input;
  mayWrite(actor);
  const id = toId(input.id);
  if (id === null) throw notFound();
  const data = parseOrRefuse(CannedReplyPatch, { name: input.name ?? undefined, body: input.body ?? undefined }, actor.locale);
  checkPlaceholders(actor, data.body);
  try {
    const [row] = await db
      .update(cannedReplies)
      .set({ ...data, updatedAt: sql`now()` })
      .where(eq(cannedReplies.id, id))
      .returning();
    if (!row) throw notFound();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(actor);
    throw error;
  }
}

/** Admins: deletes a canned reply (404 unknown id). */
export async function deleteCannedReply(input: { actor: SessionUser | null; id: unknown }): Promise<void> {
  mayWrite(input.actor);
  const id = toId(input.id);
  const deleted = id === null ? [] : await db.delete(cannedReplies).where(eq(cannedReplies.id, id)).returning({ id: cannedReplies.id });
  if (deleted.length === 0) throw notFound();
}

/** What the placeholders stand for on one idea; null for an unknown idea. */
async function placeholderValues(number: number) {
  if (!isPositiveInt4(number)) return null;
  const [idea] = await db
    .select({ number: ideas.number, slug: ideas.slug, title: ideas.title, author: users.name, board: boards.name })
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .innerJoin(boards, eq(boards.id, ideas.boardId))
    .where(eq(ideas.number, number))
    .limit(1);
  if (!idea) return null;
  return { title: idea.title, author: idea.author, board: idea.board, number: String(idea.number), url: env.appUrl + ideaUrl(idea) };
}

/** The canned replies filled in for an idea, for the idea page: staff only, none for anyone else. */
export async function cannedRepliesFor(input: { actor: SessionUser | null; number: number }): Promise<CannedReplyChoice[]> {
  if (!canUseCannedReplies(input.actor)) return [];
  const [replies, values] = await Promise.all([listCannedReplies(input), placeholderValues(input.number)]);
  if (!values) return [];
  return replies.map((r) => ({ id: r.id, name: r.name, text: fillPlaceholders(r.body, values) }));
}

/**
 * A box's text with a canned reply added (after a blank line when the box had text): the page's
 * "Insert" without JavaScript. 404 for an unknown idea or reply.
 */
export async function insertCannedReply(input: { actor: SessionUser | null; number: number; id: unknown; into: unknown }): Promise<string> {
  const reply = await getCannedReply({ actor: input.actor, id: input.id });
  const values = await placeholderValues(input.number);
  if (!reply || !values) throw notFound();
  const text = fillPlaceholders(reply.body, values);
  const before = typeof input.into === "string" ? input.into.trimEnd() : "";
  return before ? `${before}\n\n${text}` : text;
}

/** A canned reply in the JSON API. */
export function cannedReplyToJson(reply: CannedReply) {
  return { id: reply.id, name: reply.name, body: reply.body, createdAt: reply.createdAt.toISOString(), updatedAt: reply.updatedAt.toISOString() };
}
