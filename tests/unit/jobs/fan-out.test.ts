import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { emailDeliveries, notificationEvents } from "../../../db/schema";
import { db, queryRows } from "~/lib/db.server";
import { releaseWorkerInstance, workerInstanceId } from "~/lib/worker-instance.server";
import { fanOutBatch, fanOutEvent } from "~/jobs/fan-out-notification.server";
import { recoverNotificationWork } from "~/jobs/recover-notifications.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters, deliveryStates, processNotifications } from "../../setup/notifications";
import { readOutbox } from "../../setup/outbox";

afterAll(() => releaseWorkerInstance());

async function latestEvent(ideaId: number) {
  const [event] = await db.select().from(notificationEvents).where(eq(notificationEvents.ideaId, ideaId)).orderBy(sql`id DESC`).limit(1);
  return event;
}

async function rowCounts(eventId: number) {
  const [row] = await queryRows<{ notifications: number; distinct_users: number; deliveries: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM notifications WHERE event_id = ${eventId})::int AS notifications,
               (SELECT count(DISTINCT user_id) FROM notifications WHERE event_id = ${eventId})::int AS distinct_users,
               (SELECT count(*) FROM email_deliveries WHERE event_id = ${eventId})::int AS deliveries`,
  );
  return { notifications: Number(row.notifications), distinctUsers: Number(row.distinct_users), deliveries: Number(row.deliveries) };
}

/** An idea with `voters` voters beside its author, just moved to `status` by a staff member. */
async function statusEventWithVoters(voters: number, status: "planned" | "in_progress" | "shipped" = "shipped") {
  const author = await createTestUser();
  const staff = await createTestUser({ role: "staff" });
  const idea = await createTestIdea({ author });
  await addVoters(idea.id, voters);
  await setIdeaStatus({ actor: staff, number: idea.number, status });
  return { idea, event: await latestEvent(idea.id) };
}

describe("fan-out", () => {
  it("writes one notification (and one email row) per follower, batch by batch, moving the cursor; a re-run writes nothing", { timeout: 120_000 }, async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author });
    const voters = await addVoters(idea.id, 1500);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Here" });
    const event = await latestEvent(idea.id);
    const followers = [author.id, ...voters].sort((a, b) => a - b);

    expect(await fanOutBatch(event.id, 600)).toEqual({ done: false, notified: 600, emails: 600 });
    expect((await latestEvent(idea.id)).cursor).toBe(followers[599]);
    expect(await fanOutBatch(event.id, 600)).toEqual({ done: false, notified: 600, emails: 600 });
    expect(await fanOutBatch(event.id, 600)).toEqual({ done: true, notified: 301, emails: 301 });
    const done = await latestEvent(idea.id);
    expect(done).toMatchObject({ cursor: followers.at(-1), recipientCount: 1501 });
    expect(done.fanOutDoneAt).toBeInstanceOf(Date);
    expect(await fanOutBatch(event.id, 600)).toEqual({ done: true, notified: 0, emails: 0 });

    // Even with its progress lost, a re-run adds no row and queues no email.
    await db.update(notificationEvents).set({ cursor: 0, fanOutDoneAt: null }).where(eq(notificationEvents.id, event.id));
    await fanOutEvent(event.id, { batchSize: 700 });
    expect(await rowCounts(event.id)).toEqual({ notifications: 1501, distinctUsers: 1501, deliveries: 1501 });
    expect((await latestEvent(idea.id)).recipientCount).toBe(1501);

    await processNotifications();
    expect(await deliveryStates(idea.id)).toEqual({ sent: 1501 });
    const mail = await readOutbox();
    const perRecipient = new Map<string, number>();
    for (const m of mail) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    expect(perRecipient.size).toBe(1501);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
  });

  it("queues one waiting send run per event, not one per batch, and still sends every email once", { timeout: 120_000 }, async () => {
    const { idea, event } = await statusEventWithVoters(1200);
    expect(await fanOutEvent(event.id, { batchSize: 100 })).toEqual({ done: true });
    const waiting = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM pgboss.job
          WHERE name = 'send-notification-emails' AND state = 'created' AND (data->>'eventId')::int = ${event.id}::int`,
    );
    // One coalesced run for the batches before the last, one for the last batch (13 batches in all).
    expect(Number(waiting[0].n)).toBe(2);
    await processNotifications();
    expect(await deliveryStates(idea.id)).toEqual({ sent: 1201 });
    const perRecipient = new Map<string, number>();
    for (const m of await readOutbox()) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    expect([...perRecipient.values()].filter((n) => n !== 1)).toEqual([]);
  });

  it("gives each follower one row when two runners work the same event at once", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author });
    await addVoters(idea.id, 1800);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned" });
    const event = await latestEvent(idea.id);
    await Promise.all([fanOutEvent(event.id, { batchSize: 250 }), fanOutEvent(event.id, { batchSize: 400 }), fanOutEvent(event.id, { batchSize: 1000 })]);
    expect(await rowCounts(event.id)).toEqual({ notifications: 1801, distinctUsers: 1801, deliveries: 1801 });
    expect((await latestEvent(idea.id)).recipientCount).toBe(1801);
  });

  it("writes email rows only for people who want that email; in-app rows for every follower", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author });
    const keen = await addVoters(idea.id, 3);
    const quiet = await addVoters(idea.id, 2, { emailOnStatusChange: false });
    const [unsubscribed] = await addVoters(idea.id, 1);
    const [unfollowed] = await addVoters(idea.id, 1);
    await db.execute(sql`UPDATE users SET email_unsubscribed_all_at = now() WHERE id = ${unsubscribed}`);
    await db.execute(sql`INSERT INTO subscriptions (idea_id, user_id, state) VALUES (${idea.id}, ${unfollowed}, 'unfollowed')`);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "in_progress" });
    const event = await latestEvent(idea.id);
    await fanOutEvent(event.id);
    const notified = await queryRows<{ user_id: number }>(db, sql`SELECT user_id FROM notifications WHERE event_id = ${event.id} ORDER BY user_id`);
    expect(notified.map((r) => Number(r.user_id))).toEqual([author.id, ...keen, ...quiet, unsubscribed].sort((a, b) => a - b));
    const mailed = await db.select({ userId: emailDeliveries.userId }).from(emailDeliveries).where(eq(emailDeliveries.eventId, event.id));
    expect(mailed.map((r) => r.userId).sort((a, b) => a - b)).toEqual([author.id, ...keen].sort((a, b) => a - b));
  });

  it("reaches every follower in small batches when unfollowers and the acting staff member sit on batch boundaries", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author });
    const before = await addVoters(idea.id, 25);
    // The staff member votes too and falls between the voters by id: never notified of their own change.
    const staff = await createTestUser({ role: "staff" });
    await db.execute(sql`INSERT INTO votes (user_id, idea_id) VALUES (${staff.id}, ${idea.id})`);
    const after = await addVoters(idea.id, 25);
    const voters = [...before, ...after];
    const unfollowed = [...voters.slice(3, 14), voters[24], voters[25], voters[49]];
    await db.execute(sql`INSERT INTO subscriptions (idea_id, user_id, state) SELECT ${idea.id}::int, unnest(${`{${unfollowed.join(",")}}`}::int[]), 'unfollowed'`);
    const expected = [author.id, ...voters.filter((id) => !unfollowed.includes(id))].sort((a, b) => a - b);

    for (const [status, batchSize] of [["planned", 5], ["in_progress", 13], ["shipped", 1]] as const) {
      await setIdeaStatus({ actor: staff, number: idea.number, status });
      const event = await latestEvent(idea.id);
      expect(await fanOutEvent(event.id, { batchSize })).toEqual({ done: true });
      const notified = await queryRows<{ user_id: number }>(db, sql`SELECT user_id FROM notifications WHERE event_id = ${event.id} ORDER BY user_id`);
      expect(notified.map((r) => Number(r.user_id)), `batch size ${batchSize}`).toEqual(expected);
      expect((await latestEvent(idea.id)).recipientCount).toBe(expected.length);
    }
  });
});

