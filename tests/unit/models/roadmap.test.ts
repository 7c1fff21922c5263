/** The roadmap, the changelog and its Atom feed, read back by independent parsers. */
import { Readable } from "node:stream";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import FeedParser from "feedparser";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { db } from "~/lib/db.server";
import { escapeXml } from "~/lib/atom.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { changelogFeed, groupChangelogByMonth, listChangelog, type ChangelogEntry } from "~/models/changelog.server";
import { listRoadmap, roadmapToJson, SHIPPED_WINDOW_DAYS } from "~/models/roadmap.server";
import type { IdeaStatus } from "~/statuses";
import { loader as roadmapApi } from "~/routes/api.v1.roadmap";
import { loader as feedLoader } from "~/routes/changelog[.]atom";
import { call, contextFor, ORIGIN } from "../../setup/remix";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters } from "../../setup/notifications";
import type { SessionUser } from "~/lib/auth.server";

let staff: SessionUser;
let author: SessionUser;

beforeAll(async () => {
  staff = await createTestUser({ role: "staff", name: "Sam" });
  author = await createTestUser({ name: "Ann" });
});

/** An idea on `board` with `votes` votes (the author's included) and the given status. */
async function ideaWith(board: { id: number }, title: string, status: IdeaStatus, votes = 1, note?: string) {
  const idea = await createTestIdea({ author, board, title });
  if (votes > 1) await addVoters(idea.id, votes - 1);
  if (status !== "open") await setIdeaStatus({ actor: staff, number: idea.number, status, note, notify: false });
  return idea;
}

/** Moves an idea's latest status change (and status_changed_at) `days` days into the past. */
async function backdate(ideaId: number, days: number, extraSeconds = 0) {
  await db.execute(sql`UPDATE ideas SET status_changed_at = now() - make_interval(days => ${days}::int, secs => ${extraSeconds}::int) WHERE id = ${ideaId}::int`);
  await db.execute(sql`UPDATE status_changes SET created_at = now() - make_interval(days => ${days}::int, secs => ${extraSeconds}::int)
                       WHERE id = (SELECT max(id) FROM status_changes WHERE idea_id = ${ideaId}::int)`);
}

const titles = (column: { ideas: Array<{ title: string }> }) => column.ideas.map((i) => i.title);

