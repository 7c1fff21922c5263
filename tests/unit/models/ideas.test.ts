import type { SessionUser } from "~/lib/auth.server";
import { AppError } from "~/lib/errors.server";
import { errorResponse } from "~/lib/http.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { ideas, votes } from "../../../db/schema";
import { db } from "~/lib/db.server";
import { resetRateLimiters } from "~/lib/rate-limit.server";
import { ideaUrl, slugify } from "~/idea-links";
import { excerptOf } from "~/lib/markdown.server";
import { listIdeas } from "~/models/idea-listing.server";
import { createIdea, deleteIdea, getIdea, ideaToJson, updateIdea, type IdeaDetail, type IdeaSummary } from "~/models/ideas.server";
import { applyVote, setVote } from "~/models/votes.server";
import { IDEA_BODY_MAX, IDEA_TITLE_MAX } from "~/schemas/ideas";
import { createTestBoard, createTestIdea, createTestUser, defaultBoard } from "../../setup/factories";

beforeAll(() => {
  process.env.RATE_LIMIT_DISABLED = "true";
});
afterAll(() => {
  delete process.env.RATE_LIMIT_DISABLED;
});

async function refusal(promise: Promise<unknown>): Promise<{ status: number; fields?: Record<string, string> }> {
  const error = await promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const body = await errorResponse(error).json();
  return { status: (error as AppError).status, fields: body.error.fields };
}

