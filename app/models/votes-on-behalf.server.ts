/**
 * Votes staff add for a customer who asked by call, email or chat, and each voter's word on how
 * much it matters. A customer without an account gets a contact row (users.is_contact: no
 * password, no sign-in) that follows what they voted for like any voter and becomes their
 * account if they sign up later (users.server.ts). Who added a vote and the note are staff only.
 * See docs/decisions/0022-companies-and-votes-on-behalf.md.
 */
import { sql } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows, type Executor } from "../lib/db.server";
import { forbidden, notFound, parseOrRefuse, unauthorized } from "../lib/errors.server";
import { canVote, canVoteOnBehalf } from "../permissions";
import { ImportanceInput, OnBehalfVoteInput, type Importance } from "../schemas/companies";
import { companyForEmail } from "./companies.server";
import { finalIdea, ideaByNumber } from "./merge-chain.server";
import { env } from "../lib/env.server";
import { recordIdeaActivity } from "./idea-activity.server";
import { applyVoteFollowingMerges } from "./votes.server";

export interface OnBehalfVoteResult {
  voter: { id: number; email: string; name: string; isContact: boolean };
  /** False when the person had already voted: nothing changed. */
  added: boolean;
  voteCount: number;
}

/**
 * The person with this address, or a new contact for it. A parallel call for the same address
 * waits on the unique key and then finds the row the other one made.
 */
export async function personForEmail(tx: Executor, email: string, name: string | undefined): Promise<OnBehalfVoteResult["voter"]> {
  const fallback = email.split("@")[0].slice(0, 50) || email.slice(0, 50);
  await tx.execute(sql`
    INSERT INTO users (email, name, is_contact, email_verified_at, company_id, last_locale)
    VALUES (${email}, ${name ?? fallback}, true, NULL, ${companyForEmail(email)}, ${env.defaultLocale})
    ON CONFLICT (email) DO NOTHING`);
  const [row] = await queryRows<{ id: number; email: string; name: string; is_contact: boolean }>(
    tx,
    sql`SELECT id, email, name, is_contact FROM users WHERE email = ${email} AND deleted_at IS NULL`,
  );
  return { id: Number(row.id), email: row.email, name: row.name, isContact: Boolean(row.is_contact) };
}

/** The audit line on the idea the vote landed on (the end of its merge chain): who added or removed whose vote. */
async function recordOnBehalf(tx: Executor, ideaId: number, actorId: number, kind: "votedOnBehalf" | "removedVoteOnBehalf", person: string): Promise<void> {
  const target = await finalIdea(tx, ideaId);
  await recordIdeaActivity(tx, { ideaId: target?.id ?? ideaId, actorId, kind, detail: { person } });
}

/**
 * Adds a vote for the person with `email` (staff), creating a contact when there is no account.
 * The same person twice changes nothing (their first vote, its note and who added it stay).
 * 404 for an unknown idea; 422 for a bad address, name or note.
 */
export async function addVoteOnBehalf(input: { actor: SessionUser | null; number: number; email: unknown; name?: unknown; note?: unknown }): Promise<OnBehalfVoteResult> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canVoteOnBehalf(actor)) throw forbidden();
  const data = parseOrRefuse(OnBehalfVoteInput, { email: input.email, name: input.name, note: input.note }, actor.locale);
  const idea = await ideaByNumber(db, input.number);
  if (!idea) throw notFound();
  return db.transaction(async (tx) => {
    const voter = await personForEmail(tx, data.email, data.name);
    const result = await applyVoteFollowingMerges(tx, { number: input.number, userId: voter.id, voted: true, addedById: actor.id, note: data.note || null });
    if (!result) throw notFound();
    if (result.changed) await recordOnBehalf(tx, idea.id, actor.id, "votedOnBehalf", voter.name);
    return { voter, added: result.changed, voteCount: result.voteCount };
  });
}

/** Removes the vote of the person with `email` (staff); idempotent. 404 for an unknown idea. */
export async function removeVoteOnBehalf(input: { actor: SessionUser | null; number: number; email: unknown }): Promise<{ removed: boolean; voteCount: number }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canVoteOnBehalf(actor)) throw forbidden();
  const { email } = parseOrRefuse(OnBehalfVoteInput.pick({ email: true }), { email: input.email }, actor.locale);
  const idea = await ideaByNumber(db, input.number);
  if (!idea) throw notFound();
  const [person] = await queryRows<{ id: number; name: string }>(db, sql`SELECT id, name FROM users WHERE email = ${email}`);
  if (!person) {
    const target = await finalIdea(db, idea.id);
    const [row] = await queryRows<{ vote_count: number }>(db, sql`SELECT vote_count FROM ideas WHERE id = ${target!.id}::int`);
    return { removed: false, voteCount: Number(row.vote_count) };
  }
  return db.transaction(async (tx) => {
    const result = await applyVoteFollowingMerges(tx, { number: input.number, userId: Number(person.id), voted: false });
    if (!result) throw notFound();
    if (result.changed) await recordOnBehalf(tx, idea.id, actor.id, "removedVoteOnBehalf", person.name);
    return { removed: result.changed, voteCount: result.voteCount };
  });
}

/**
 * The voter's own word on how much the idea matters to them (null: not said). Only on a vote they
 * have: 404 for an unknown idea or no vote.
 */
export async function setVoteImportance(input: { actor: SessionUser | null; number: number; importance: unknown }): Promise<{ importance: Importance | null }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canVote(actor)) throw forbidden();
  const { importance } = parseOrRefuse(ImportanceInput, { importance: input.importance }, actor.locale);
  const idea = await ideaByNumber(db, input.number);
  const target = idea ? await finalIdea(db, idea.id) : null;
  if (!target) throw notFound();
  const rows = await queryRows<{ importance: Importance | null }>(
    db,
    sql`UPDATE votes SET importance = ${importance}::vote_importance WHERE idea_id = ${target.id}::int AND user_id = ${actor.id}::int RETURNING importance`,
  );
  if (rows.length === 0) throw notFound();
  return { importance: rows[0].importance };
}

/** The reader's own importance on an idea they voted for (null: not said, or no vote). */
export async function myVoteImportance(input: { actor: SessionUser | null; ideaId: number }): Promise<Importance | null> {
  if (!input.actor) return null;
  const [row] = await queryRows<{ importance: Importance | null }>(db, sql`SELECT importance FROM votes WHERE idea_id = ${input.ideaId}::int AND user_id = ${input.actor.id}::int`);
  return row?.importance ?? null;
}
