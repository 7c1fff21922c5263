import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { drainQueue, enqueue, prepareJobs, queue, type JobDefinition } from "~/lib/queue.server";

const seen: string[] = [];
const recordJob: JobDefinition<{ label: string }> = {
  name: "test-record",
  async handle(data) {
    seen.push(data.label);
  },
};

describe("jobs enqueued in a transaction", () => {
  it("exist only if the transaction commits", async () => {
    await prepareJobs([recordJob]);
    await db.transaction(async (tx) => {
      await enqueue(recordJob.name, { label: "committed" }, { tx });
    });
    await db
      .transaction(async (tx) => {
        await enqueue(recordJob.name, { label: "rolled back" }, { tx });
        throw new Error("abort");
      })
      .catch(() => {});
    await drainQueue([recordJob]);
    expect(seen).toEqual(["committed"]);
  });
});

describe("queue policies", () => {
  it("moves a queue made with another policy to the job's, so keyed jobs coalesce", async () => {
    const name = "test-policy-change";
    const boss = await queue();
    await boss.createQueue(name, { name, policy: "standard" });
    const keyed: JobDefinition<{ n: number }> = { name, queue: { policy: "short" }, async handle() {} };
    await prepareJobs([keyed]);
    expect((await boss.getQueue(name))?.policy).toBe("short");
    const first = await enqueue(keyed.name, { n: 1 }, { singletonKey: "same" });
    const second = await enqueue(keyed.name, { n: 2 }, { singletonKey: "same" });
    const other = await enqueue(keyed.name, { n: 3 }, { singletonKey: "other" });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(other).toEqual(expect.any(String));
  });
});
