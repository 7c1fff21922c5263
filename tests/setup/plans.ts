/** How the planner reads a statement, for the tests that pin down index use. */
import { sql, type SQL } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

/** Every scan of the statement's plan, as "Seq Scan on t" or "Bitmap Index Scan idx". */
export async function scans(statement: SQL): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    const [row] = await queryRows<Record<string, unknown>>(tx, sql`EXPLAIN (FORMAT JSON) ${statement}`);
    const raw = row["QUERY PLAN"];
    const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    const out: string[] = [];
    const walk = (n: PlanNode) => {
      if (/Scan$/.test(n["Node Type"])) out.push([n["Node Type"], n["Index Name"], n["Relation Name"] && `on ${n["Relation Name"]}`].filter(Boolean).join(" "));
      (n.Plans ?? []).forEach(walk);
    };
    walk(plan[0].Plan);
    return out;
  });
}
