import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { drainQueue, enqueue, prepareJobs, type JobDefinition } from "~/lib/queue.server";

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
      await enqueue(recordJob, { label: "committed" }, { tx });
    });
    await db
      .transaction(async (tx) => {
        await enqueue(recordJob, { label: "rolled back" }, { tx });
        throw new Error("abort");
      })
      .catch(() => {});
    await drainQueue([recordJob]);
    expect(seen).toEqual(["committed"]);
  });
});
