/**
 * A person as staff see them (/admin/people/:id): who they are, their company, and what they
 * did — ideas, votes (with importance, and who added one on their behalf), comments, follows.
 */
import { sql } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { forbidden, unauthorized } from "../lib/errors.server";
import { ideaUrl } from "../idea-links";
import { canSeePersonProfile } from "../permissions";
import type { Role } from "../roles";
import type { Importance } from "../schemas/companies";
import { isPositiveInt4 } from "../schemas/limits";

/** Each list shows this many, newest first. */
export const PROFILE_LIST_MAX = 100;

export interface PersonProfile {
  person: { id: number; name: string; email: string; role: Role; isContact: boolean; createdAt: Date; company: { externalId: string; name: string } | null; companyByHand: boolean };
  ideas: { number: number; title: string; url: string; status: string }[];
  votes: { number: number; title: string; url: string; importance: Importance | null; addedBy: string | null; note: string | null }[];
  comments: { id: number; number: number; title: string; url: string; excerpt: string }[];
  follows: { number: number; title: string; url: string }[];
}

type IdeaLink = { number: number; slug: string; title: string };
const link = (r: IdeaLink) => ({ number: Number(r.number), title: r.title, url: ideaUrl({ number: Number(r.number), slug: r.slug }) });

/** The profile of user `userId` (staff only); null when there is no such person (or they deleted their account). */
export async function getPersonProfile(input: { actor: SessionUser | null; userId: number }): Promise<PersonProfile | null> {
  if (!input.actor) throw unauthorized();
  if (!canSeePersonProfile(input.actor)) throw forbidden();
  if (!isPositiveInt4(input.userId)) return null;
  const id = input.userId;
  const [person] = await queryRows<{ id: number; name: string; email: string; role: Role; is_contact: boolean; created_at: string | Date; company_by_hand: boolean; external_id: string | null; company: string | null }>(
    db,
    sql`SELECT u.id, u.name, u.email, u.role, u.is_contact, u.created_at, u.company_by_hand, c.external_id, c.name AS company
        FROM users u LEFT JOIN companies c ON c.id = u.company_id
        WHERE u.id = ${id}::int AND u.deleted_at IS NULL`,
  );
  if (!person) return null;
  const ideas = await queryRows<IdeaLink & { status: string }>(
    db,
    sql`SELECT number, slug, title, status FROM ideas WHERE author_id = ${id}::int AND merged_into_id IS NULL ORDER BY id DESC LIMIT ${PROFILE_LIST_MAX}`,
  );
  const votes = await queryRows<IdeaLink & { importance: Importance | null; added_by: string | null; note: string | null }>(
    db,
    sql`SELECT i.number, i.slug, i.title, v.importance, a.name AS added_by, v.note
        FROM votes v JOIN ideas i ON i.id = v.idea_id LEFT JOIN users a ON a.id = v.added_by_id
        WHERE v.user_id = ${id}::int ORDER BY v.created_at DESC, i.id DESC LIMIT ${PROFILE_LIST_MAX}`,
  );
  const comments = await queryRows<IdeaLink & { id: number; body: string }>(
    db,
    sql`SELECT c.id, i.number, i.slug, i.title, left(c.body, 200) AS body
        FROM comments c JOIN ideas i ON i.id = c.idea_id
        WHERE c.author_id = ${id}::int ORDER BY c.id DESC LIMIT ${PROFILE_LIST_MAX}`,
  );
  const follows = await queryRows<IdeaLink>(
    db,
    sql`SELECT i.number, i.slug, i.title FROM subscriptions s JOIN ideas i ON i.id = s.idea_id
        WHERE s.user_id = ${id}::int AND s.state = 'following' ORDER BY s.updated_at DESC LIMIT ${PROFILE_LIST_MAX}`,
  );
  return {
    person: {
      id: Number(person.id),
      name: person.name,
      email: person.email,
      role: person.role,
      isContact: Boolean(person.is_contact),
      createdAt: new Date(person.created_at),
      company: person.external_id ? { externalId: person.external_id, name: person.company ?? "" } : null,
      companyByHand: Boolean(person.company_by_hand),
    },
    ideas: ideas.map((r) => ({ ...link(r), status: r.status })),
    votes: votes.map((r) => ({ ...link(r), importance: r.importance, addedBy: r.added_by, note: r.note })),
    comments: comments.map((r) => ({ ...link(r), id: Number(r.id), url: `${link(r).url}#comment-${r.id}`, excerpt: r.body.replace(/\s+/g, " ").trim() })),
    follows: follows.map(link),
  };
}
