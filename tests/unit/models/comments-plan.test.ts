/**
 * An idea page reads its comments (its own and those of ideas merged into it) by looking the idea
 * up in an index on comments, not by reading every comment on the site.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, queryRows } from "~/lib/db.server";
import { addComment, listComments } from "~/models/comments.server";
import { ideaAndMergedIds } from "~/models/merge-chain.server";
import { mergeIdea } from "~/models/merges.server";
import { createTestIdea, createTestUser } from "../../setup/factories";

type PlanNode = { "Node Type": string; "Index Name"?: string; "Index Cond"?: string; Plans?: PlanNode[] };

/** The plan's scans of an index on comments, with the condition each looks up (none: the whole index). */
async function commentIndexScans(ideaId: number): Promise<Array<{ index: string; cond: string | null }>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    const [row] = await queryRows<Record<string, unknown>>(tx, sql`EXPLAIN (FORMAT JSON) SELECT id FROM comments WHERE idea_id = ANY(${ideaAndMergedIds(ideaId)})`);
    const raw = row["QUERY PLAN"];
    const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    const out: Array<{ index: string; cond: string | null }> = [];
    const walk = (n: PlanNode) => {
      if (n["Index Name"]?.startsWith("comments_")) out.push({ index: n["Index Name"], cond: n["Index Cond"] ?? null });
      (n.Plans ?? []).forEach(walk);
    };
    walk(plan[0].Plan);
    return out;
  });
}

describe("the comments of an idea page", () => {
  it("are looked up by the idea (and the ideas merged into it) in an index, merged ideas' comments included", async () => {
    const staff = await createTestUser({ role: "staff" });
    const a = await createTestIdea({ author: staff, title: "Dark mode for the app" });
    const b = await createTestIdea({ author: staff, title: "A dark theme please" });
    await addComment({ actor: staff, number: a.number, body: "On A" });
    await addComment({ actor: staff, number: b.number, body: "On B" });
    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    expect((await listComments({ actor: staff, ideaId: a.id })).map((c) => c.body)).toEqual(["On A", "On B"]);

    const scans = await commentIndexScans(a.id);
    expect(scans.length, JSON.stringify(scans)).toBeGreaterThan(0);
    // A lookup, not a walk through the whole index: "= x OR IN (subquery)" gave a scan with no condition.
    for (const scan of scans) expect(scan.cond, JSON.stringify(scans)).toMatch(/idea_id = ANY/);
  });
});
