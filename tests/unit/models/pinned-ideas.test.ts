import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { listIdeaActivity } from "~/models/idea-activity.server";
import { boardPageQuery } from "~/models/board-page.server";
import { listIdeas } from "~/models/idea-listing.server";
import { hideIdea } from "~/models/moderation.server";
import { PINNED_PER_BOARD_MAX, setIdeaPinned } from "~/models/pinned-ideas.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { setVote } from "~/models/votes.server";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { scans } from "../../setup/plans";

afterAll(() => releaseWorkerInstance());

describe("pinning an idea to the top of its board", () => {
  it("puts it first in every sort (marked pinned), once, on the first page only; a status filter, hiding and unpinning are respected; kept on the audit trail", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const voters = [await createTestUser(), await createTestUser()];
    const board = await createTestBoard();
    const quiet = await createTestIdea({ author: member, board, title: "Quiet oldest idea" });
    const popular = await createTestIdea({ author: member, board, title: "Popular idea" });
    const newest = await createTestIdea({ author: member, board, title: "Newest idea" });
    for (const voter of voters) await setVote({ actor: voter, number: popular.number, voted: true });

    expect((await errorOf(setIdeaPinned({ actor: member, number: quiet.number, pinned: true }))).status).toBe(403);
    expect((await errorOf(setIdeaPinned({ actor: staff, number: 999_999, pinned: true }))).status).toBe(404);
    const pinned = await setIdeaPinned({ actor: staff, number: quiet.number, pinned: true });
    expect(pinned.pinned).toBe(true);
    await setIdeaPinned({ actor: staff, number: quiet.number, pinned: true });

    for (const sort of ["top", "new", "trending"] as const) {
      const { ideas } = await listIdeas({ actor: member, board: board.slug, sort, limit: 20 });
      expect(ideas.map((i) => i.number)).toEqual(sort === "new" ? [quiet.number, newest.number, popular.number] : [quiet.number, popular.number, newest.number]);
      expect(ideas.map((i) => i.pinned)).toEqual([true, false, false]);
    }
    // Pages after the first do not repeat it, and the cursor continues the unpinned ideas.
    const first = await listIdeas({ actor: null, board: board.slug, sort: "top", limit: 1 });
    expect(first.ideas.map((i) => i.number)).toEqual([quiet.number, popular.number]);
    const second = await listIdeas({ actor: null, board: board.slug, sort: "top", limit: 1, cursor: first.nextCursor! });
    expect(second.ideas.map((i) => i.number)).toEqual([newest.number]);
    expect(second.nextCursor).toBeNull();
    // A status filter applies to pinned ideas too; a search keeps its own order.
    await setIdeaStatus({ actor: staff, number: popular.number, status: "planned", note: "" });
    expect((await listIdeas({ actor: null, board: board.slug, status: "planned", sort: "new", limit: 20 })).ideas.map((i) => i.number)).toEqual([popular.number]);
    expect((await listIdeas({ actor: null, board: board.slug, q: "idea", sort: "top", limit: 20 })).ideas[0].number).toBe(popular.number);

    // Hidden, a pinned idea is listed nowhere.
    await hideIdea({ actor: staff, number: quiet.number, reason: "Spam" });
    expect((await listIdeas({ actor: null, board: board.slug, sort: "new", limit: 20 })).ideas.map((i) => i.number)).toEqual([newest.number, popular.number]);

    await setIdeaPinned({ actor: staff, number: quiet.number, pinned: false });
    await setIdeaPinned({ actor: staff, number: quiet.number, pinned: false });
    const trail = await listIdeaActivity({ actor: staff, ideaId: quiet.id });
    expect(trail.map((e) => e.kind)).toEqual(["pinned", "hidden", "unpinned"]);
  });

  it(`refuses more than ${PINNED_PER_BOARD_MAX} pinned ideas on one board with a 409 that says so`, async () => {
    const staff = await createTestUser({ role: "admin" });
    const board = await createTestBoard();
    const other = await createTestBoard();
    for (let i = 0; i < PINNED_PER_BOARD_MAX; i++) {
      const idea = await createTestIdea({ author: staff, board });
      await setIdeaPinned({ actor: staff, number: idea.number, pinned: true });
    }
    const extra = await createTestIdea({ author: staff, board });
    const refused = await errorOf(setIdeaPinned({ actor: staff, number: extra.number, pinned: true }));
    expect(refused).toMatchObject({ status: 409, body: { error: { message: `${PINNED_PER_BOARD_MAX} ideas are already pinned on this board: unpin one first.` } } });
    const elsewhere = await createTestIdea({ author: staff, board: other });
    expect((await setIdeaPinned({ actor: staff, number: elsewhere.number, pinned: true })).pinned).toBe(true);
  });

  it("keeps the board list an ordered walk of the sort's index, and reads pinned ideas through ideas_pinned_idx", async () => {
    const board = await createTestBoard();
    const author = await createTestUser();
    await createTestIdea({ author, board });
    // Statistics, so the planner knows pinned ideas are few (ideas_dashboard_idx also starts with
    // board_id and covers every listed idea: on a table it has never measured, the two cost alike).
    await db.execute(sql`ANALYZE ideas`);
    const pinnedScans = await scans(boardPageQuery({ actor: null, boardId: board.id, sort: "top", cursor: null, take: 100, pinned: true }).getSQL());
    expect(pinnedScans.join()).toMatch(/Index Scan ideas_pinned_idx/);
    const expected = { top: "ideas_board_top_idx", new: "ideas_board_new_idx", trending: "ideas_board_trending_idx" };
    for (const sort of ["top", "new", "trending"] as const) {
      const found = await scans(boardPageQuery({ actor: null, boardId: board.id, sort, cursor: null, take: 21 }).getSQL());
      expect(found).toContain(`Index Scan ${expected[sort]} on ideas`);
    }
  });
});
