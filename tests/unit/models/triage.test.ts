/**
 * The triage inbox (which ideas wait, in which order, filtered and paged), the header's count,
 * "mark as reviewed", moving an idea to another board, and the author's edit lock once staff have
 * given an idea a status.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, queryRows } from "~/lib/db.server";
import { addComment } from "~/models/comments.server";
import { listIdeaActivity } from "~/models/idea-activity.server";
import { deleteIdea, getIdea, updateIdea } from "~/models/ideas.server";
import { listIdeas } from "~/models/idea-listing.server";
import { moveIdea } from "~/models/idea-moves.server";
import { mergeIdea } from "~/models/merges.server";
import { listRoadmap } from "~/models/roadmap.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { countInbox, INBOX_COUNT_CAP, listInbox, markIdeaReviewed } from "~/models/triage.server";
import { canEditIdea } from "~/permissions";
import { INBOX_PAGE_SIZE } from "~/schemas/triage";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

const DAY = 24 * 60 * 60 * 1000;

async function inboxNumbers(board: { slug: string }, staff: Awaited<ReturnType<typeof createTestUser>>): Promise<number[]> {
  return (await listInbox({ actor: staff, board: board.slug })).ideas.map((i) => i.number);
}

describe("listInbox", () => {
  it("lists the ideas waiting for a staff answer, oldest first, with board, votes and age", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser({ name: "Mia" });
    const board = await createTestBoard({ name: "Mobile" });
    const old = await createTestIdea({ author: member, board, title: "Oldest waiting", createdAt: new Date(Date.now() - 9 * DAY) });
    const newer = await createTestIdea({ author: member, board, title: "Newer waiting", createdAt: new Date(Date.now() - 2 * DAY) });
    const statused = await createTestIdea({ author: member, board, createdAt: new Date(Date.now() - 8 * DAY) });
    const staffComment = await createTestIdea({ author: member, board, createdAt: new Date(Date.now() - 7 * DAY) });
    const memberComment = await createTestIdea({ author: member, board, title: "Only a member commented", createdAt: new Date(Date.now() - 6 * DAY) });
    const reviewed = await createTestIdea({ author: member, board, createdAt: new Date(Date.now() - 5 * DAY) });
    const merged = await createTestIdea({ author: member, board, createdAt: new Date(Date.now() - 4 * DAY) });
    const deleted = await createTestIdea({ author: member, board, createdAt: new Date(Date.now() - 3 * DAY) });

    await setIdeaStatus({ actor: staff, number: statused.number, status: "planned" });
    await addComment({ actor: staff, number: staffComment.number, body: "Thanks, we are looking at it." });
    await addComment({ actor: member, number: memberComment.number, body: "Me too!" });
    await markIdeaReviewed({ actor: staff, number: reviewed.number });
    await mergeIdea({ actor: staff, number: merged.number, into: newer.number });
    await deleteIdea({ actor: staff, number: deleted.number });

    const page = await listInbox({ actor: staff, board: board.slug });
    expect(page.board).toEqual({ slug: board.slug, name: "Mobile" });
    expect(page.ideas.map((i) => i.number)).toEqual([old.number, memberComment.number, newer.number]);
    expect(page.ideas[0]).toMatchObject({ title: "Oldest waiting", status: "open", voteCount: 1, board: { slug: board.slug, name: "Mobile" }, author: { id: member.id, name: "Mia" }, url: old.url });
    // The merged idea's voter (its author) now counts on the idea it joined.
    expect(page.ideas[2]).toMatchObject({ number: newer.number, voteCount: 1 });
    expect(Date.now() - page.ideas[0].createdAt.getTime()).toBeGreaterThan(9 * DAY - 60_000);
    expect(page.nextCursor).toBeNull();
  });

  it("filters by board (404 for an unknown one) and pages oldest first with a cursor", async () => {
    const staff = await createTestUser({ role: "admin" });
    const author = await createTestUser();
    const board = await createTestBoard();
    const other = await createTestBoard();
    const start = Date.now() - 100 * DAY;
    const created: number[] = [];
    // Two ideas share each timestamp: the cursor must keep ties in id order across pages.
    for (let i = 0; i < INBOX_PAGE_SIZE + 5; i++) created.push((await createTestIdea({ author, board, createdAt: new Date(start + Math.floor(i / 2) * DAY) })).number);
    const elsewhere = await createTestIdea({ author, board: other, createdAt: new Date(start - DAY) });

    const first = await listInbox({ actor: staff, board: board.slug });
    expect(first.ideas).toHaveLength(INBOX_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await listInbox({ actor: staff, board: board.slug, cursor: first.nextCursor });
    expect([...first.ideas, ...second.ideas].map((i) => i.number)).toEqual(created);
    expect(second.nextCursor).toBeNull();
    expect((await listInbox({ actor: staff, board: other.slug })).ideas.map((i) => i.number)).toEqual([elsewhere.number]);
    // Every board: this file's other ideas too, the oldest first.
    const all = await listInbox({ actor: staff });
    expect(all.board).toBeNull();
    expect(all.ideas.map((i) => i.createdAt.getTime())).toEqual([...all.ideas.map((i) => i.createdAt.getTime())].sort((a, b) => a - b));

    expect((await errorOf(listInbox({ actor: staff, board: "no-such-board" }))).status).toBe(404);
    expect((await errorOf(listInbox({ actor: staff, cursor: "bm90LWEtY3Vyc29y" }))).status).toBe(400);
  });

  it("is for staff only: 403 for members, 401 signed out", async () => {
    const member = await createTestUser();
    expect((await errorOf(listInbox({ actor: member }))).status).toBe(403);
    expect((await errorOf(listInbox({ actor: null }))).status).toBe(401);
  });
});

describe("countInbox", () => {
  it("counts the waiting ideas for staff, up to the cap, and nothing for anyone else", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const before = await countInbox({ actor: staff });
    const idea = await createTestIdea({ author: member, board: await createTestBoard() });
    const after = await countInbox({ actor: staff });
    expect(after.count).toBe(Math.min(before.count + 1, INBOX_COUNT_CAP));
    await markIdeaReviewed({ actor: staff, number: idea.number });
    expect((await countInbox({ actor: staff })).count).toBe(before.count);
    expect(await countInbox({ actor: member })).toEqual({ count: 0, capped: false });
    expect(await countInbox({ actor: null })).toEqual({ count: 0, capped: false });
    const author = await createTestUser();
    const board = await createTestBoard();
    await db.execute(sql`
      INSERT INTO ideas (board_id, author_id, title, slug)
      SELECT ${board.id}::int, ${author.id}::int, 'Bulk ' || g, 'bulk-' || g FROM generate_series(1, ${INBOX_COUNT_CAP + 5}::int) g`);
    expect(await countInbox({ actor: staff })).toEqual({ count: INBOX_COUNT_CAP, capped: true });
  });
});

describe("markIdeaReviewed", () => {
  it("takes the idea out of the inbox once; 404 for an unknown idea, 403 for members", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const board = await createTestBoard();
    const idea = await createTestIdea({ author: member, board });
    expect((await errorOf(markIdeaReviewed({ actor: member, number: idea.number }))).status).toBe(403);
    expect(await inboxNumbers(board, staff)).toEqual([idea.number]);
    expect(await markIdeaReviewed({ actor: staff, number: idea.number })).toEqual({ number: idea.number, reviewed: true });
    expect(await markIdeaReviewed({ actor: staff, number: idea.number })).toEqual({ number: idea.number, reviewed: false });
    // Kept once on the idea's staff timeline (the second call changed nothing); members see none of it.
    expect(await listIdeaActivity({ actor: staff, ideaId: idea.id })).toEqual([
      { id: expect.any(Number), kind: "reviewed", detail: {}, actor: { id: staff.id, name: staff.name }, at: expect.any(Date) },
    ]);
    expect(await listIdeaActivity({ actor: member, ideaId: idea.id })).toEqual([]);
    expect(await inboxNumbers(board, staff)).toEqual([]);
    expect((await errorOf(markIdeaReviewed({ actor: staff, number: 999_999 }))).status).toBe(404);
  });
});

describe("moveIdea", () => {
  it("moves an idea to another board: the board lists, search and the roadmap show it there", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const from = await createTestBoard({ name: "Web" });
    const to = await createTestBoard({ name: "Mobile" });
    const idea = await createTestIdea({ author: member, board: from, title: "Offline mode for quokkas" });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned" });
    const roadmapCount = async (board: string) => (await listRoadmap({ board })).columns.find((c) => c.status === "planned")!.total;
    expect(await roadmapCount(from.slug)).toBe(1);
    expect(await roadmapCount(to.slug)).toBe(0);

    const moved = await moveIdea({ actor: staff, number: idea.number, board: to.slug });
    expect(moved).toEqual({ number: idea.number, from: { slug: from.slug, name: "Web" }, to: { slug: to.slug, name: "Mobile" } });
    expect((await getIdea({ actor: null, number: idea.number }))!.board).toEqual({ slug: to.slug, name: "Mobile" });
    expect((await listIdeas({ actor: null, board: from.slug, sort: "new", limit: 20 })).ideas).toEqual([]);
    expect((await listIdeas({ actor: null, board: to.slug, sort: "new", limit: 20 })).ideas.map((i) => i.number)).toEqual([idea.number]);
    expect((await listIdeas({ actor: null, board: to.slug, sort: "top", limit: 20, q: "quokkas" })).ideas.map((i) => i.number)).toEqual([idea.number]);
    expect((await listIdeas({ actor: null, board: from.slug, sort: "top", limit: 20, q: "quokkas" })).ideas).toEqual([]);
    expect(await roadmapCount(from.slug)).toBe(0);
    expect(await roadmapCount(to.slug)).toBe(1);
    expect((await listRoadmap({ board: to.slug })).columns.find((c) => c.status === "planned")!.ideas.map((i) => i.number)).toEqual([idea.number]);
    // The staff timeline says who moved it, from where to where, with the boards' names of the time.
    expect(await listIdeaActivity({ actor: staff, ideaId: idea.id })).toEqual([
      { id: expect.any(Number), kind: "moved", detail: { from: "Web", to: "Mobile" }, actor: { id: staff.id, name: staff.name }, at: expect.any(Date) },
    ]);
    expect(await listIdeaActivity({ actor: member, ideaId: idea.id })).toEqual([]);
  });

  it("refuses: 403 for members, 404 for an unknown board or idea, 422 for an archived board or the same board", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const board = await createTestBoard();
    const archived = await createTestBoard({ archived: true });
    const other = await createTestBoard();
    const idea = await createTestIdea({ author: member, board });
    expect((await errorOf(moveIdea({ actor: member, number: idea.number, board: other.slug }))).status).toBe(403);
    expect((await errorOf(moveIdea({ actor: staff, number: idea.number, board: "no-such-board" }))).status).toBe(404);
    expect((await errorOf(moveIdea({ actor: staff, number: 999_999, board: other.slug }))).status).toBe(404);
    const same = await errorOf(moveIdea({ actor: staff, number: idea.number, board: board.slug }));
    expect(same).toMatchObject({ status: 422, body: { error: { fields: { board: "The idea is already on this board." } } } });
    expect((await errorOf(moveIdea({ actor: staff, number: idea.number, board: archived.slug }))).status).toBe(422);
    expect((await errorOf(moveIdea({ actor: staff, number: idea.number, board: 42 }))).status).toBe(422);
    expect(await listIdeaActivity({ actor: staff, ideaId: idea.id })).toEqual([]);
  });
});

describe("the author's edit lock", () => {
  it("canEditIdea: the author while the idea is open, staff always, nobody else", () => {
    const author = { id: 1, role: "member" as const };
    const staff = { id: 2, role: "staff" as const };
    const other = { id: 3, role: "member" as const };
    expect(canEditIdea(author, { authorId: 1, status: "open" })).toBe(true);
    expect(canEditIdea(author, { authorId: 1, status: "planned" })).toBe(false);
    expect(canEditIdea(author, { authorId: 1, status: "declined" })).toBe(false);
    expect(canEditIdea(staff, { authorId: 1, status: "shipped" })).toBe(true);
    expect(canEditIdea(other, { authorId: 1, status: "open" })).toBe(false);
    expect(canEditIdea(null, { authorId: 1, status: "open" })).toBe(false);
  });

  it("refuses the author's edit with a 403 that says why once staff gave a status; staff still edit", async () => {
    const staff = await createTestUser({ role: "staff" });
    const author = await createTestUser();
    const idea = await createTestIdea({ author, board: await createTestBoard(), title: "Keyboard shortcuts everywhere" });
    await updateIdea({ actor: author, number: idea.number, title: "Keyboard shortcuts in every page" });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "under_review" });
    expect((await getIdea({ actor: author, number: idea.number }))!.canEdit).toBe(false);
    const refused = await errorOf(updateIdea({ actor: author, number: idea.number, title: "Something else entirely" }));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ code: "forbidden", message: expect.stringContaining("can no longer be changed") });
    expect((await getIdea({ actor: null, number: idea.number }))!.title).toBe("Keyboard shortcuts in every page");
    expect((await updateIdea({ actor: staff, number: idea.number, title: "Keyboard shortcuts (all pages)" })).title).toBe("Keyboard shortcuts (all pages)");
    expect((await getIdea({ actor: staff, number: idea.number }))!.canEdit).toBe(true);
    // Someone else's idea is a plain 403, whatever its status.
    const stranger = await createTestUser();
    expect((await errorOf(updateIdea({ actor: stranger, number: idea.number, title: "Mine now" }))).body.error.message).not.toContain("can no longer be changed");
  });
});

describe("the inbox's cost", () => {
  it("reads the waiting ideas through the partial indexes, however many ideas were answered", async () => {
    const author = await createTestUser();
    const board = await createTestBoard();
    await db.execute(sql`
      INSERT INTO ideas (board_id, author_id, title, slug, triaged_at, created_at)
      SELECT ${board.id}::int, ${author.id}::int, 'Idea ' || g, 'idea-' || g, CASE WHEN g % 10 = 0 THEN NULL ELSE now() END, now() - g * interval '1 minute'
      FROM generate_series(1, 3000) g`);
    await db.execute(sql`ANALYZE ideas`);
    const plan = async (query: ReturnType<typeof sql>) =>
      (await queryRows<Record<string, string>>(db, sql`EXPLAIN ${query}`)).map((r) => Object.values(r)[0]).join("\n");
    const waiting = sql`i.triaged_at IS NULL AND i.merged_into_id IS NULL`;
    expect(await plan(sql`SELECT count(*) FROM (SELECT 1 FROM ideas i WHERE ${waiting} ORDER BY i.created_at, i.id LIMIT 100) w`)).toContain("ideas_inbox_idx");
    expect(await plan(sql`SELECT i.id FROM ideas i WHERE ${waiting} AND i.board_id = ${board.id}::int ORDER BY i.created_at, i.id LIMIT 51`)).toContain("ideas_inbox_board_idx");
  });
});
