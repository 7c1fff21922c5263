import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { ideas, users } from "../../../db/schema";
import { db } from "~/lib/db.server";
import { drainQueue, enqueue, prepareJobs, queue } from "~/lib/queue.server";
import { findCountDrift, reconcileCounts, reconcileCountsJob, scheduleCountReconciliation } from "~/jobs/reconcile-counts.server";
import { jobs } from "~/jobs/index.server";
import { addComment } from "~/models/comments.server";
import { setVote } from "~/models/votes.server";
import { createTestIdea, createTestUser } from "../../setup/factories";

beforeAll(() => {
  process.env.RATE_LIMIT_DISABLED = "true";
});
afterAll(() => {
  delete process.env.RATE_LIMIT_DISABLED;
});

describe("reconcile-counts", () => {
  it("is one of the app's jobs, scheduled nightly", async () => {
    expect(jobs.map((j) => j.name)).toContain("reconcile-counts");
    await prepareJobs([reconcileCountsJob]);
    await scheduleCountReconciliation();
    const schedules = await (await queue()).getSchedules();
    expect(schedules).toContainEqual(expect.objectContaining({ name: "reconcile-counts", cron: "17 3 * * *" }));
  });

  it("proves counters that were kept in step, finds drift, and repairs it", async () => {
    const author = await createTestUser();
    const voters = await Promise.all(Array.from({ length: 3 }, () => createTestUser()));
    const a = await createTestIdea({ author });
    const b = await createTestIdea({ author });
    const c = await createTestIdea({ author });
    for (const v of voters) await setVote({ actor: v, number: a.number, voted: true });
    await setVote({ actor: voters[0], number: b.number, voted: true });
    const top = await addComment({ actor: voters[1], number: a.number, body: "hi" });
    await addComment({ actor: author, number: a.number, body: "reply", parentId: top.id });
    expect((await findCountDrift()).drifted).toEqual([]);

    // Drift from outside the models: a hand edit, and a deleted account whose votes cascaded away.
    await db.update(ideas).set({ voteCount: 99, commentCount: -3 }).where(eq(ideas.id, b.id));
    await db.update(ideas).set({ trendingScore: sql`${ideas.trendingScore} * 3 + 1` }).where(eq(ideas.id, c.id));
    await db.delete(users).where(eq(users.id, voters[2].id));

    const found = await findCountDrift();
    expect(found.checked).toBeGreaterThanOrEqual(3);
    expect(found.drifted.map((d) => d.number).sort()).toEqual([a.number, b.number, c.number].sort());
    expect(found.drifted.find((d) => d.number === a.number)).toMatchObject({ voteCount: 4, actualVotes: 3, commentCount: 2, actualComments: 2 });
    expect(found.drifted.find((d) => d.number === b.number)).toMatchObject({ voteCount: 99, actualVotes: 2, commentCount: -3, actualComments: 0 });

    // A dry run reports without touching anything.
    expect((await reconcileCounts({ repair: false })).repaired).toBe(0);
    expect((await findCountDrift()).drifted).toHaveLength(3);

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await prepareJobs([reconcileCountsJob]);
      await enqueue(reconcileCountsJob.name, {});
      await drainQueue([reconcileCountsJob]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("3 of"));
    } finally {
      warn.mockRestore();
    }
    expect((await findCountDrift()).drifted).toEqual([]);
    const [fixedB] = await db.select().from(ideas).where(eq(ideas.id, b.id));
    expect(fixedB).toMatchObject({ voteCount: 2, commentCount: 0 });
    const [fixedA] = await db.select().from(ideas).where(eq(ideas.id, a.id));
    expect(fixedA.voteCount).toBe(3);
  });
});
