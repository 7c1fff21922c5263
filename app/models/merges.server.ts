/**
 * Merging duplicate ideas, and undoing it. Merging B into A copies B's votes to A (each with its
 * original time, `merged_from = B`; a person who voted for both keeps one vote on A), copies B's
 * followers to A as subscriptions (`merged_from = B`; someone who unfollowed A stays unfollowed),
 * shows B's comments on A, closes B (`merged_into_id`) and tells B's followers once. B's own rows
 * are never changed, so unmerging deletes exactly what the merge added and B is as it was.
 * See docs/decisions/0016-merging-ideas.md.
 */
import { sql } from "drizzle-orm";
import { ideaUrl } from "../idea-links";
import { translate } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db, keepForeignKeyCheckPlans, queryRows, type Executor } from "../lib/db.server";
import { conflict, forbidden, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { canMergeIdeas } from "../permissions";
import { MergeInput } from "../schemas/merges";
import type { MergeEntry } from "../shapes";
import { finalIdea, ideaByNumber, MAX_CHAIN, type IdeaRow } from "./merge-chain.server";
import { prepareNotificationJobs, recordNotificationEvent } from "./notification-events.server";
import { voteCounterUpdate } from "./votes.server";

/** Locks both ideas in id order (every writer that locks two ideas does so), and returns them fresh. */
async function lockPair(tx: Executor, a: number, b: number): Promise<Map<number, IdeaRow>> {
  const rows = await queryRows<IdeaRow>(
    tx,
    sql`SELECT id, number, merged_into_id FROM ideas WHERE id IN (${a}::int, ${b}::int) ORDER BY id FOR UPDATE`,
  );
  return new Map(rows.map((r) => [Number(r.id), { id: Number(r.id), number: Number(r.number), merged_into_id: r.merged_into_id === null ? null : Number(r.merged_into_id) }]));
}

/**
 * Merges idea `number` (B) into idea `into` (A, or the idea A was finally merged into). Staff only.
 * 404 for an unknown idea; 422 for itself or a circle; 409 when B is already merged. Returns the
 * target's number. The request writes rows only for B's voters and followers; their
 * notifications are written by the fan-out job.
 */
export async function mergeIdea(input: { actor: SessionUser | null; number: number; into: unknown }): Promise<{ intoNumber: number; votesAdded: number }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canMergeIdeas(actor)) throw forbidden();
  const { into } = parseOrRefuse(MergeInput, { into: input.into }, actor.locale);
  const source = await ideaByNumber(db, input.number);
  if (!source) throw notFound();
  const named = await ideaByNumber(db, into);
  if (!named) throw unprocessable({ into: translate(actor.locale, "merge.error.unknown") });
  await prepareNotificationJobs();

  return db.transaction(async (tx) => {
    // The target may itself be merged (now or by the time we lock): resolve, lock, check again.
    for (let attempt = 0; ; attempt++) {
      const target = await finalIdea(tx, named.id);
      if (!target) throw unprocessable({ into: translate(actor.locale, "merge.error.unknown") });
      if (target.id === source.id) throw unprocessable({ into: translate(actor.locale, named.id === source.id ? "merge.error.self" : "merge.error.circle") });
      const locked = await lockPair(tx, source.id, target.id);
      const b = locked.get(source.id);
      const a = locked.get(target.id);
      if (!b) throw notFound();
      if (!a) throw unprocessable({ into: translate(actor.locale, "merge.error.unknown") });
      if (b.merged_into_id !== null) throw conflict(translate(actor.locale, "merge.error.already"), { into: translate(actor.locale, "merge.error.already") });
      // Merged by someone else between resolving and locking: follow the chain again.
      if (a.merged_into_id !== null) {
        if (attempt < MAX_CHAIN) continue;
        throw conflict(translate(actor.locale, "merge.error.already"));
      }
      await keepForeignKeyCheckPlans(tx);
      const votesAdded = await writeMerge(tx, { sourceId: b.id, targetId: a.id, actorId: actor.id });
      return { intoNumber: a.number, votesAdded };
    }
  });
}

