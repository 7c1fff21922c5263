/**
 * Prioritisation: admins define scoring factors (impact or effort, each weighted), staff score
 * ideas 1–10 on each, and the priorities view ranks ideas by weighted impact over weighted effort
 * and plots the two as a matrix. See docs/decisions/0024-prioritisation.md.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { ideaScores, ideas, scoringFactors } from "../../db/schema";
import { translate, type Locale } from "../i18n";
import { ideaUrl } from "../idea-links";
import { formatNumber } from "../i18n/format";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { forbidden, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { canManageScoring, canScoreIdeas } from "../permissions";
import { FactorForm, quadrantOf, ScoresInput, type FactorInput, type Quadrant, type ScoringKind } from "../schemas/priorities";
import { isPositiveInt4 } from "../schemas/limits";
import type { IdeaStatus } from "../statuses";
import { statusOfKind } from "./status-catalog.server";
import { boardFilter } from "./boards.server";
import { recordIdeaActivity } from "./idea-activity.server";

export type Factor = { id: number; name: string; kind: ScoringKind; weight: number; retired: boolean };
export type ScoredFactor = Factor & { value: number | null };
export type Priority = {
  number: number;
  title: string;
  url: string;
  status: IdeaStatus;
  voteCount: number;
  values: Record<number, number>;
  impact: number | null;
  effort: number | null;
  score: number | null;
  quadrant: Quadrant | null;
};

/** A factor's name as the reader sees it: the two that every install starts with have none of their own. */
export function factorName(locale: Locale, factor: { name: string; kind: ScoringKind }): string {
  return factor.name || translate(locale, factor.kind === "impact" ? "priorities.defaultName.impact" : "priorities.defaultName.effort");
}

const toFactor = (r: typeof scoringFactors.$inferSelect): Factor => ({ id: r.id, name: r.name, kind: r.kind, weight: r.weight, retired: r.retiredAt !== null });

export async function listFactors(options: { includeRetired?: boolean } = {}): Promise<Factor[]> {
  const rows = await db
    .select()
    .from(scoringFactors)
    .where(options.includeRetired ? undefined : isNull(scoringFactors.retiredAt))
    .orderBy(asc(scoringFactors.position), asc(scoringFactors.id));
  return rows.map(toFactor);
}

function requireAdmin(actor: SessionUser | null): SessionUser {
  if (!actor) throw unauthorized();
  if (!canManageScoring(actor)) throw forbidden();
  return actor;
}

export async function createFactor(input: { actor: SessionUser | null; raw: unknown; locale: Locale }): Promise<Factor> {
  requireAdmin(input.actor);
  const factor: FactorInput = parseOrRefuse(FactorForm, input.raw, input.locale);
  const [row] = await db
    .insert(scoringFactors)
    .values({ ...factor, position: sql`(SELECT coalesce(max(position), -1) + 1 FROM scoring_factors)` })
    .returning();
  return toFactor(row!);
}

/** Renames or reweighs a factor (its kind stays: the scores given under it meant that kind). */
export async function updateFactor(input: { actor: SessionUser | null; id: number; raw: unknown; locale: Locale }): Promise<Factor> {
  requireAdmin(input.actor);
  const { name, weight } = parseOrRefuse(FactorForm.omit({ kind: true }), input.raw, input.locale);
  const [row] = isPositiveInt4(input.id) ? await db.update(scoringFactors).set({ name, weight }).where(eq(scoringFactors.id, input.id)).returning() : [];
  if (!row) throw notFound();
  return toFactor(row);
}

/** Retires a factor (its scores are kept and count again if it comes back) or brings it back. */
export async function setFactorRetired(input: { actor: SessionUser | null; id: number; retired: boolean }): Promise<Factor> {
  requireAdmin(input.actor);
  const [row] = isPositiveInt4(input.id)
    ? await db.update(scoringFactors).set({ retiredAt: input.retired ? sql`now()` : null }).where(eq(scoringFactors.id, input.id)).returning()
    : [];
  if (!row) throw notFound();
  return toFactor(row);
}

async function ideaIdOf(number: number): Promise<number> {
  const [idea] = isPositiveInt4(number) ? await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.number, number)).limit(1) : [];
  if (!idea) throw notFound();
  return idea.id;
}

/** The idea's scores on the factors in use (staff only). */
export async function getIdeaScores(input: { actor: SessionUser | null; number: number }): Promise<ScoredFactor[]> {
  if (!input.actor) throw unauthorized();
  if (!canScoreIdeas(input.actor)) throw forbidden();
  const ideaId = await ideaIdOf(input.number);
  const factors = await listFactors();
  const given = await db.select().from(ideaScores).where(eq(ideaScores.ideaId, ideaId));
  return factors.map((f) => ({ ...f, value: given.find((g) => g.factorId === f.id)?.value ?? null }));
}

/**
 * Sets (1–10) or clears (null) the idea's scores on the factors named; others stay. Each factor
 * must be one in use. Recorded on the idea's audit trail with the new priority.
 */
