/**
 * The roadmap's column sizes: each counted through its own index range, stopping at COUNT_CAP,
 * and Shipped counting only what shipped in the last SHIPPED_WINDOW_DAYS days.
 */
import { describe, expect, it } from "vitest";
import { ideas } from "../../../db/schema";
import { db } from "~/lib/db.server";
import { COUNT_CAP, listRoadmap, SHIPPED_WINDOW_DAYS } from "~/models/roadmap.server";
import type { IdeaStatus } from "~/statuses";
import { createTestBoard, createTestUser } from "../../setup/factories";

const DAY = 86_400_000;

async function addIdeas(board: { id: number }, authorId: number, status: IdeaStatus, count: number, statusChangedAt: Date | null = new Date()) {
  const rows = Array.from({ length: count }, (_, i) => ({
    boardId: board.id,
    authorId,
    title: `${status} ${i}`,
    slug: `${status}-${i}`,
    status,
    statusChangedAt,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insert(ideas).values(rows.slice(i, i + 500));
}

const totals = async (board: { slug: string }) =>
  Object.fromEntries((await listRoadmap({ board: board.slug })).columns.map((c) => [c.status, [c.total, c.totalCapped]]));

describe("roadmap column sizes", () => {
  it("count each column up to COUNT_CAP, say when the cap was reached, and keep other boards out", async () => {
    const author = await createTestUser();
    const board = await createTestBoard();
    const other = await createTestBoard();
    await addIdeas(board, author.id, "planned", COUNT_CAP + 5);
    await addIdeas(board, author.id, "in_progress", 3);
    await addIdeas(board, author.id, "open", 7);
    await addIdeas(other, author.id, "under_review", 4);
    expect(await totals(board)).toEqual({
      under_review: [0, false],
      planned: [COUNT_CAP, true],
      in_progress: [3, false],
      shipped: [0, false],
    });
    expect((await totals(other)).under_review).toEqual([4, false]);
  });

  it("count in Shipped only what shipped within the window", async () => {
    const author = await createTestUser();
    const board = await createTestBoard();
    const now = Date.now();
    await addIdeas(board, author.id, "shipped", 2, new Date(now - DAY));
    await addIdeas(board, author.id, "shipped", 1, new Date(now - (SHIPPED_WINDOW_DAYS - 1) * DAY));
    await addIdeas(board, author.id, "shipped", 3, new Date(now - (SHIPPED_WINDOW_DAYS + 1) * DAY));
    await addIdeas(board, author.id, "shipped", 1, null);
    await addIdeas(board, author.id, "declined", 2, new Date(now - DAY));
    const roadmap = await listRoadmap({ board: board.slug });
    const shipped = roadmap.columns.find((c) => c.status === "shipped")!;
    expect([shipped.total, shipped.totalCapped]).toEqual([3, false]);
    expect(shipped.ideas).toHaveLength(3);
  });
});