describe("slugs and urls", () => {
  it("keep letters of any script, lowercase, dash-separated, whole words up to 60 characters", () => {
    expect(slugify("Dark mode!")).toBe("dark-mode");
    expect(slugify("  Export to CSV / Excel (2024)  ")).toBe("export-to-csv-excel-2024");
    expect(slugify("Temni način za Čšž")).toBe("temni-način-za-čšž");
    expect(slugify("الوضع الداكن للتطبيق")).toBe("الوضع-الداكن-للتطبيق");
    expect(slugify("Edit")).toBe("edit-idea");
    expect(slugify("vote!")).toBe("vote-idea");
    expect(slugify("Don't break")).toBe("dont-break");
    expect(slugify("🎉🎉🎉")).toBe("idea");
    expect(slugify("!!!")).toBe("idea");
    const long = slugify("word ".repeat(40));
    expect([...long].length).toBeLessThanOrEqual(60);
    expect(long.endsWith("-")).toBe(false);
    expect([...slugify("x".repeat(100))].length).toBe(60);
  });

  it("builds canonical paths with the slug percent-encoded", () => {
    expect(ideaUrl({ number: 42, slug: "dark-mode" })).toBe("/ideas/42/dark-mode");
    expect(ideaUrl({ number: 7, slug: "čšž" })).toBe("/ideas/7/%C4%8D%C5%A1%C5%BE");
  });

  it("makes plain-text excerpts of at most 200 characters", () => {
    expect(excerptOf("# Title\n\nSome **bold** and a [link](https://x.example) and `code`.")).toBe("Title Some bold and a link and code.");
    const long = excerptOf("word ".repeat(100));
    expect([...long].length).toBeLessThanOrEqual(200);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("posting ideas", () => {
  it("numbers them in sequence, opens them, normalises the title, renders the body and casts the author's vote", async () => {
    const author = await createTestUser({ name: "Ann" });
    const board = await defaultBoard();
    const first = await createIdea({ actor: author, board: board.slug, title: "  Dark \n\t mode  ", body: "Please **add** it.\r\nThanks" });
    const second = await createIdea({ actor: author, board: ` ${board.slug.toUpperCase()} `, title: "Export to CSV", body: "" });
    expect(second.number).toBe(first.number + 1);
    expect(first).toMatchObject({
      title: "Dark mode",
      slug: "dark-mode",
      url: `/ideas/${first.number}/dark-mode`,
      status: "open",
      voteCount: 1,
      commentCount: 0,
      votedByMe: true,
      body: "Please **add** it.\nThanks",
      excerpt: "Please add it. Thanks",
      board: { slug: board.slug, name: board.name },
      author: { id: author.id, name: "Ann" },
      canEdit: true,
      canDelete: false,
    });
    expect(first.bodyHtml).toContain("<strong>add</strong>");
    expect(first.createdAt).toBeInstanceOf(Date);
    expect(await db.select().from(votes).where(eq(votes.ideaId, first.id))).toHaveLength(1);
  });

  it("opens an idea for one reader after another, each with their own vote and rights", async () => {
    const author = await createTestUser();
    const voter = await createTestUser();
    const other = await createTestUser();
    const idea = await createTestIdea({ author });
    await setVote({ actor: voter, number: idea.number, voted: true });
    const seen = async (actor: SessionUser | null) => {
      const read = (await getIdea({ actor, number: idea.number }))!;
      return [read.votedByMe, read.canEdit, read.voteCount];
    };
    expect(await seen(author)).toEqual([true, true, 2]);
    expect(await seen(other)).toEqual([false, false, 2]);
    expect(await seen(voter)).toEqual([true, false, 2]);
    expect(await seen(null)).toEqual([false, false, 2]);
    expect(await getIdea({ actor: other, number: idea.number + 100_000 })).toBeNull();
  });

  it("refuses bad input with field messages before writing", async () => {
    const author = await createTestUser();
    const board = await defaultBoard();
    const archived = await createTestBoard({ archived: true });
    const [{ before }] = await db.select({ before: sql<number>`count(*)::int` }).from(ideas);
    expect(await refusal(createIdea({ actor: author, board: board.slug, title: "ab", body: "" }))).toMatchObject({
      status: 422,
      fields: { title: "The title needs at least 3 characters." },
    });
    expect((await refusal(createIdea({ actor: author, board: board.slug, title: "x".repeat(IDEA_TITLE_MAX + 1) }))).fields!.title).toContain("120");
    expect((await refusal(createIdea({ actor: author, board: board.slug, title: "Long body", body: "x".repeat(IDEA_BODY_MAX + 1) }))).fields!.body).toContain("20000");
    expect((await refusal(createIdea({ actor: author, board: board.slug, title: "Nul\u0000title" }))).fields!.title).toBeTruthy();
    expect((await refusal(createIdea({ actor: author, board: board.slug, title: "Nul body", body: "a\u0000b" }))).fields!.body).toBeTruthy();
    expect((await refusal(createIdea({ actor: author, board: board.slug, title: "\u200b\u200b\u200b" }))).fields!.title).toBeTruthy();
    expect(await refusal(createIdea({ actor: author, board: "no-such-board", title: "Fine title" }))).toMatchObject({ status: 422, fields: { board: expect.any(String) } });
    expect(await refusal(createIdea({ actor: author, board: archived.slug, title: "Fine title" }))).toMatchObject({
      status: 422,
      fields: { board: "This board is archived and no longer takes new ideas." },
    });
    expect(await refusal(createIdea({ actor: author, board: "bad\u0000slug", title: "Fine title" }))).toMatchObject({ status: 422 });
    expect((await refusal(createIdea({ actor: null, board: board.slug, title: "Fine title" }))).status).toBe(401);
    const [{ after }] = await db.select({ after: sql<number>`count(*)::int` }).from(ideas);
    expect(after).toBe(before);
  });

  it("rate-limits posting per person", async () => {
    delete process.env.RATE_LIMIT_DISABLED;
    process.env.RATE_LIMIT_IDEAS_PER_HOUR = "2";
    resetRateLimiters();
    try {
      const author = await createTestUser();
      const board = await defaultBoard();
      await createIdea({ actor: author, board: board.slug, title: "One idea" });
      await createIdea({ actor: author, board: board.slug, title: "Two ideas" });
      const error = await createIdea({ actor: author, board: board.slug, title: "Three ideas" }).catch((e) => e as AppError);
      expect((error as AppError).status).toBe(429);
      expect(Number(errorResponse(error as AppError).headers.get("Retry-After"))).toBeGreaterThan(0);
      // Someone else is not affected.
      await createIdea({ actor: await createTestUser(), board: board.slug, title: "Other person" });
    } finally {
      delete process.env.RATE_LIMIT_IDEAS_PER_HOUR;
      process.env.RATE_LIMIT_DISABLED = "true";
      resetRateLimiters();
    }
  });
});

describe("editing and deleting ideas", () => {
  it("lets the author and staff edit (the slug follows the title), nobody else", async () => {
    const author = await createTestUser();
    const other = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author, title: "Dark mode", body: "old" });
    await new Promise((r) => setTimeout(r, 5));
    const edited = await updateIdea({ actor: author, number: idea.number, title: "Dark  theme", body: "new _body_" });
    expect(edited).toMatchObject({ title: "Dark theme", slug: "dark-theme", url: `/ideas/${idea.number}/dark-theme`, body: "new _body_" });
    expect(edited.bodyHtml).toContain("<em>body</em>");
    expect(edited.updatedAt.getTime()).toBeGreaterThan(idea.updatedAt.getTime());
    expect((await updateIdea({ actor: author, number: idea.number, body: "only body" })).title).toBe("Dark theme");
    expect((await updateIdea({ actor: staff, number: idea.number, title: "Staff fix" })).title).toBe("Staff fix");
    expect((await refusal(updateIdea({ actor: other, number: idea.number, title: "Mine now" }))).status).toBe(403);
    expect((await refusal(updateIdea({ actor: null, number: idea.number, title: "Mine now" }))).status).toBe(401);
    expect((await refusal(updateIdea({ actor: author, number: 999_999, title: "Nope" }))).status).toBe(404);
    expect(await refusal(updateIdea({ actor: author, number: idea.number, title: "x" }))).toMatchObject({ status: 422, fields: { title: expect.any(String) } });
  });

  it("lets only staff delete, with the idea's votes", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "admin" });
    const idea = await createTestIdea({ author });
    expect((await refusal(deleteIdea({ actor: author, number: idea.number }))).status).toBe(403);
    expect((await getIdea({ actor: author, number: idea.number }))!.canDelete).toBe(false);
    expect((await getIdea({ actor: staff, number: idea.number }))!).toMatchObject({ canDelete: true, canEdit: true });
    await deleteIdea({ actor: staff, number: idea.number });
    expect(await getIdea({ actor: staff, number: idea.number })).toBeNull();
    expect(await db.select().from(votes).where(eq(votes.ideaId, idea.id))).toEqual([]);
    expect((await refusal(deleteIdea({ actor: staff, number: idea.number }))).status).toBe(404);
  });

  it("returns null for numbers that cannot exist", async () => {
    for (const number of [0, -1, 1.5, Number.NaN, 2 ** 31, 2 ** 53]) expect(await getIdea({ actor: null, number })).toBeNull();
  });
});

