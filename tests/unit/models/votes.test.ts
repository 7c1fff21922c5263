import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { ideas } from "../../../db/schema";
import { db, queryRows } from "~/lib/db.server";
import { getIdea } from "~/models/ideas.server";
import { applyVote, setVote, voteWeight, voteWeightAt } from "~/models/votes.server";
import { createTestIdea, createTestUser } from "../../setup/factories";

async function stored(ideaId: number) {
  const [row] = await db
    .select({ voteCount: ideas.voteCount, trendingScore: ideas.trendingScore })
    .from(ideas)
    .where(eq(ideas.id, ideaId));
  const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM votes WHERE idea_id = ${ideaId}`);
  return { ...row, rows: Number(n) };
}

/** Σ of the current votes' weights, computed from the rows (timestamps in microseconds). */
async function expectedScore(ideaId: number): Promise<number> {
  const [row] = await queryRows<{ score: number | null }>(db, sql`SELECT sum(${voteWeight(sql`created_at`)}) AS score FROM votes WHERE idea_id = ${ideaId}`);
  return Number(row.score ?? 0);
}

const closeTo = (actual: number, expected: number) => Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

describe("votes", () => {
  it("are cast automatically for the author and toggle with one call each way", async () => {
    const author = await createTestUser();
    const voter = await createTestUser();
    const idea = await createTestIdea({ author });
    expect(idea).toMatchObject({ voteCount: 1, votedByMe: true });

    expect(await setVote({ actor: voter, number: idea.number, voted: true })).toEqual({ voted: true, voteCount: 2 });
    expect(await setVote({ actor: voter, number: idea.number, voted: true })).toEqual({ voted: true, voteCount: 2 });
    expect((await getIdea({ actor: voter, number: idea.number }))!.votedByMe).toBe(true);
    expect(await setVote({ actor: voter, number: idea.number, voted: false })).toEqual({ voted: false, voteCount: 1 });
    expect(await setVote({ actor: voter, number: idea.number, voted: false })).toEqual({ voted: false, voteCount: 1 });
    expect((await getIdea({ actor: voter, number: idea.number }))!.votedByMe).toBe(false);
    // The author may withdraw their own vote too.
    expect(await setVote({ actor: author, number: idea.number, voted: false })).toEqual({ voted: false, voteCount: 0 });
    expect((await stored(idea.id)).trendingScore).toBe(0);
  });

  it("refuses the signed-out (401) and unknown ideas (404)", async () => {
    const user = await createTestUser();
    const idea = await createTestIdea({ author: user });
    await expect(setVote({ actor: null, number: idea.number, voted: true })).rejects.toMatchObject({ status: 401 });
    await expect(setVote({ actor: user, number: 999_999, voted: true })).rejects.toMatchObject({ status: 404 });
    await expect(setVote({ actor: user, number: 999_999, voted: false })).rejects.toMatchObject({ status: 404 });
    expect(await applyVote(db, { number: 999_999, userId: user.id, voted: true })).toBeNull();
  });

  it("50 parallel votes by one person make one row and a count of 1, without errors", async () => {
    const author = await createTestUser();
    const voter = await createTestUser();
    const idea = await createTestIdea({ author });
    await setVote({ actor: author, number: idea.number, voted: false });
    const results = await Promise.all(Array.from({ length: 50 }, () => setVote({ actor: voter, number: idea.number, voted: true })));
    expect(results.every((r) => r.voted && r.voteCount === 1)).toBe(true);
    expect(await stored(idea.id)).toMatchObject({ voteCount: 1, rows: 1 });
  });

  it("50 people voting in parallel make 50 rows and a count of 50", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author });
    await setVote({ actor: author, number: idea.number, voted: false });
    const voters = await Promise.all(Array.from({ length: 50 }, () => createTestUser()));
    await Promise.all(voters.map((v) => setVote({ actor: v, number: idea.number, voted: true })));
    const after = await stored(idea.id);
    expect(after).toMatchObject({ voteCount: 50, rows: 50 });
    expect(closeTo(after.trendingScore, await expectedScore(idea.id))).toBe(true);
  });

  it("400 random votes and withdrawals by 20 people on 3 ideas leave every count equal to its rows", async () => {
    const people = await Promise.all(Array.from({ length: 20 }, () => createTestUser()));
    const targets = await Promise.all([0, 1, 2].map(() => createTestIdea({ author: people[0] })));
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const operations = Array.from({ length: 400 }, () => ({
      actor: people[Math.floor(random() * people.length)],
      number: targets[Math.floor(random() * targets.length)].number,
      voted: random() < 0.55,
    }));
    const results = await Promise.allSettled(operations.map((op) => setVote(op)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    for (const idea of targets) {
      const after = await stored(idea.id);
      expect(after.voteCount).toBe(after.rows);
      expect(closeTo(after.trendingScore, await expectedScore(idea.id)), `trending score of #${idea.number}`).toBe(true);
    }
  });

  it("weighs a vote by 2^(age in weeks) from the trending epoch, and withdrawing subtracts exactly that", async () => {
    const author = await createTestUser();
    const voter = await createTestUser();
    const idea = await createTestIdea({ author, createdAt: new Date("2025-01-15T00:00:00Z") });
    // Two weeks after the epoch: weight 4.
    expect(voteWeightAt(new Date("2025-01-15T00:00:00Z"))).toBe(4);
    expect((await stored(idea.id)).trendingScore).toBeCloseTo(4, 12);
    await applyVote(db, { ideaId: idea.id, userId: voter.id, voted: true, at: new Date("2025-01-22T00:00:00Z") });
    expect((await stored(idea.id)).trendingScore).toBeCloseTo(12, 12);
    await applyVote(db, { ideaId: idea.id, userId: author.id, voted: false });
    expect((await stored(idea.id)).trendingScore).toBeCloseTo(8, 12);
  });
});
