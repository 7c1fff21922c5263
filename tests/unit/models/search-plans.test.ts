/**
 * A search page is found by one of two plans (see searchPageIds in ideas.server.ts): walking the
 * sort's index through a bounded window of ideas, or asking the GIN indexes for every match. The
 * window is made small here (10 or 40 ideas against 240) so that, across sorts, filters, words
 * and pages, both plans and the switch between them are exercised, and every way must return
 * exactly what one plain "all matches, sorted" query returns, page after page.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ideas } from "../../../db/schema";
import { db, queryRows } from "~/lib/db.server";
import { listIdeas, SEARCH_WINDOW } from "~/models/idea-listing.server";
import type { IdeaSort } from "~/schemas/ideas";
import type { IdeaStatus } from "~/statuses";
import { createTestBoard, createTestUser } from "../../setup/factories";

const IDEAS = 240;
let board: { id: number; slug: string };

beforeAll(async () => {
  board = await createTestBoard();
  const other = await createTestBoard();
  const author = await createTestUser();
  // A fixed pseudo-random sequence: the same data on every run and both drivers.
  let seed = 20261124;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = Array.from({ length: IDEAS + 20 }, (_, i) => {
    const common = random() < 0.4; // "ledger": about 96 of the 240 ideas
    const rare = i % 23 === 5; // "quokka": 11 of them, spread through every order
    const title = `${i % 9 === 0 ? "Ledger sync" : "Idea"} number ${i}`;
    const body = [common ? "Our ledger is out of date." : "Nothing special.", rare ? "A quokka would help." : ""].join(" ");
    return {
      boardId: i < IDEAS ? board.id : other.id,
      authorId: author.id,
      title,
      slug: `idea-${i}`,
      body,
      bodyHtml: `<p>${body}</p>`,
      status: (i % 3 === 0 ? "planned" : "open") as IdeaStatus,
      // Few distinct values, so ties are broken by id on every page boundary.
      voteCount: Math.floor(random() * 5),
      trendingScore: [0, 1.5, 2.25, 1e30][Math.floor(random() * 4)],
    };
  });
  await db.insert(ideas).values(rows);
});

/** Every match in order, by the plainest query there is: the meaning a search must keep. */
async function expected(q: string, sort: IdeaSort, status?: IdeaStatus): Promise<number[]> {
  const order = { top: sql`vote_count desc, id desc`, new: sql`id desc`, trending: sql`trending_score desc, id desc` }[sort];
  const rows = await queryRows<{ number: number }>(
    db,
    sql`SELECT number FROM ideas JOIN idea_search ON idea_search.idea_id = ideas.id
        WHERE board_id = ${board.id}::int ${status ? sql`AND status = ${status}::text` : sql``}
          AND (search_vector @@ search_query(${q}) OR idea_search.title ILIKE ${`%${q}%`})
        ORDER BY ${order}`,
  );
  return rows.map((r) => Number(r.number));
}

/** Pages through a search to the end, `limit` at a time, with the given window. */
async function pageThrough(input: { q: string; sort: IdeaSort; status?: IdeaStatus; limit: number; searchWindow?: number }): Promise<number[][]> {
  const pages: number[][] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard <= IDEAS; guard++) {
    const page = await listIdeas({ actor: null, board: board.slug, sort: input.sort, status: input.status, q: input.q, limit: input.limit, cursor }, { searchWindow: input.searchWindow });
    pages.push(page.ideas.map((i) => i.number));
    if (!page.nextCursor) return pages;
    expect(page.ideas).toHaveLength(input.limit);
    cursor = page.nextCursor;
  }
  throw new Error("the cursor never reached the end");
}

const chunks = (list: number[], size: number) => {
  const out: number[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out.length ? out : [[]];
};

describe("search pages: the bounded index walk and the GIN plan agree", () => {
  const WORDS = ["ledger", "quokka", "ledger quokka", "ledger or quokka", "ledger sync", "quokka -ledger", "zebra"];
  const SORTS: IdeaSort[] = ["top", "new", "trending"];

  const check = async (q: string, sort: IdeaSort, status: IdeaStatus | undefined, limit: number) => {
    const want = chunks(await expected(q, sort, status), limit);
    // 0: always the GIN plan; 12 and 40: the walk fills some pages and not others; the default: the walk.
    for (const searchWindow of [0, 12, 40, undefined]) {
      const got = await pageThrough({ q, sort, status, limit, searchWindow });
      expect(got, JSON.stringify({ q, sort, status, limit, searchWindow })).toEqual(want);
    }
  };

  it("returns every match once, in the same order and pages, whichever plan finds each page", async () => {
    for (const q of WORDS) for (const sort of SORTS) await check(q, sort, undefined, 8);
  }, 60_000);

  it("agrees with a status filter and with pages of one", async () => {
    for (const sort of SORTS) {
      await check("ledger", sort, "planned", 5);
      await check("quokka", sort, undefined, 1);
    }
  }, 60_000);

  it("the data exercises both plans: a common word fills a small window, a rare one does not", async () => {
    const common = await expected("ledger", "top");
    const rare = await expected("quokka", "top");
    expect(common.length).toBeGreaterThan(IDEAS / 4);
    expect(rare.length).toBeGreaterThan(7);
    expect(rare.length).toBeLessThan(IDEAS / 10);
    expect(SEARCH_WINDOW).toBeGreaterThanOrEqual(1000);
  });
});
