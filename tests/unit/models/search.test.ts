import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findSimilarIdeas, listIdeas } from "~/models/idea-listing.server";
import { ListIdeasQuery } from "~/schemas/ideas";
import { parseInput } from "~/schemas/parse";
import { setVote } from "~/models/votes.server";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

const naughty: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../../shared/data/naughty-strings.json"), "utf8"));

let board: { id: number; slug: string };
let numbers: Record<string, number>;

/** Posts each [key, title, body] on `board` by a new author: their numbers by key. */
async function postIdeas(list: [key: string, title: string, body: string][]): Promise<Record<string, number>> {
  const author = await createTestUser();
  const posted = await Promise.all(list.map(async ([key, title, body]) => [key, (await createTestIdea({ author, board, title, body })).number] as const));
  return Object.fromEntries(posted);
}

beforeAll(async () => {
  board = await createTestBoard();
  numbers = await postIdeas([
    ["dark", "Dark mode for the dashboard", "The white background hurts at night."],
    ["csv", "Export reports to CSV", "Finance wants spreadsheets every month."],
    ["sso", "Single sign-on with Okta", "Our company requires SAML for every tool."],
    ["slo", "Podpora za temni način", "Prosim, dodajte temno temo za nočno delo."],
    ["ar", "الوضع الداكن", "نريد وضعا داكنا للتطبيق"],
  ]);
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

describe("searching in every language (folding and stemming)", () => {
  let folded: Record<string, number>;
  beforeAll(async () => {
    folded = await postIdeas([
      ["priorities", "ترتيب الاولويه في لوحة الملاحظات", "نريد ان نرى ما يهم العملاء اولا"],
      ["bee", "Čebelica za obvestila", "Ikona čebelice v glavi strani."],
    ]);
  });

  it("finds Arabic whatever the hamza, diacritics and ة/ه, with stemming (الأولويات finds الاولويه)", async () => {
    expect(await search("الأولويات")).toEqual([folded.priorities]);
    expect(await search("الأَوْلَوِيّة")).toEqual([folded.priorities]);
    expect(await search("لوحـة")).toEqual([folded.priorities]);
  });

  it("finds Slovenian with or without diacritics, as words and as partial titles", async () => {
    expect(await search("cebelica")).toEqual([folded.bee]);
    expect(await search("ČEBELICA")).toEqual([folded.bee]);
    expect(await search("ebelica za obv")).toEqual([folded.bee]);
  });
});

describe("similar ideas while typing", () => {
  const similar = async (q: string, actor: Parameters<typeof findSimilarIdeas>[0]["actor"] = null) =>
    (await findSimilarIdeas({ actor, q, limit: 20 })).map((i) => i.number);

  it("finds an idea that shares a word anywhere in its title: \"Dark theme for the mobile app\" finds \"Dark mode\"", async () => {
    const found = await similar("Dark theme for the mobile app");
    expect(found[0]).toBe(numbers.dark);
  });

  it("matches words of the body too, stemmed, and ranks a title match above a body match", async () => {
    expect(await similar("spreadsheet for finance")).toContain(numbers.csv);
    const other = await createTestBoard();
    const author = await createTestUser();
    const inBody = await createTestIdea({ author, board: other, title: "Quarterly numbers", body: "A kanban view of the quarter would help." });
    const inTitle = await createTestIdea({ author, board: other, title: "Kanban view", body: "Columns." });
    const found = await similar("kanban for projects");
    expect(found.indexOf(inTitle.number)).toBeGreaterThanOrEqual(0);
    expect(found.indexOf(inTitle.number)).toBeLessThan(found.indexOf(inBody.number));
  });

  it("suggests ideas from every board, whichever board the new idea is for", async () => {
    const other = await createTestBoard();
    const author = await createTestUser();
    const elsewhere = await createTestIdea({ author, board: other, title: "Webhooks for integrations", body: "" });
    expect(await similar("webhooks when an idea ships")).toContain(elsewhere.number);
  });

  it("forgives typos and word order in the title (trigram similarity)", async () => {
    expect(await similar("Exprot reprots to CSV")).toContain(numbers.csv);
    expect(await similar("ab")).toEqual([]);
  });

  it("works in Arabic and Slovenian, folded and stemmed", async () => {
    expect(await similar("الوَضْع الداكِن للهاتف")).toContain(numbers.ar);
    expect(await similar("temni način za aplikacijo")).toContain(numbers.slo);
    expect(await similar("temni nacin")).toContain(numbers.slo);
  });

  it("ignores stop words: a title of common words alone suggests nothing", async () => {
    expect(await similar("the and for")).toEqual([]);
  });

  it("says whether the reader already voted for each suggestion, with its status and votes", async () => {
    const voter = await createTestUser();
    const { voteCount } = await setVote({ actor: voter, number: numbers.sso, voted: true });
    const [mine] = await findSimilarIdeas({ actor: voter, q: "single sign-on for okta", limit: 1 });
    expect(mine).toMatchObject({ number: numbers.sso, votedByMe: true, voteCount, status: "open" });
    const [theirs] = await findSimilarIdeas({ actor: null, q: "single sign-on for okta", limit: 1 });
    expect(theirs).toMatchObject({ number: numbers.sso, votedByMe: false });
  });
});