describe("listRoadmap", () => {
  it("shows under review, planned, in progress and shipped, each by votes; not open or declined", async () => {
    const board = await createTestBoard();
    await ideaWith(board, "Open idea", "open", 50);
    await ideaWith(board, "Declined idea", "declined", 40, "Not for us");
    await ideaWith(board, "Review low", "under_review", 2);
    await ideaWith(board, "Review high", "under_review", 9);
    await ideaWith(board, "Planned one", "planned", 3);
    await ideaWith(board, "Building it", "in_progress", 4);
    await ideaWith(board, "Shipped it", "shipped", 5);

    const roadmap = await listRoadmap({ board: board.slug });
    expect(roadmap.board).toEqual({ slug: board.slug, name: board.name });
    expect(roadmap.columns.map((c) => c.status)).toEqual(["under_review", "planned", "in_progress", "shipped"]);
    expect(roadmap.columns.map(titles)).toEqual([["Review high", "Review low"], ["Planned one"], ["Building it"], ["Shipped it"]]);
    expect(roadmap.columns.map((c) => c.total)).toEqual([2, 1, 1, 1]);
    const card = roadmap.columns[0].ideas[0];
    expect(card).toMatchObject({ voteCount: 9, board: { slug: board.slug, name: board.name } });
    expect(card.url).toBe(`/ideas/${card.number}/review-high`);
  });

  it(`keeps only ideas shipped in the last ${SHIPPED_WINDOW_DAYS} days in Shipped`, async () => {
    const board = await createTestBoard();
    const recent = await ideaWith(board, "Shipped last month", "shipped");
    const edge = await ideaWith(board, "Shipped just inside the window", "shipped");
    const old = await ideaWith(board, "Shipped long ago", "shipped");
    await backdate(recent.id, 30);
    await backdate(edge.id, SHIPPED_WINDOW_DAYS - 1);
    await backdate(old.id, SHIPPED_WINDOW_DAYS, 60);

    const shipped = (await listRoadmap({ board: board.slug })).columns.find((c) => c.status === "shipped")!;
    expect(titles(shipped).sort()).toEqual(["Shipped just inside the window", "Shipped last month"]);
    expect(shipped.total).toBe(2);
    // The old one is still in the changelog.
    expect((await listChangelog({ board: board.slug })).entries.map((e) => e.title)).toContain("Shipped long ago");
  });

  it("filters by board, answers 404 for an unknown board, and caps each column at its limit with the full count", async () => {
    const mine = await createTestBoard();
    const other = await createTestBoard();
    for (let i = 0; i < 5; i++) await ideaWith(mine, `Planned mine ${i}`, "planned", i + 1);
    await ideaWith(other, "Planned elsewhere", "planned", 100);

    const filtered = await listRoadmap({ board: mine.slug, limit: 3 });
    const planned = filtered.columns.find((c) => c.status === "planned")!;
    expect(titles(planned)).toEqual(["Planned mine 4", "Planned mine 3", "Planned mine 2"]);
    expect(planned.total).toBe(5);
    expect(planned.totalCapped).toBe(false);

    const everything = await listRoadmap({});
    expect(everything.board).toBeNull();
    expect(everything.columns.find((c) => c.status === "planned")!.ideas[0].title).toBe("Planned elsewhere");

    for (const board of ["no-such-board", "../etc", "x".repeat(300)]) {
      await expect(listRoadmap({ board })).rejects.toMatchObject({ status: 404 });
    }
  });

  it("moves an idea between columns as soon as its status changes", async () => {
    const board = await createTestBoard();
    const idea = await ideaWith(board, "Moving along", "planned");
    expect((await listRoadmap({ board: board.slug })).columns.map((c) => c.total)).toEqual([0, 1, 0, 0]);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "in_progress", notify: false });
    const after = await listRoadmap({ board: board.slug });
    expect(after.columns.map((c) => c.total)).toEqual([0, 0, 1, 0]);
    expect(titles(after.columns[2])).toEqual(["Moving along"]);
  });

  it("answers GET /api/v1/roadmap with labels and absolute URLs, filtered by ?board=", async () => {
    const board = await createTestBoard();
    const idea = await ideaWith(board, "API roadmap idea", "under_review", 3);
    const res = await call(roadmapApi, { request: new Request(`${ORIGIN}/api/v1/roadmap?board=${board.slug}`), context: contextFor(null) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.columns.map((c: { status: string; label: string }) => [c.status, c.label])).toEqual([
      ["under_review", "Under review"],
      ["planned", "Planned"],
      ["in_progress", "In progress"],
      ["shipped", "Shipped"],
    ]);
    expect(body.columns[0].ideas).toEqual([
      { number: idea.number, title: "API roadmap idea", url: expect.stringMatching(new RegExp(`^https?://[^/]+/ideas/${idea.number}/api-roadmap-idea$`)), voteCount: 3, board: { slug: board.slug, name: board.name }, tags: [] },
    ]);
    expect(await roadmapToJson({ columns: [] }, "en")).toEqual({ columns: [] });
    const unknown = await call(roadmapApi, { request: new Request(`${ORIGIN}/api/v1/roadmap?board=nope`), context: contextFor(null) });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");
  });
});