/** The merge's rows, with both ideas locked. */
async function writeMerge(tx: Executor, input: { sourceId: number; targetId: number; actorId: number }): Promise<number> {
  const { sourceId: b, targetId: a } = input;
  // Followers first, while A's voters are still only its own. B's author, commenters and
  // explicit followers (minus those who unfollowed B) follow A; people who unfollowed B and do
  // not follow A by their own vote, comment or authorship stay out (their copied vote would
  // otherwise make them follow). Existing rows on A (an unfollow above all) win.
  await tx.execute(sql`
    INSERT INTO subscriptions (idea_id, user_id, state, merged_from)
    SELECT ${a}::int, f.user_id, f.state::subscription_state, ${b}::int FROM (
      SELECT x.user_id, 'following' AS state FROM (
        SELECT author_id AS user_id FROM ideas WHERE id = ${b}::int
        UNION SELECT author_id FROM comments WHERE idea_id = ${b}::int
        UNION SELECT user_id FROM subscriptions WHERE idea_id = ${b}::int AND state = 'following'
      ) x
      WHERE NOT EXISTS (SELECT 1 FROM subscriptions u WHERE u.idea_id = ${b}::int AND u.user_id = x.user_id AND u.state = 'unfollowed')
      UNION ALL
      SELECT s.user_id, 'unfollowed' FROM subscriptions s
      WHERE s.idea_id = ${b}::int AND s.state = 'unfollowed'
        AND NOT EXISTS (SELECT 1 FROM ideas WHERE id = ${a}::int AND author_id = s.user_id)
        AND NOT EXISTS (SELECT 1 FROM votes WHERE idea_id = ${a}::int AND user_id = s.user_id)
        AND NOT EXISTS (SELECT 1 FROM comments WHERE idea_id = ${a}::int AND author_id = s.user_id)
    ) f
    ON CONFLICT (idea_id, user_id) DO NOTHING`);
  // Votes: one statement adds the copies and moves A's counters by exactly what it inserted.
  const [counted] = await queryRows<{ added: number }>(
    tx,
    sql`WITH changed AS (
          INSERT INTO votes (user_id, idea_id, created_at, merged_from)
          SELECT user_id, ${a}::int, created_at, ${b}::int FROM votes WHERE idea_id = ${b}::int
          ON CONFLICT DO NOTHING
          RETURNING created_at
        ),
        updated AS (${voteCounterUpdate("+", sql`${a}::int`)})
        SELECT (SELECT count(*) FROM changed)::int AS added, (SELECT count(*) FROM updated)::int AS updated`,
  );
  const votesAdded = Number(counted?.added ?? 0);
  await tx.execute(sql`UPDATE ideas SET merged_into_id = ${a}::int, updated_at = now() WHERE id = ${b}::int`);
  await tx.execute(sql`
    INSERT INTO idea_merges (idea_id, into_idea_id, actor_id, votes_added)
    VALUES (${b}::int, ${a}::int, ${input.actorId}::int, ${votesAdded}::int)`);
  await recordNotificationEvent(tx, { kind: "merged", ideaId: a, sourceIdeaId: b, actorId: input.actorId });
  return votesAdded;
}

/**
 * Undoes the merge of idea `number` (B): the votes and subscriptions the merge gave its target
 * are deleted (the target's counters drop by exactly those), B is open again with everything it
 * had. Nobody is notified. 422 when B is not merged, or when its target has since been merged
 * itself (unmerge that first).
 */