export async function setIdeaScores(input: { actor: SessionUser | null; number: number; raw: unknown; locale: Locale }): Promise<ScoredFactor[]> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canScoreIdeas(actor)) throw forbidden();
  const ideaId = await ideaIdOf(input.number);
  const { scores } = parseOrRefuse(ScoresInput, input.raw, input.locale);
  const factors = await listFactors();
  const unknown = Object.keys(scores).filter((id) => !factors.some((f) => f.id === Number(id)));
  if (unknown.length) throw unprocessable(Object.fromEntries(unknown.map((id) => [`scores.${id}`, translate(input.locale, "priorities.error.factor")])));
  await db.transaction(async (tx) => {
    const set = Object.entries(scores).filter((e): e is [string, number] => e[1] !== null);
    const cleared = Object.entries(scores).filter(([, v]) => v === null).map(([id]) => Number(id));
    if (cleared.length) await tx.delete(ideaScores).where(and(eq(ideaScores.ideaId, ideaId), inArray(ideaScores.factorId, cleared)));
    for (const [id, value] of set) {
      await tx
        .insert(ideaScores)
        .values({ ideaId, factorId: Number(id), value, scoredById: actor.id })
        .onConflictDoUpdate({ target: [ideaScores.ideaId, ideaScores.factorId], set: { value, scoredById: actor.id, updatedAt: sql`now()` } });
    }
    if (set.length || cleared.length) await recordIdeaActivity(tx, { ideaId, actorId: actor.id, kind: "scored" });
  });
  return getIdeaScores({ actor, number: input.number });
}

/** Weighted average of the scores given on factors of one kind; null when none was given. */
function weighted(factors: Factor[], values: Record<number, number>, kind: ScoringKind): number | null {
  let sum = 0;
  let weights = 0;
  for (const f of factors) {
    const v = values[f.id];
    if (f.kind !== kind || v === undefined) continue;
    sum += v * f.weight;
    weights += f.weight;
  }
  return weights === 0 ? null : sum / weights;
}

/**
 * Ideas still to decide on (not shipped, declined or merged) that staff have scored, highest
 * priority first: priority = weighted impact / weighted effort. Ideas scored on one side only
 * come last; `quadrant` filters to one corner of the matrix.
 */
export async function listPriorities(input: { actor: SessionUser | null; board?: string; quadrant?: Quadrant }): Promise<{ factors: Factor[]; ideas: Priority[] }> {
  if (!input.actor) throw unauthorized();
  if (!canScoreIdeas(input.actor)) throw forbidden();
  const boardId = (await boardFilter(input.board))?.id ?? null;
  const factors = await listFactors();
  const rows = await queryRows<{ id: number; number: number; slug: string; title: string; status: IdeaStatus; vote_count: number; values: Record<string, number> }>(
    db,
    sql`SELECT i.id, i.number, i.slug, i.title, i.status, i.vote_count, jsonb_object_agg(s.factor_id, s.value) AS values
        FROM idea_scores s JOIN ideas i ON i.id = s.idea_id JOIN scoring_factors f ON f.id = s.factor_id AND f.retired_at IS NULL
        WHERE i.merged_into_id IS NULL AND NOT ${await statusOfKind(sql`i.status`, "done", "declined")}
          AND (${boardId}::int IS NULL OR i.board_id = ${boardId}::int)
        GROUP BY i.id`,
  );
  const list = rows.map((r): Priority => {
    const values = Object.fromEntries(Object.entries(typeof r.values === "string" ? JSON.parse(r.values) : r.values).map(([k, v]) => [Number(k), Number(v)]));
    const impact = weighted(factors, values, "impact");
    const effort = weighted(factors, values, "effort");
    const both = impact !== null && effort !== null;
    return {
      number: Number(r.number),
      title: r.title,
      url: ideaUrl({ number: Number(r.number), slug: r.slug }),
      status: r.status,
      voteCount: Number(r.vote_count),
      values,
      impact,
      effort,
      score: both ? impact / effort : null,
      quadrant: both ? quadrantOf(impact, effort) : null,
    };
  });
  list.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || b.voteCount - a.voteCount || a.number - b.number);
  return { factors, ideas: input.quadrant ? list.filter((p) => p.quadrant === input.quadrant) : list };
}

export function factorToJson(factor: Factor, locale: Locale) {
  return { id: factor.id, name: factorName(locale, factor), kind: factor.kind, weight: factor.weight, retired: factor.retired };
}

/** The idea page's score form: each factor in use with the idea's score, its priority and quadrant. */
export async function ideaScoreSummary(input: { actor: SessionUser | null; number: number; locale: Locale }) {
  const scored = await getIdeaScores(input);
  const values = Object.fromEntries(scored.filter((f) => f.value !== null).map((f) => [f.id, f.value!]));
  const impact = weighted(scored, values, "impact");
  const effort = weighted(scored, values, "effort");
  const both = impact !== null && effort !== null;
  return {
    factors: scored.map((f) => ({ id: f.id, name: factorName(input.locale, f), kind: f.kind, value: f.value })),
    scoreText: both ? formatNumber(input.locale, Math.round((impact / effort) * 10) / 10) : null,
    quadrant: both ? quadrantOf(impact, effort) : null,
  };
}