describe("listing ideas", () => {
  async function pages(input: Omit<Parameters<typeof listIdeas>[0], "cursor">): Promise<IdeaSummary[][]> {
    const out: IdeaSummary[][] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await listIdeas({ ...input, cursor });
      out.push(page.ideas);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return out;
  }

  it("sorts by top, new and trending, paging every idea exactly once", async () => {
    const board = await createTestBoard();
    const people = await Promise.all(Array.from({ length: 6 }, () => createTestUser()));
    const made: IdeaDetail[] = [];
    for (let i = 0; i < 7; i++) made.push(await createTestIdea({ author: people[0], board, title: `Listed idea ${i}` }));
    // Votes 0..5 extra on ideas 1..6 (ties on purpose: ideas 5 and 6 both get 5).
    const extra = [0, 1, 2, 3, 4, 5, 5];
    for (let i = 0; i < made.length; i++) for (let v = 0; v < extra[i]; v++) await setVote({ actor: people[v + 1], number: made[i].number, voted: true });

    const top = (await pages({ actor: people[1], board: board.slug, sort: "top", limit: 2 })).flat();
    expect(top.map((i) => i.number)).toEqual([made[6], made[5], made[4], made[3], made[2], made[1], made[0]].map((i) => i.number));
    expect(top.map((i) => i.voteCount)).toEqual([6, 6, 5, 4, 3, 2, 1]);
    expect(top.find((i) => i.number === made[0].number)!.votedByMe).toBe(false);
    expect(top.find((i) => i.number === made[1].number)!.votedByMe).toBe(true);
    // The same list read by others, one after another: each sees their own votes (the page's
    // statement is prepared once and shared by every reader).
    const votedBy = async (actor: SessionUser) =>
      (await pages({ actor, board: board.slug, sort: "top", limit: 2 })).flat().filter((i) => i.votedByMe).map((i) => i.number).sort();
    expect(await votedBy(people[5])).toEqual([made[5].number, made[6].number].sort());
    expect(await votedBy(people[0])).toEqual(made.map((i) => i.number).sort());
    expect(await votedBy(people[1])).toEqual(made.slice(1).map((i) => i.number).sort());

    const newest = (await pages({ actor: null, board: board.slug, sort: "new", limit: 3 })).flat();
    expect(newest.map((i) => i.number)).toEqual([...made].reverse().map((i) => i.number));
    expect(newest.every((i) => !i.votedByMe)).toBe(true);

    const trending = (await pages({ actor: null, board: board.slug, sort: "trending", limit: 4 })).flat();
    expect(new Set(trending.map((i) => i.number)).size).toBe(7);
  });

  it("puts recent votes above many old ones in trending, while top counts them all", async () => {
    const board = await createTestBoard();
    const people = await Promise.all(Array.from({ length: 4 }, () => createTestUser()));
    const old = await createTestIdea({ author: people[0], board, title: "Old favourite", createdAt: new Date(Date.now() - 70 * 86400_000) });
    for (const p of people.slice(1)) await applyVote(db, { ideaId: old.id, userId: p.id, voted: true, at: new Date(Date.now() - 60 * 86400_000) });
    const fresh = await createTestIdea({ author: people[1], board, title: "Fresh one" });
    const top = await listIdeas({ actor: null, board: board.slug, sort: "top", limit: 10 });
    expect(top.ideas.map((i) => i.number)).toEqual([old.number, fresh.number]);
    const trending = await listIdeas({ actor: null, board: board.slug, sort: "trending", limit: 10 });
    expect(trending.ideas.map((i) => i.number)).toEqual([fresh.number, old.number]);
  });

  it("filters by board and status", async () => {
    const a = await createTestBoard();
    const b = await createTestBoard();
    const author = await createTestUser();
    const inA = await createTestIdea({ author, board: a });
    const planned = await createTestIdea({ author, board: a });
    const inB = await createTestIdea({ author, board: b });
    await db.update(ideas).set({ status: "planned" }).where(eq(ideas.id, planned.id));
    expect((await listIdeas({ actor: null, board: a.slug, sort: "new", limit: 10 })).ideas.map((i) => i.number)).toEqual([planned.number, inA.number]);
    expect((await listIdeas({ actor: null, board: b.slug, sort: "new", limit: 10 })).ideas.map((i) => i.number)).toEqual([inB.number]);
    const plannedOnly = await listIdeas({ actor: null, board: a.slug, status: "planned", sort: "top", limit: 10 });
    expect(plannedOnly.ideas.map((i) => [i.number, i.status])).toEqual([[planned.number, "planned"]]);
    const everywhere = await listIdeas({ actor: null, status: "planned", sort: "trending", limit: 100 });
    expect(everywhere.ideas.every((i) => i.status === "planned")).toBe(true);
    expect((await listIdeas({ actor: null, board: a.slug, status: "shipped", sort: "new", limit: 10 })).ideas).toEqual([]);
  });

  it("404s an unknown board and 400s a bad or foreign cursor", async () => {
    const author = await createTestUser();
    const board = await createTestBoard();
    for (let i = 0; i < 3; i++) await createTestIdea({ author, board });
    expect((await refusal(listIdeas({ actor: null, board: "no-such-board", sort: "top", limit: 5 }))).status).toBe(404);
    expect((await refusal(listIdeas({ actor: null, board: "bad\u0000", sort: "top", limit: 5 }))).status).toBe(404);
    const { nextCursor } = await listIdeas({ actor: null, board: board.slug, sort: "top", limit: 1 });
    expect(nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await refusal(listIdeas({ actor: null, board: board.slug, sort: "new", limit: 1, cursor: nextCursor! }))).toMatchObject({
      status: 400,
      fields: { cursor: expect.any(String) },
    });
    const forged = [
      "not a cursor",
      "e30",
      Buffer.from('["top","1; drop table ideas",1]').toString("base64url"),
      Buffer.from('["top",1e400,1]').toString("base64url"),
      Buffer.from('["top",1,-5]').toString("base64url"),
    ];
    for (const cursor of forged) expect((await refusal(listIdeas({ actor: null, sort: "top", limit: 1, cursor }))).status).toBe(400);
  });

  it("serialises to the API shape with an absolute url", async () => {
    const author = await createTestUser({ name: "Jo" });
    const idea = await createTestIdea({ author, title: "Json shape", body: "Hello" });
    const json = ideaToJson(idea, "https://feedback.example");
    expect(json).toMatchObject({
      number: idea.number,
      slug: "json-shape",
      url: `https://feedback.example/ideas/${idea.number}/json-shape`,
      board: { slug: idea.board.slug, name: idea.board.name },
      title: "Json shape",
      body: "Hello",
      bodyHtml: expect.stringContaining("Hello"),
      status: "open",
      voteCount: 1,
      commentCount: 0,
      votedByMe: true,
      author: { id: author.id, name: "Jo" },
      createdAt: idea.createdAt.toISOString(),
    });
  });
});