export async function unmergeIdea(input: { actor: SessionUser | null; number: number }): Promise<{ number: number; votesRemoved: number }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canMergeIdeas(actor)) throw forbidden();
  const source = await ideaByNumber(db, input.number);
  if (!source) throw notFound();
  if (source.merged_into_id === null) throw unprocessable({ number: translate(actor.locale, "merge.error.notMerged") });
  return db.transaction(async (tx) => {
    const locked = await lockPair(tx, source.id, source.merged_into_id!);
    const b = locked.get(source.id);
    if (!b) throw notFound();
    if (b.merged_into_id === null) throw unprocessable({ number: translate(actor.locale, "merge.error.notMerged") });
    const a = locked.get(b.merged_into_id);
    // Unmerged and merged elsewhere between the read and the lock: the caller may try again.
    if (!a) throw conflict(translate(actor.locale, "merge.error.changed"));
    if (a.merged_into_id !== null) throw unprocessable({ number: translate(actor.locale, "merge.error.targetMerged", { number: a.number }) });
    await tx.execute(sql`DELETE FROM subscriptions WHERE merged_from = ${b.id}::int AND idea_id = ${a.id}::int`);
    const [counted] = await queryRows<{ removed: number }>(
      tx,
      sql`WITH changed AS (
            DELETE FROM votes WHERE merged_from = ${b.id}::int AND idea_id = ${a.id}::int
            RETURNING created_at
          ),
          updated AS (${voteCounterUpdate("-", sql`${a.id}::int`)})
          SELECT (SELECT count(*) FROM changed)::int AS removed, (SELECT count(*) FROM updated)::int AS updated`,
    );
    await tx.execute(sql`UPDATE ideas SET merged_into_id = NULL, updated_at = now() WHERE id = ${b.id}::int`);
    await tx.execute(sql`
      UPDATE idea_merges SET unmerged_at = now(), unmerged_by_id = ${actor.id}::int
      WHERE id = (SELECT max(id) FROM idea_merges WHERE idea_id = ${b.id}::int AND into_idea_id = ${a.id}::int AND unmerged_at IS NULL)`);
    return { number: b.number, votesRemoved: Number(counted?.removed ?? 0) };
  });
}

// ---------------------------------------------------------------- reading

export type { MergeEntry } from "../shapes";

/** The idea's merges and unmerges, either side, oldest first: its timeline's audit entries. */
export async function listMergeEntries(input: { actor?: SessionUser | null; ideaId: number }): Promise<MergeEntry[]> {
  const canMerge = canMergeIdeas(input.actor ?? null);
  const rows = await queryRows<{
    id: number;
    idea_id: number;
    into_idea_id: number;
    actor_id: number;
    actor_name: string;
    created_at: Date | string;
    unmerged_at: Date | string | null;
    unmerged_by_id: number | null;
    unmerged_by_name: string | null;
    other_number: number;
    other_slug: string;
    other_title: string;
  }>(
    db,
    sql`SELECT m.id, m.idea_id, m.into_idea_id, m.actor_id, a.name AS actor_name, m.created_at, m.unmerged_at,
               m.unmerged_by_id, ub.name AS unmerged_by_name, o.number AS other_number, o.slug AS other_slug, o.title AS other_title
        FROM idea_merges m
        JOIN users a ON a.id = m.actor_id
        LEFT JOIN users ub ON ub.id = m.unmerged_by_id
        JOIN ideas o ON o.id = CASE WHEN m.idea_id = ${input.ideaId}::int THEN m.into_idea_id ELSE m.idea_id END
        WHERE m.idea_id = ${input.ideaId}::int OR m.into_idea_id = ${input.ideaId}::int
        ORDER BY m.id`,
  );
  const entries: MergeEntry[] = [];
  for (const r of rows) {
    const mine = Number(r.idea_id) === input.ideaId;
    const other = { number: Number(r.other_number), title: r.other_title, url: ideaUrl({ number: Number(r.other_number), slug: r.other_slug }) };
    entries.push({
      id: Number(r.id) * 2,
      kind: mine ? "merged" : "mergedIn",
      other,
      actor: { id: Number(r.actor_id), name: r.actor_name },
      at: new Date(r.created_at),
      canUnmerge: canMerge && !mine && r.unmerged_at === null,
    });
    if (r.unmerged_at !== null) {
      entries.push({
        id: Number(r.id) * 2 + 1,
        kind: mine ? "unmergedOut" : "unmerged",
        other,
        actor: { id: Number(r.unmerged_by_id), name: r.unmerged_by_name ?? "" },
        at: new Date(r.unmerged_at),
        canUnmerge: false,
      });
    }
  }
  return entries;
}
