/**
 * Admin › People: finding people, changing their roles, blocking and unblocking them. A blocked
 * person still signs in and reads, but posts, comments and votes no more (see canTakePart); the
 * flag travels with the signed-in person, read afresh on every request.
 */
import { and, asc, desc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import { users } from "../../db/schema";
import { forgetApiTokens } from "../lib/api-tokens.server";
import { db, type Executor } from "../lib/db.server";
import { conflict, forbidden, localMessage, notFound, parseOrRefuse } from "../lib/errors.server";
import type { SessionUser } from "../lib/session-user.server";
import { translate } from "../i18n";
import { canManageUsers } from "../permissions";
import type { Role } from "../roles";
import { PEOPLE_PAGE_SIZE, PeopleQuery, PersonChange } from "../schemas/people";
import { hideContentOfBlocked, restoreContentOfUnblocked } from "./blocked-content.server";
import { forgetColumnTotals } from "./roadmap.server";

export interface Person {
  id: number;
  name: string;
  email: string;
  role: Role;
  blockedAt: Date | null;
  createdAt: Date;
}

const personColumns = { id: users.id, name: users.name, email: users.email, role: users.role, blockedAt: users.blockedAt, createdAt: users.createdAt };

/** `%` and `_` typed into the search box are searched for, not wildcards. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * People whose name or address contains `q` (any case), newest accounts first; everyone when
 * `q` is empty. Deleted accounts are not people any more and never listed.
 */
export async function listPeople(input: { actor: SessionUser; q?: unknown }): Promise<Person[]> {
  if (!canManageUsers(input.actor)) throw forbidden();
  const { q } = parseOrRefuse(PeopleQuery, { q: input.q ?? undefined }, input.actor.locale);
  const match = q ? or(ilike(users.name, likePattern(q)), ilike(users.email, likePattern(q))) : undefined;
  return db
    .select(personColumns)
    .from(users)
    .where(and(isNull(users.deletedAt), match))
    .orderBy(desc(users.id))
    .limit(PEOPLE_PAGE_SIZE);
}

export async function findPerson(input: { actor: SessionUser; id: number }): Promise<Person | null> {
  if (!canManageUsers(input.actor)) throw forbidden();
  const [row] = await db.select(personColumns).from(users).where(and(eq(users.id, input.id), isNull(users.deletedAt))).limit(1);
  return row ?? null;
}

/**
 * The admins, locked in id order: two admins demoting each other at the same moment are served
 * one after the other, and the second finds the first is now the last admin.
 */
async function lockAdmins(tx: Executor): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.deletedAt)))
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((r) => r.id);
}

/**
 * Changes a person's role and/or blocks or unblocks them (raw input, validated by PersonChange).
 * Admins cannot change their own role or block themselves, the last admin stays an admin, and an
 * admin is demoted before being blocked. Blocking with `hideContent` hides everything they wrote
 * (blocking someone already blocked with it hides what they wrote before); unblocking with
 * `restoreContent` restores what a block hid (blocked-content.server.ts).
 */
type Counts = { ideas: number; comments: number };
/** What blocking with `hideContent` hid, or unblocking with `restoreContent` put back. */
export type ContentChange = { hidden: Counts } | { restored: Counts };

export async function updatePerson(input: { actor: SessionUser; id: number; change: unknown }): Promise<Person & { content?: ContentChange }> {
  const { actor, id } = input;
  if (!canManageUsers(actor)) throw forbidden();
  const change = parseOrRefuse(PersonChange, input.change ?? {}, actor.locale);
  const person = await db.transaction(async (tx) => {
    const admins = change.role !== undefined ? await lockAdmins(tx) : [];
    const [target] = await tx.select(personColumns).from(users).where(and(eq(users.id, id), isNull(users.deletedAt))).for("update");
    if (!target) throw notFound();
    const role = change.role ?? target.role;
    if (role !== target.role) {
      if (target.id === actor.id) throw conflict(localMessage("people.error.selfRole"));
      if (target.role === "admin" && admins.length <= 1) throw conflict(localMessage("people.error.lastAdmin"));
    }
    if (change.blocked === true && target.blockedAt === null) {
      if (target.id === actor.id) throw conflict(localMessage("people.error.selfBlock"));
      if (role === "admin") throw conflict(localMessage("people.error.blockAdmin"));
    }
    const blockedAt = change.blocked === undefined ? target.blockedAt : change.blocked ? (target.blockedAt ?? sql`now()`) : null;
    const [row] = await tx.update(users).set({ role, blockedAt }).where(eq(users.id, id)).returning(personColumns);
    // Their content goes (or comes back) in the block's own transaction: all of it, or none and no block.
    let content: ContentChange | undefined;
    if (change.blocked === true && change.hideContent) {
      content = { hidden: await hideContentOfBlocked(tx, { authorId: id, actorId: actor.id, reason: translate(actor.locale, "people.blockedReason") }) };
    } else if (change.blocked === false && change.restoreContent) {
      content = { restored: await restoreContentOfUnblocked(tx, { authorId: id, actorId: actor.id }) };
    }
    return { ...row, ...(content ? { content } : {}) };
  });
  // Bearer tokens carry the person's role and block: the next API request reads them afresh.
  forgetApiTokens(id);
  if (person.content) forgetColumnTotals();
  return person;
}

export function personToJson(person: Person & { content?: ContentChange }) {
  return {
    ...(person.content ? { content: person.content } : {}),
    id: person.id,
    name: person.name,
    email: person.email,
    role: person.role,
    blocked: person.blockedAt !== null,
    blockedAt: person.blockedAt?.toISOString() ?? null,
    createdAt: person.createdAt.toISOString(),
  };
}