describe("listChangelog", () => {
  it("lists shipped ideas newest first with the note of their latest ship, and leaves out ideas moved back", async () => {
    const board = await createTestBoard();
    const first = await ideaWith(board, "Shipped in March", "shipped", 1, "First note");
    const second = await ideaWith(board, "Shipped twice", "shipped", 1, "Old note");
    const reopened = await ideaWith(board, "Shipped then reopened", "shipped", 1, "Oops");
    const quiet = await ideaWith(board, "Shipped without a note", "shipped");
    await setIdeaStatus({ actor: staff, number: second.number, status: "in_progress", notify: false });
    await setIdeaStatus({ actor: staff, number: second.number, status: "shipped", note: "The **real** release", notify: false });
    await setIdeaStatus({ actor: staff, number: reopened.number, status: "in_progress", notify: false });
    await backdate(first.id, 60);
    await backdate(second.id, 10);
    await backdate(quiet.id, 20);

    const { entries, nextCursor, board: ref } = await listChangelog({ board: board.slug });
    expect(ref).toEqual({ slug: board.slug, name: board.name });
    expect(entries.map((e) => e.title)).toEqual(["Shipped twice", "Shipped without a note", "Shipped in March"]);
    expect(nextCursor).toBeNull();
    const [twice, noNote, march] = entries;
    expect(twice.noteHtml).toContain("<strong>real</strong>");
    expect(twice.noteHtml).not.toContain("Old note");
    expect(noNote.noteHtml).toBe("");
    expect(march.noteHtml).toContain("First note");
    expect(march.shippedAt.getTime()).toBeLessThan(twice.shippedAt.getTime());
    expect(twice.url).toBe(`/ideas/${second.number}/shipped-twice`);
    expect(twice.statusChangeId).toEqual(expect.any(Number));
  });

  it("pages with a cursor without skipping or repeating entries that shipped at the same instant", async () => {
    const board = await createTestBoard();
    const ideas = [];
    for (let i = 0; i < 7; i++) ideas.push(await ideaWith(board, `Paged ship ${i}`, "shipped"));
    // Three share one timestamp (to the microsecond): the id breaks the tie.
    await db.execute(sql`UPDATE ideas SET status_changed_at = '2025-03-04 05:06:07.123456+00'
                         WHERE id IN (${ideas[1].id}::int, ${ideas[2].id}::int, ${ideas[3].id}::int)`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listChangelog>> = await listChangelog({ board: board.slug, limit: 2, cursor });
      seen.push(...page.entries.map((e) => e.title));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(-3)).toEqual(["Paged ship 3", "Paged ship 2", "Paged ship 1"]);

    for (const bad of ["garbage!", Buffer.from("[1,2,3]").toString("base64url"), Buffer.from('["2025-01-01 00:00:00", -1]').toString("base64url")]) {
      await expect(listChangelog({ cursor: bad })).rejects.toMatchObject({ status: 400 });
    }
  });

  it("groups entries by the month they shipped in, keeping their order", () => {
    const at = (iso: string) => ({ shippedAt: new Date(iso), title: iso });
    const groups = groupChangelogByMonth([at("2025-05-31T23:59:59Z"), at("2025-05-01T00:00:00Z"), at("2025-04-30T23:00:00Z"), at("2024-12-25T10:00:00Z")]);
    expect(groups.map((g) => [g.month, g.entries.map((e) => e.title)])).toEqual([
      ["2025-05", ["2025-05-31T23:59:59Z", "2025-05-01T00:00:00Z"]],
      ["2025-04", ["2025-04-30T23:00:00Z"]],
      ["2024-12", ["2024-12-25T10:00:00Z"]],
    ]);
    expect(groupChangelogByMonth([])).toEqual([]);
  });
});

// ---------------------------------------------------------------- the Atom feed

interface ParsedFeed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/** Parses with feedparser (strict: any XML error fails the test). */
function parseFeed(xml: string): Promise<ParsedFeed> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ strict: true, normalize: true });
    const items: FeedParser.Item[] = [];
    parser.on("error", reject);
    parser.on("readable", function (this: FeedParser) {
      let item: FeedParser.Item | null;
      while ((item = this.read())) items.push(item);
    });
    parser.on("end", () => resolve({ meta: parser.meta, items }));
    Readable.from([Buffer.from(xml, "utf8")]).pipe(parser);
  });
}

