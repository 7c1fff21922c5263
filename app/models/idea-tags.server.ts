/**
 * The tags on ideas: staff set an idea's tags (the idea page, PUT /api/v1/ideas/:n/tags) or add
 * and remove one on many ideas (bulk actions); every change is kept on the idea's staff timeline.
 * Readers get an idea's tags with the idea, through tagsColumn, which leaves private tags out for
 * anyone but staff; the lists filter with taggedWith (tags.server.ts). See docs/decisions/0025-tags.md.
 */
import { sql } from "drizzle-orm";
import { translate } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows, type Executor } from "../lib/db.server";
import { forbidden, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { canTagIdeas } from "../permissions";
import { isPositiveInt4 } from "../schemas/limits";
import { IdeaTagsInput } from "../schemas/tags";
import type { TagView } from "../shapes";
import { recordIdeaActivity } from "./idea-activity.server";
import { forgetColumnTotals } from "./roadmap.server";
import { findVisibleTag, tagsOfIdeas, type Tag } from "./tags.server";

function mayTag(actor: SessionUser | null): asserts actor is SessionUser {
  if (!actor) throw unauthorized();
  if (!canTagIdeas(actor)) throw forbidden();
}

/** The idea, locked for the change: two staff tagging it at once queue. */
async function lockIdea(tx: Executor, number: number): Promise<number> {
  if (!isPositiveInt4(number)) throw notFound();
  const [idea] = await queryRows<{ id: number }>(tx, sql`SELECT id FROM ideas WHERE number = ${number}::int FOR UPDATE`);
  if (!idea) throw notFound();
  return Number(idea.id);
}

/** Puts the tag on the idea or takes it off, kept on its timeline; whether anything changed. */
async function applyTag(tx: Executor, actor: SessionUser, ideaId: number, tag: Pick<Tag, "id" | "name">, on: boolean): Promise<boolean> {
  const changed = on
    ? await queryRows(tx, sql`INSERT INTO idea_tags (idea_id, tag_id) VALUES (${ideaId}::int, ${tag.id}::int) ON CONFLICT DO NOTHING RETURNING tag_id`)
    : await queryRows(tx, sql`DELETE FROM idea_tags WHERE idea_id = ${ideaId}::int AND tag_id = ${tag.id}::int RETURNING tag_id`);
  if (changed.length === 0) return false;
  await recordIdeaActivity(tx, { ideaId, actorId: actor.id, kind: on ? "tagged" : "untagged", detail: { tag: tag.name } });
  return true;
}

/**
 * Staff: idea `number` carries exactly the tags named (slugs): those missing are added, the
 * others removed, each change on its timeline. 404 for an unknown idea; 422 on `tags` for a slug
 * that names no tag.
 */
export async function setIdeaTags(input: { actor: SessionUser | null; number: number; tags: unknown }): Promise<{ added: string[]; removed: string[]; tags: TagView[] }> {
  const { actor } = input;
  mayTag(actor);
  const { tags: slugs } = parseOrRefuse(IdeaTagsInput, { tags: input.tags }, actor.locale);
  const wanted: Tag[] = [];
  for (const slug of slugs) {
    const tag = await findVisibleTag(actor, slug);
    if (!tag) throw unprocessable({ tags: translate(actor.locale, "tags.error.unknownNamed", { tag: slug }) });
    wanted.push(tag);
  }
  const result = await db.transaction(async (tx) => {
    const ideaId = await lockIdea(tx, input.number);
    const current = await queryRows<{ id: number; name: string; slug: string }>(
      tx,
      sql`SELECT t.id, t.name, t.slug FROM idea_tags it JOIN tags t ON t.id = it.tag_id WHERE it.idea_id = ${ideaId}::int`,
    );
    const wantedIds = new Set(wanted.map((t) => t.id));
    const currentIds = new Set(current.map((t) => Number(t.id)));
    const added: string[] = [];
    const removed: string[] = [];
    for (const tag of current) {
      if (!wantedIds.has(Number(tag.id)) && (await applyTag(tx, actor, ideaId, { id: Number(tag.id), name: tag.name }, false))) removed.push(tag.slug);
    }
    for (const tag of wanted) {
      if (!currentIds.has(tag.id) && (await applyTag(tx, actor, ideaId, tag, true))) added.push(tag.slug);
    }
    return { ideaId, added, removed };
  });
  forgetColumnTotals();
  const byIdea = await tagsOfIdeas(actor, [result.ideaId]);
  return { added: result.added, removed: result.removed, tags: byIdea.get(result.ideaId) ?? [] };
}

/** Staff: puts `tag` on idea `number` (on) or takes it off; "unchanged" when it already was so. For bulk actions. */
export async function changeIdeaTag(input: { actor: SessionUser | null; number: number; tag: Pick<Tag, "id" | "name">; on: boolean }): Promise<"done" | "unchanged"> {
  const { actor } = input;
  mayTag(actor);
  const changed = await db.transaction(async (tx) => applyTag(tx, actor, await lockIdea(tx, input.number), input.tag, input.on));
  if (changed) forgetColumnTotals();
  return changed ? "done" : "unchanged";
}
