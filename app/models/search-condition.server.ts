/**
 * The search box's text as SQL: cleaned so no input can break a statement, and matched against an
 * idea_search row (full text and title substring), for the board's lists, "similar ideas" and the
 * staff's demand list. See docs/decisions/0014-search-folding.md.
 */
import { sql, type SQL } from "drizzle-orm";
import { SEARCH_QUERY_MAX } from "../schemas/limits";

/** Cleans a search string so no input can break the SQL: NUL removed, whitespace collapsed, length capped. */
export function searchText(q: string | undefined): string | undefined {
  if (q === undefined) return undefined;
  const clean = [...q.replace(/\u0000/g, " ").replace(/\s+/gu, " ").trim()].slice(0, SEARCH_QUERY_MAX).join("");
  return clean === "" ? undefined : clean;
}

/**
 * `LIKE` pattern for a folded substring of `q`: folded in SQL first (unaccent can turn a
 * full-width ％ or ＿ into a wildcard), then its wildcards escaped.
 */
const foldedSubstring = (q: string): SQL => sql`'%' || replace(replace(replace(search_fold(${q}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;

/**
 * Full-text match over title and body (websearch syntax, which accepts any input without a
 * syntax error) or a title substring (partial words, other scripts), each served by a GIN index
 * (tsvector; pg_trgm for ILIKE), on `alias`, an idea_search row. Both sides are folded and
 * stemmed alike (search_query and search_fold, migration 0008; docs/decisions/0014-search-folding.md),
 * so "cebelica" finds "čebelica" and الأولويات finds الاولويه. `tsquery` is how the parsed query is
 * written: the function call itself (an index condition), or a scalar subquery so a filter over
 * many rows parses it once even in a generic plan.
 */
export function searchCondition(q: string, alias: string, tsquery: "call" | "once" = "call"): SQL {
  const parsed = sql`search_query(${q})`;
  const branches: SQL[] = [sql`${sql.raw(alias)}.search_vector @@ ${tsquery === "once" ? sql`(SELECT ${parsed})` : parsed}`];
  // pg_trgm can only use the index for a substring of three characters or more.
  if ([...q].length >= 3) branches.push(sql`${sql.raw(alias)}.title ILIKE ${foldedSubstring(q)}`);
  return sql`(${sql.join(branches, sql` OR `)})`;
}