const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, trimValues: false, isArray: (name) => name === "entry" || name === "link" });

describe("the changelog's Atom feed", () => {
  it("isolates a title or board name written in the other direction inside its translated sentences (FSI … PDI)", async () => {
    const board = await createTestBoard({ name: "تطبيق الجوال" });
    await ideaWith(board, "الوضع الداكن", "shipped");
    const english = await (await call(feedLoader, { request: new Request(`${ORIGIN}/changelog.atom?board=${board.slug}`), context: contextFor(null) })).text();
    const { meta, items } = await parseFeed(english);
    expect(meta.title).toBe("Loopboard changelog: \u2068تطبيق الجوال\u2069");
    expect(items[0].description).toContain("“\u2068الوضع الداكن\u2069” has shipped.");
    expect(items[0].title).toBe("الوضع الداكن");
    const request = new Request(`${ORIGIN}/changelog.atom?board=${board.slug}`, { headers: { "accept-language": "ar" } });
    const arabic = await parseFeed(await (await call(feedLoader, { request, context: contextFor(null) })).text());
    expect(arabic.items[0].description).toContain("\u2068الوضع الداكن\u2069");
  });

  it("is valid Atom that feedparser and fast-xml-parser both read: ids, titles, links, dates, the note as HTML", async () => {
    const board = await createTestBoard({ name: "Mobile & <Apps>" });
    const a = await ideaWith(board, "Dark mode", "shipped", 1, "Out **now** for <everyone> & more");
    const b = await ideaWith(board, "Offline sync", "shipped");
    await backdate(a.id, 3);

    const res = await call(feedLoader, { request: new Request(`${ORIGIN}/changelog.atom?board=${board.slug}`), context: contextFor(null) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);

    const { meta, items } = await parseFeed(xml);
    expect(meta["#type"]).toBe("atom");
    expect(meta.title).toBe("Loopboard changelog: Mobile & <Apps>");
    expect(meta.xmlurl).toMatch(new RegExp(`/changelog\\.atom\\?board=${board.slug}$`));
    expect(meta.link).toMatch(new RegExp(`/changelog\\?board=${board.slug}$`));
    expect(items.map((i) => i.title)).toEqual(["Offline sync", "Dark mode"]);
    const [offline, dark] = items;
    expect(dark.link).toMatch(new RegExp(`^https?://[^/]+/ideas/${a.number}/dark-mode$`));
    expect(offline.link).toMatch(new RegExp(`/ideas/${b.number}/offline-sync$`));
    expect(dark.guid).toMatch(/^tag:[^,]+,2025:shipped:\d+$/);
    expect(new Set(items.map((i) => i.guid)).size).toBe(2);
    expect(dark.date?.getTime()).toBeLessThan(offline.date!.getTime());
    expect(Date.now() - dark.date!.getTime()).toBeGreaterThan(2.9 * 24 * 3600 * 1000);
    expect(meta.date?.toISOString()).toBe(offline.date?.toISOString());
    // The note arrives as HTML (sanitised by the markdown renderer), the user's "<everyone>" as text.
    expect(dark.description).toContain("<strong>now</strong>");
    expect(dark.description).toContain("&lt;everyone&gt; &amp; more");
    expect(offline.description).toContain("“Offline sync” has shipped.");

    const doc = xmlParser.parse(xml);
    expect(doc.feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(doc.feed.id).toMatch(new RegExp(`^tag:[^,]+,2025:changelog:${board.slug}$`));
    expect(doc.feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(doc.feed.link.find((l: Record<string, string>) => l["@rel"] === "self")["@href"]).toMatch(/\/changelog\.atom\?board=/);
    const entry = doc.feed.entry[1];
    expect(entry.content["@type"]).toBe("html");
    expect(entry.content["#text"]).toContain("<strong>now</strong>");
    expect(entry.link[0]["@href"]).toBe(dark.link);
  });

  it("is a valid, empty feed when nothing shipped, and 404 for an unknown board", async () => {
    const board = await createTestBoard();
    const xml = changelogFeed({ entries: [], board: { slug: board.slug, name: board.name }, locale: "en", origin: "https://feedback.example.com" });
    expect(XMLValidator.validate(xml)).toBe(true);
    const { meta, items } = await parseFeed(xml);
    expect(items).toEqual([]);
    expect(meta.title).toBe(`Loopboard changelog: ${board.name}`);
    expect(xmlParser.parse(xml).feed.id).toBe(`tag:feedback.example.com,2025:changelog:${board.slug}`);
    const res = await call(feedLoader, { request: new Request(`${ORIGIN}/changelog.atom?board=nope`), context: contextFor(null) });
    expect(res.status).toBe(404);
  });

  it("escapes every naughty string in titles and notes into a feed both parsers read back", async () => {
    const naughty: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../../shared/data/naughty-strings.json"), "utf8"));
    // What PostgreSQL cannot store (and the app refuses on input): NUL and lone surrogates.
    const storable = naughty.filter((s) => s.trim() !== "" && !/\u0000|\p{Cs}/u.test(s));
    expect(storable.length).toBeGreaterThan(400);
    const board = await createTestBoard();
    const ideas = [];
    for (const title of storable) ideas.push(await createTestIdea({ author, board, title }));
    // Shipped in bulk (one statement) with distinct times so the feed's order is known.
    await db.execute(sql`UPDATE ideas SET status = 'shipped', status_changed_at = now() - (id * interval '1 second')
                         WHERE board_id = ${board.id}::int`);
    const noted = ideas[0];
    await setIdeaStatus({ actor: staff, number: noted.number, status: "in_progress", notify: false });
    await setIdeaStatus({ actor: staff, number: noted.number, status: "shipped", note: storable.slice(0, 80).join("\n\n"), notify: false });

    const entries: ChangelogEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listChangelog>> = await listChangelog({ board: board.slug, limit: 100, cursor });
      entries.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    expect(entries).toHaveLength(storable.length);

    const xml = changelogFeed({ entries, board: { slug: board.slug, name: storable[5] }, locale: "en", origin: "https://feedback.example.com" });
    expect(XMLValidator.validate(xml)).toBe(true);
    const { meta, items } = await parseFeed(xml);
    // What XML 1.0 cannot carry at all is dropped; everything else must come back exactly.
    const expected = entries.map((e) => e.title.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ""));
    const fromFastXml = (xmlParser.parse(xml).feed.entry as Array<{ title: { "#text"?: string } }>).map((e) => e.title["#text"] ?? "");
    expect(fromFastXml).toEqual(expected);
    // feedparser's `title` strips anything that looks like HTML; the element's own text is exact
    // but for the whitespace around it, which feedparser trims.
    expect(items.map((i) => (i["atom:title"] as { "#"?: string })["#"] ?? "")).toEqual(expected.map((t) => t.trim()));
    expect((meta["atom:title"] as { "#": string })["#"]).toBe(`Loopboard changelog: ${storable[5]}`.trim());
    expect(items.every((i) => /^https:\/\/feedback\.example\.com\/ideas\/\d+\//.test(i.link))).toBe(true);
    const notedItem = items.find((i) => i.link.includes(`/ideas/${noted.number}/`))!;
    expect(notedItem.description).not.toMatch(/<script/i);
  });

  it("escapes the five XML specials and drops characters XML cannot carry", () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    expect(escapeXml("a\u0000b\u0001c\u0008d\u000be\u001ff\ufffeg\uffffh\ud800i")).toBe("abcdefghi");
    expect(escapeXml("tab\tnew\nline\r😀 ]]> ok")).toBe("tab\tnew\nline\r😀 ]]&gt; ok");
  });
});
