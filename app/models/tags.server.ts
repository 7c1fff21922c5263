/**
 * Tags: admins define them (name, a colour from the palette in app/tags.ts, public or private);
 * staff put them on ideas (idea-tags.server.ts). A private tag is staff's alone: to anyone else
 * it does not exist, whether listed, looked up by slug or asked for as a filter (the same
 * answer as for a tag that was never made). See docs/decisions/0025-tags.md.
 */
import { and, asc, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { ideas, tags } from "../../db/schema";
import { translate } from "../i18n";
import { wordsSlug } from "../idea-links";
import type { SessionUser } from "../lib/auth.server";
import { db, isUniqueViolation, queryRows } from "../lib/db.server";
import { conflict, forbidden, localMessage, notFound, parseOrRefuse, unauthorized } from "../lib/errors.server";
import { canManageTags, canSeePrivateTags, type Actor } from "../permissions";
import { TagForm, TagPatch, tagSlug } from "../schemas/tags";
import type { TagView } from "../shapes";
import type { TagColour } from "../tags";

export type Tag = typeof tags.$inferSelect;

function mayManage(actor: SessionUser | null): asserts actor is SessionUser {
  if (!actor) throw unauthorized();
  if (!canManageTags(actor)) throw forbidden();
}

/** The tags `actor` may see: public ones for everyone, private ones for staff too. */
const visibleTo = (actor: Actor | null | undefined): SQL | undefined => (canSeePrivateTags(actor) ? undefined : eq(tags.private, false));

/** Every tag the reader may see, by name. */
export async function listTags(input: { actor: SessionUser | null }): Promise<Tag[]> {
  return db.select().from(tags).where(visibleTo(input.actor)).orderBy(asc(tags.name), asc(tags.id));
}

/** The tag with this slug if the reader may see it; null otherwise (unknown and private look alike). */
export async function findVisibleTag(actor: Actor | null | undefined, slug: unknown): Promise<Tag | null> {
  const parsed = tagSlug.safeParse(slug);
  if (!parsed.success) return null;
  const [row] = await db.select().from(tags).where(and(eq(tags.slug, parsed.data), visibleTo(actor))).limit(1);
  return row ?? null;
}

/** A list's `?tag=` filter: undefined when not asked, the tag, or 404 (unknown, or private to this reader). */
export async function tagFilter(actor: Actor | null | undefined, slug: string | null | undefined): Promise<Tag | undefined> {
  if (slug === undefined || slug === null || slug.trim() === "") return undefined;
  const tag = await findVisibleTag(actor, slug);
  if (!tag) throw notFound(localMessage("tags.error.notFound"));
  return tag;
}

/**
 * A page's `?tag=`: the tag, or none asked, or `missing` when it names no tag the reader may see
 * (the page then says "no such tag" and lists nothing, alike for an unknown and a private tag).
 */
export async function pageTag(actor: Actor | null | undefined, slug: string | null | undefined): Promise<{ tag: TagView | null; missing: string | null }> {
  if (slug === undefined || slug === null || slug.trim() === "") return { tag: null, missing: null };
  const tag = await findVisibleTag(actor, slug);
  return tag ? { tag: tagView(tag), missing: null } : { tag: null, missing: slug.trim().slice(0, 100) };
}

/** The condition "idea `alias` carries tag `tagId`", for the lists' ?tag= filters (idea_tags' primary key). */
export const taggedWith = (alias: string, tagId: number | SQLWrapper): SQL =>
  sql`EXISTS (SELECT 1 FROM idea_tags it WHERE it.idea_id = ${sql.raw(alias)}.id AND it.tag_id = ${tagId}::int)`;

const nameTaken = (actor: SessionUser) => conflict(localMessage("tags.error.nameTaken"), { name: translate(actor.locale, "tags.error.nameTaken") });

/** Admins: a new tag; its slug is made from its name (409 on the name when it, or its slug, is taken). */
export async function createTag(input: { actor: SessionUser | null; name: unknown; colour: unknown; private?: unknown }): Promise<Tag> {
  const { actor } = input;
  mayManage(actor);
  const data = parseOrRefuse(TagForm, { name: input.name, colour: input.colour, private: input.private }, actor.locale);
  try {
    const [row] = await db.insert(tags).values({ ...data, slug: wordsSlug(data.name) }).returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(actor);
    throw error;
  }
}

/** Admins: rename, recolour, or make a tag private or public (its slug stays; 404 unknown). */
export async function updateTag(input: { actor: SessionUser | null; slug: unknown; name?: unknown; colour?: unknown; private?: unknown }): Promise<Tag> {
  const { actor } = input;
  mayManage(actor);
  const tag = await findVisibleTag(actor, input.slug);
  if (!tag) throw notFound();
  const data = parseOrRefuse(TagPatch, { name: input.name ?? undefined, colour: input.colour ?? undefined, private: input.private ?? undefined }, actor.locale);
  try {
    const [row] = await db
      .update(tags)
      .set({ ...data, updatedAt: sql`now()` })
      .where(eq(tags.id, tag.id))
      .returning();
    if (!row) throw notFound();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(actor);
    throw error;
  }
}

/** Admins: deletes a tag, and so takes it off every idea (404 unknown). */
export async function deleteTag(input: { actor: SessionUser | null; slug: unknown }): Promise<void> {
  mayManage(input.actor);
  const tag = await findVisibleTag(input.actor, input.slug);
  const deleted = tag ? await db.delete(tags).where(eq(tags.id, tag.id)).returning({ id: tags.id }) : [];
  if (deleted.length === 0) throw notFound();
}

/** A tag as ideas show it. */
export const tagView = (tag: { slug: string; name: string; colour: string; private: boolean }): TagView => ({
  slug: tag.slug,
  name: tag.name,
  colour: tag.colour as TagColour,
  private: tag.private,
});

/** A tag in the JSON API. */
export function tagToJson(tag: Tag) {
  return { ...tagView(tag), createdAt: tag.createdAt.toISOString(), updatedAt: tag.updatedAt.toISOString() };
}

type TagRow = { idea_id: number; slug: string; name: string; colour: string; private: boolean };

/** json_agg's array, which a driver hands over parsed or as text. */
export const readTags = (value: unknown): TagView[] => ((typeof value === "string" ? JSON.parse(value) : value) as TagRow[]).map(tagView);

/**
 * The tags on the statement's idea (`ideaId`, the `ideas` row's id unless told), as `actor` may see
 * them (private ones for staff only), by name: a column, so a list reads its ideas and their tags in
 * one statement. Read by drizzle as TagView[]; in a raw statement, pass the value to readTags.
 */
export function tagsColumn(actor: Actor | null | undefined, ideaId: SQL = sql`${ideas.id}`): SQL<TagView[]> {
  return sql`(SELECT coalesce(json_agg(json_build_object('slug', t.slug, 'name', t.name, 'colour', t.colour, 'private', t.private) ORDER BY t.name, t.id), '[]'::json)
    FROM idea_tags it JOIN tags t ON t.id = it.tag_id
    WHERE it.idea_id = ${ideaId} ${canSeePrivateTags(actor) ? sql`` : sql`AND NOT t.private`})`.mapWith(readTags);
}

/** Each idea's tags as `actor` may see them (private ones for staff only), by name. */
export async function tagsOfIdeas(actor: Actor | null | undefined, ideaIds: readonly number[]): Promise<Map<number, TagView[]>> {
  const byIdea = new Map<number, TagView[]>();
  if (ideaIds.length === 0) return byIdea;
  const ids = sql.join([...new Set(ideaIds)].map((id) => sql`${id}::int`), sql`, `);
  const rows = await queryRows<TagRow>(
    db,
    sql`SELECT it.idea_id, t.slug, t.name, t.colour, t.private FROM idea_tags it JOIN tags t ON t.id = it.tag_id
        WHERE it.idea_id IN (${ids}) ${canSeePrivateTags(actor) ? sql`` : sql`AND NOT t.private`}
        ORDER BY t.name, t.id`,
  );
  for (const row of rows) {
    const list = byIdea.get(Number(row.idea_id)) ?? [];
    list.push(tagView(row));
    byIdea.set(Number(row.idea_id), list);
  }
  return byIdea;
}
