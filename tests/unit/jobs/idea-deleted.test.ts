/**
 * Deleting an idea while its status emails are on their way: the emails not yet sent are
 * cancelled (kept on record, not sent) — including a batch a send run has already claimed — and
 * the followers' in-app notifications stay, saying the idea was deleted instead of linking to it.
 */
import { afterAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { fanOutEvent } from "~/jobs/fan-out-notification.server";
import { sendPendingEmails } from "~/jobs/send-notification-emails.server";
import { deleteIdea } from "~/models/ideas.server";
import { listNotifications } from "~/models/notifications.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { testDriver } from "../../setup/db";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters, processNotifications } from "../../setup/notifications";
import { readOutbox } from "../../setup/outbox";

afterAll(() => releaseWorkerInstance());

async function statesOf(eventId: number): Promise<Record<string, number>> {
  const rows = await queryRows<{ state: string; n: number }>(db, sql`SELECT state, count(*)::int AS n FROM email_deliveries WHERE event_id = ${eventId}::int GROUP BY state`);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** An idea with `voters` voters, shipped by staff and fanned out: its emails are all pending. */
async function shippedIdeaWithPendingEmails(voters: number, title: string) {
  const staff = await createTestUser({ role: "staff" });
  const author = await createTestUser();
  const idea = await createTestIdea({ author, title });
  const voterIds = await addVoters(idea.id, voters);
  await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Out now." });
  const [{ id: eventId }] = await queryRows<{ id: number }>(db, sql`SELECT id FROM notification_events WHERE idea_id = ${idea.id}::int`);
  await fanOutEvent(Number(eventId));
  expect(await statesOf(Number(eventId))).toEqual({ pending: voters + 1 });
  return { staff, author, idea, eventId: Number(eventId), voterIds };
}

const mailAbout = async (title: string) => (await readOutbox()).filter((m) => m.subject.includes(title));

describe("deleting an idea whose status emails are on their way", () => {
  it("cancels its unsent emails and leaves its notifications saying it was deleted, without a link", async () => {
    const title = "Soon to be deleted";
    const { staff, author, idea, eventId } = await shippedIdeaWithPendingEmails(12, title);

    await deleteIdea({ actor: staff, number: idea.number });
    await processNotifications();

    expect(await statesOf(eventId)).toEqual({ cancelled: 13 });
    expect(await mailAbout(title)).toEqual([]);
    const { notifications } = await listNotifications({ actor: author });
    expect(notifications).toHaveLength(1);
    expect(notifications[0].idea).toEqual({ deleted: true, title });
    expect(notifications[0]).not.toHaveProperty("idea.url");
  });

  it.skipIf(testDriver() !== "postgres")("does not send a batch a send run claimed just before the deletion (postgres: two connections)", async () => {
    const title = "Deleted mid-send";
    const { staff, idea, eventId } = await shippedIdeaWithPendingEmails(30, title);
    const locker = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const waiting = async () =>
      Number(
        (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n,
      );
    const until = async (n: number) => {
      const deadline = Date.now() + 10_000;
      while ((await waiting()) < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} backend(s) waiting on a lock`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      // Hold the idea row, so the deletion and the send run line up behind it in that order.
      const held = await locker.reserve();
      await held`BEGIN`;
      await held`SELECT id FROM ideas WHERE id = ${idea.id} FOR UPDATE`;
      const deleting = deleteIdea({ actor: staff, number: idea.number });
      await until(1);
      const sending = sendPendingEmails(eventId, { batchSize: 10 });
      // The run claims its first batch, then checks the idea right before sending it: it waits.
      let finished = false;
      void sending.finally(() => (finished = true));
      const deadline = Date.now() + 10_000;
      while (!finished && (await waiting()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(finished).toBe(false);
      expect(await statesOf(eventId)).toEqual({ sending: 10, pending: 21 });
      await held`ROLLBACK`;
      held.release();

      await deleting;
      const result = await sending;
      expect(result.sent).toBe(0);
      expect(await statesOf(eventId)).toEqual({ cancelled: 31 });
      expect(await mailAbout(title)).toEqual([]);
    } finally {
      await locker.end({ timeout: 5 });
    }
  });
});