describe("recovery", () => {
  it("hands back the fan-out and the claimed emails of a worker that died, and leaves a live worker's claims alone", { timeout: 120_000 }, async () => {
    const { idea, event } = await statusEventWithVoters(600);
    await fanOutBatch(event.id, 250);
    // As if the worker that wrote the batch and claimed some emails had been killed.
    const dead = 7; // never a live instance: live ids hold an advisory lock (or are this process's)
    await db.update(notificationEvents).set({ claimedBy: dead }).where(eq(notificationEvents.id, event.id));
    await db.execute(sql`UPDATE email_deliveries SET state = 'sending', claimed_by = ${dead}, attempts = 1
                         WHERE id IN (SELECT id FROM email_deliveries WHERE event_id = ${event.id} ORDER BY id LIMIT 30)`);
    // And one row claimed by this (live) process, mid-send.
    const me = await workerInstanceId();
    const [mine] = await queryRows<{ id: number }>(
      db,
      sql`UPDATE email_deliveries SET state = 'sending', claimed_by = ${me}
          WHERE id = (SELECT id FROM email_deliveries WHERE event_id = ${event.id} AND state = 'pending' ORDER BY id LIMIT 1) RETURNING id`,
    );

    const result = await recoverNotificationWork();
    expect(result).toEqual({ released: 30, sendRuns: 1, fanOutRuns: 1 });
    const [still] = await db.select({ state: emailDeliveries.state }).from(emailDeliveries).where(eq(emailDeliveries.id, Number(mine.id)));
    expect(still.state).toBe("sending");

    await processNotifications();
    // The live claim finishes on its own: here, pretend it was sent.
    await db.update(emailDeliveries).set({ state: "sent", claimedBy: null }).where(eq(emailDeliveries.id, Number(mine.id)));
    expect(await rowCounts(event.id)).toEqual({ notifications: 601, distinctUsers: 601, deliveries: 601 });
    expect(await deliveryStates(idea.id)).toEqual({ sent: 601 });
    const mail = (await readOutbox()).filter((m) => m.subject === `Shipped: “${idea.title}”`);
    expect(mail).toHaveLength(600); // the 601st was the live claim, "sent" by hand above
    expect(new Set(mail.map((m) => m.to)).size).toBe(600);

    // Nothing left to recover.
    expect(await recoverNotificationWork({ startup: true })).toEqual({ released: 0, sendRuns: 0, fanOutRuns: 0 });
  });

  it("hands back emails whose claim's lease expired, even though the process that claimed them is alive", async () => {
    const { idea, event } = await statusEventWithVoters(40);
    await fanOutEvent(event.id);
    const me = await workerInstanceId();
    // This live process claimed 10 rows and its sends hung past the lease; 5 more are mid-send within it.
    await db.execute(sql`UPDATE email_deliveries SET state = 'sending', claimed_by = ${me}, attempts = 1, lease_expires_at = now() - interval '1 second'
                         WHERE id IN (SELECT id FROM email_deliveries WHERE event_id = ${event.id} ORDER BY id LIMIT 10)`);
    await db.execute(sql`UPDATE email_deliveries SET state = 'sending', claimed_by = ${me}, attempts = 1, lease_expires_at = now() + interval '5 minutes'
                         WHERE id IN (SELECT id FROM email_deliveries WHERE event_id = ${event.id} AND state = 'pending' ORDER BY id LIMIT 5)`);

    const result = await recoverNotificationWork();
    expect(result).toMatchObject({ released: 10, sendRuns: 1 });
    expect(await deliveryStates(idea.id)).toEqual({ pending: 36, sending: 5 });

    await processNotifications();
    expect(await deliveryStates(idea.id)).toEqual({ sent: 36, sending: 5 });
    const mail = (await readOutbox()).filter((m) => m.subject === `Shipped: “${idea.title}”`);
    expect(mail).toHaveLength(36);
    expect(new Set(mail.map((m) => m.to)).size).toBe(36);
  });
});
