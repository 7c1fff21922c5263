/**
 * The folded search conditions stay indexable: with sequential scans priced out (SET LOCAL
 * enable_seqscan = off, so a few test rows do not make a scan cheaper), the search and the
 * "similar ideas" statements read idea_search through its indexes and ideas by primary key.
 * A folding the planner could not match against an index (say, a function that is not
 * IMMUTABLE, or one applied to the column instead of the query) would leave a Seq Scan here.
 * The benchmark checks the same statements' plans on 100,000 ideas (scripts/bench/explain.ts).
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { similarIdeasQuery } from "~/models/idea-listing.server";
import { searchCondition } from "~/models/search-condition.server";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { scans } from "../../setup/plans";

beforeAll(async () => {
  const board = await createTestBoard();
  const author = await createTestUser();
  for (const [title, body] of [
    ["Dark mode", "At night."],
    ["ترتيب الاولويه", "العملاء"],
    ["Čebelica", "Ikona."],
  ])
    await createTestIdea({ author, board, title, body });
});

describe("search statements use idea_search's GIN indexes", () => {
  for (const q of ["cebelica", "الأولويات", "dark mode"]) {
    it(`the search condition for "${q}" (words and title substring)`, async () => {
      const found = await scans(sql`SELECT s.idea_id FROM idea_search s WHERE ${searchCondition(q, "s")}`);
      expect(found).toContain("Bitmap Index Scan idea_search_vector_idx");
      expect(found).toContain("Bitmap Index Scan idea_search_title_trgm_idx");
      expect(found.filter((s) => s.startsWith("Seq Scan"))).toEqual([]);
    });
  }

  for (const q of ["Dark theme for the mobile app", "الأولويات", "cebelica za obvestila"]) {
    it(`similar ideas for "${q}": each window row's search row by key, every word through GIN, ideas through an index`, async () => {
      const found = await scans(similarIdeasQuery({ actor: null, q })!.getSQL());
      expect(found).toContain("Index Scan idea_search_pkey on idea_search");
      expect(found).toContain("Bitmap Index Scan idea_search_vector_idx");
      // Ideas through an index. On these few rows the planner may read them through a partial
      // index whose condition the statement repeats (ideas_dashboard_idx, ideas_status_new_idx)
      // instead of by key; the plans on 100,000 ideas are judged by scripts/bench/explain.ts.
      // Twice: the window of most-voted ideas, and the ideas joined to the best matches.
      expect(found.filter((s) => /^(Index (Only )?Scan \w+|Bitmap Heap Scan) on ideas$/.test(s)).length, found.join(" | ")).toBeGreaterThanOrEqual(2);
      expect(found.filter((s) => /^Seq Scan on (ideas|idea_search)$/.test(s))).toEqual([]);
    });
  }
});
