import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findSimilarIdeas, listIdeas } from "~/models/idea-listing.server";
import { ListIdeasQuery } from "~/schemas/ideas";
import { parseInput } from "~/schemas/parse";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

const naughty: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../../shared/data/naughty-strings.json"), "utf8"));

let board: { id: number; slug: string };
let numbers: Record<string, number>;

beforeAll(async () => {
  board = await createTestBoard();
  const author = await createTestUser();
  const make = async (key: string, title: string, body: string) => [key, (await createTestIdea({ author, board, title, body })).number] as const;
  numbers = Object.fromEntries(
    await Promise.all([
      make("dark", "Dark mode for the dashboard", "The white background hurts at night."),
      make("csv", "Export reports to CSV", "Finance wants spreadsheets every month."),
      make("sso", "Single sign-on with Okta", "Our company requires SAML for every tool."),
      make("slo", "Podpora za temni način", "Prosim, dodajte temno temo za nočno delo."),
      make("ar", "الوضع الداكن", "نريد وضعا داكنا للتطبيق"),
    ]),
  );
});

const search = async (q: string, extra: Partial<Parameters<typeof listIdeas>[0]> = {}) =>
  (await listIdeas({ actor: null, board: board.slug, sort: "top", limit: 20, q, ...extra })).ideas.map((i) => i.number);

describe("searching ideas", () => {
  it("finds words in the title and the body (full text)", async () => {
    expect(await search("dashboard")).toEqual([numbers.dark]);
    expect(await search("spreadsheets")).toEqual([numbers.csv]);
    expect(await search("SAML")).toEqual([numbers.sso]);
    expect(await search("temno")).toEqual([numbers.slo]);
    expect(await search("داكنا")).toEqual([numbers.ar]);
  });

  it("understands web-search syntax: phrases, OR and exclusions", async () => {
    expect(await search('"white background"')).toEqual([numbers.dark]);
    expect((await search("spreadsheets or okta")).sort()).toEqual([numbers.csv, numbers.sso].sort());
    expect(await search("dark -dashboard")).toEqual([]);
  });

  it("matches partial words in titles (trigram index)", async () => {
    expect(await search("dashbo")).toEqual([numbers.dark]);
    expect(await search("rt reports to")).toEqual([numbers.csv]);
    expect(await search("داك")).toEqual([numbers.ar]);
    expect(await search("50%_off")).toEqual([]);
  });

  it("finds nothing for unrelated words and pages search results with the cursor", async () => {
    expect(await search("zebra")).toEqual([]);
    const first = await listIdeas({ actor: null, board: board.slug, sort: "new", limit: 1, q: "dark or csv or okta" });
    expect(first.ideas).toHaveLength(1);
    const second = await listIdeas({ actor: null, board: board.slug, sort: "new", limit: 5, q: "dark or csv or okta", cursor: first.nextCursor! });
    expect(second.ideas.map((i) => i.number)).not.toContain(first.ideas[0].number);
    expect(first.ideas.length + second.ideas.length).toBe(3);
  });

  it("never fails on any naughty string as a query, in any sort", async () => {
    for (const raw of [...naughty, "a\u0000b", "'", "\\", "%", "_", "!!!", "&|!():*", "\u202e"]) {
      const parsed = parseInput(ListIdeasQuery, { q: raw, sort: "trending" });
      if (!parsed.ok) {
        expect(Object.keys(parsed.errors)).toEqual(["q"]);
        continue;
      }
      const page = await listIdeas({ actor: null, ...parsed.data });
      expect(Array.isArray(page.ideas)).toBe(true);
      await findSimilarIdeas({ actor: null, q: raw });
    }
  });
});

describe("similar ideas while typing", () => {
  it("suggests ideas whose titles look like what is being typed", async () => {
    const found = await findSimilarIdeas({ actor: null, q: "dark mode", board: board.slug });
    expect(found[0].number).toBe(numbers.dark);
    expect((await findSimilarIdeas({ actor: null, q: "export csv" })).map((i) => i.number)).toContain(numbers.csv);
    // Typos and word order do not matter much.
    expect((await findSimilarIdeas({ actor: null, q: "Exprot reprots to CSV" })).map((i) => i.number)).toContain(numbers.csv);
    expect(await findSimilarIdeas({ actor: null, q: "ab" })).toEqual([]);
    expect(await findSimilarIdeas({ actor: null, q: "dark mode", board: "no-such-board" })).toEqual([]);
  });
});
