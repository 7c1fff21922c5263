/**
 * Following merges: the idea a merged idea finally lives on, and the ideas merged into one.
 * Kept apart from merges.server.ts so votes, comments and ideas can ask without a cycle.
 */
import { sql, type Placeholder } from "drizzle-orm";
import { queryRows, type Executor } from "../lib/db.server";
import { isPositiveInt4 } from "../schemas/limits";

/** A merge chain longer than this is a bug (merges always point at a final idea). */
export const MAX_CHAIN = 50;

export type IdeaRow = { id: number; number: number; merged_into_id: number | null };

/** An idea's id, number and merge target, by its public number. */
export async function ideaByNumber(executor: Executor, number: number): Promise<IdeaRow | null> {
  if (!isPositiveInt4(number)) return null;
  const [row] = await queryRows<IdeaRow>(executor, sql`SELECT id, number, merged_into_id FROM ideas WHERE number = ${number}::int`);
  return row ? { id: Number(row.id), number: Number(row.number), merged_into_id: row.merged_into_id === null ? null : Number(row.merged_into_id) } : null;
}

/** The idea at the end of `ideaId`'s merge chain (itself when it is not merged), with its number. */
export async function finalIdea(executor: Executor, ideaId: number): Promise<{ id: number; number: number; slug: string } | null> {
  const [row] = await queryRows<{ id: number; number: number; slug: string }>(
    executor,
    sql`WITH RECURSIVE chain(id, depth) AS (
          SELECT ${ideaId}::int, 0
          UNION ALL
          SELECT i.merged_into_id, c.depth + 1 FROM chain c JOIN ideas i ON i.id = c.id
          WHERE i.merged_into_id IS NOT NULL AND c.depth < ${MAX_CHAIN}::int
        )
        SELECT i.id, i.number, i.slug FROM chain c JOIN ideas i ON i.id = c.id ORDER BY c.depth DESC LIMIT 1`,
  );
  return row ? { id: Number(row.id), number: Number(row.number), slug: row.slug } : null;
}

/** The ids of the ideas merged into `ideaId`, directly or through a chain (their comments show on it). */
export function mergedIdeaIds(ideaId: number | Placeholder) {
  return sql`WITH RECURSIVE merged(id, depth) AS (
      SELECT id, 1 FROM ideas WHERE merged_into_id = ${ideaId}::int
      UNION ALL
      SELECT i.id, m.depth + 1 FROM merged m JOIN ideas i ON i.merged_into_id = m.id WHERE m.depth < ${MAX_CHAIN}::int
    )
    SELECT id FROM merged`;
}

/**
 * The idea's id and the ids of the ideas merged into it, as an array built first (an InitPlan):
 * `column = ANY(…)` then reads through the column's index, where "= x OR IN (subquery)" could
 * use none and scanned the whole table.
 */
export function ideaAndMergedIds(ideaId: number | Placeholder) {
  return sql`ARRAY(SELECT ${ideaId}::int UNION ALL (${mergedIdeaIds(ideaId)}))`;
}
