import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { emailDeliveries, notificationEvents } from "../../../db/schema";
import { db } from "~/lib/db.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { addComment } from "~/models/comments.server";
import { listFailedDeliveries, retryFailedDeliveries } from "~/models/email-deliveries.server";
import { updateNotificationSettings } from "~/models/notification-settings.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { setVote } from "~/models/votes.server";
import { action as unsubscribeAction } from "~/routes/unsubscribe.$token";
import { call, contextFor, ORIGIN } from "../../setup/remix";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters, deliveryStates, processNotifications } from "../../setup/notifications";
import { sinkPerTest, type ReceivedMessage } from "../../setup/smtp";

const useSink = sinkPerTest();
afterAll(() => releaseWorkerInstance());

const recipientOf = (m: ReceivedMessage) => m.envelope.to[0];

function countBy(messages: ReceivedMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(recipientOf(m), (counts.get(recipientOf(m)) ?? 0) + 1);
  return counts;
}

/** Drains the queue until `done()` or the deadline (retries become due after their backoff). */
async function processUntil(done: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await processNotifications();
    if (await done()) return;
    if (Date.now() > deadline) throw new Error("timed out waiting for the queue");
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("notification emails", () => {
  it("say plainly that the idea shipped, with the staff note, the link, both unsubscribe headers, text and HTML", async () => {
    const smtp = await useSink();
    const author = await createTestUser({ name: "Ann" });
    const voter = await createTestUser({ name: "Vic" });
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const idea = await createTestIdea({ author, title: "Dark mode & themes" });
    await setVote({ actor: voter, number: idea.number, voted: true });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Find it under **Settings → Appearance**." });
    await processNotifications();

    const messages = await smtp.waitFor(2);
    expect(messages).toHaveLength(2);
    expect([...countBy(messages).keys()].sort()).toEqual([author.email, voter.email].sort());
    const mail = messages.find((m) => recipientOf(m) === voter.email)!;
    expect(mail.subject).toBe("Shipped: “Dark mode & themes”");
    expect(mail.text).toContain("Hi Vic,");
    expect(mail.text).toContain("“Dark mode & themes”, the idea you asked for, has shipped.");
    expect(mail.text).toContain("Sam wrote:");
    // The text part reads as text: no markdown asterisks.
    expect(mail.text).toContain("> Find it under Settings → Appearance.");
    const ideaLink = `${process.env.APP_URL ?? "http://localhost:3000"}/ideas/${idea.number}/dark-mode-themes`;
    // The button lands on the latest status under the idea's title.
    expect(mail.text).toContain(`${ideaLink}#latest-status`);
    expect(mail.html).toContain("<strong>Settings → Appearance</strong>");
    expect(mail.html).toContain(`href="${ideaLink}#latest-status"`);
    expect(mail.html).toContain("Dark mode &amp; themes");

    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "").replace(/\r?\n\s+/g, " ") ?? "";
    const listUnsubscribe = header("list-unsubscribe");
    const https = /<(https?:\/\/[^>]+\/unsubscribe\/([A-Za-z0-9_-]+))>/.exec(listUnsubscribe);
    const mailto = /<mailto:([^>?]+)\?subject=([^>]+)>/.exec(listUnsubscribe);
    expect(https).not.toBeNull();
    expect(mailto).not.toBeNull();
    expect(decodeURIComponent(mailto![2])).toBe(`unsubscribe ${https![2]}`);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain(https![1]);
    expect(mail.html).toContain(`href="${https![1]}"`);
    // The same Message-ID is used for every attempt at this (event, recipient).
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@/);

    // The one-click POST with that link, as a mail client sends it, stops email about the idea.
    const token = https![2];
    const oneClick = new Request(`${ORIGIN}/unsubscribe/${token}`, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect((await call(unsubscribeAction, { request: oneClick, context: contextFor(null), params: { token } })).status).toBe(200);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "in_progress", note: "Reopened for tweaks" });
    await processNotifications();
    const after = await smtp.waitFor(3);
    expect(after.slice(2).map(recipientOf)).toEqual([author.email]);
    expect(after[2].subject).toBe("“Dark mode & themes” is now In progress");
  });

  it("retries after a temporary refusal (421) and delivers each message exactly once", async () => {
    const smtp = await useSink({ failFirst: 1, rejectWith: 421 });
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author });
    await addVoters(idea.id, 4);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned" });
    await processNotifications();
    expect(smtp.rejected).toHaveLength(1);
    const states = await deliveryStates(idea.id);
    expect(states.pending ?? 0).toBeGreaterThanOrEqual(1);

    await processUntil(async () => (await deliveryStates(idea.id)).sent === 5);
    const counts = countBy(smtp.messages);
    expect(counts.size).toBe(5);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const rows = await db.select().from(emailDeliveries).innerJoin(notificationEvents, eq(notificationEvents.id, emailDeliveries.eventId)).where(eq(notificationEvents.ideaId, idea.id));
    expect(rows.every((r) => r.email_deliveries.state === "sent" && r.email_deliveries.sentAt)).toBe(true);
    expect(Math.max(...rows.map((r) => r.email_deliveries.attempts))).toBe(2);
  });

  it("marks a permanent refusal (550) failed with the server's answer, shows it to admins, never retries it", async () => {
    const smtp = await useSink({ failFirst: 1, rejectWith: 550 });
    const author = await createTestUser({ name: "Bounce" });
    const admin = await createTestUser({ role: "admin" });
    const idea = await createTestIdea({ author, title: "Bouncing idea" });
    await setIdeaStatus({ actor: admin, number: idea.number, status: "under_review" });
    await processNotifications();
    expect(smtp.rejected).toHaveLength(1);
    expect(await deliveryStates(idea.id)).toEqual({ failed: 1 });

    const failed = await listFailedDeliveries({ actor: admin });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      kind: "status_changed",
      recipient: { id: author.id, email: author.email },
      idea: { number: idea.number, title: "Bouncing idea" },
      attempts: 1,
    });
    expect(failed[0].lastError).toMatch(/550/);

    // Nothing tries again on its own.
    await new Promise((r) => setTimeout(r, 2500));
    await processNotifications();
    expect(smtp.rejected).toHaveLength(1);
    expect(smtp.messages).toHaveLength(0);

    // An admin can send it again (the sink now accepts).
    expect(await retryFailedDeliveries({ actor: admin, ids: [failed[0].id] })).toEqual({ queued: 1 });
    await processNotifications();
    expect((await smtp.waitFor(1)).map(recipientOf)).toEqual([author.email]);
    expect(await listFailedDeliveries({ actor: admin })).toEqual([]);
    await expect(retryFailedDeliveries({ actor: author, ids: [failed[0].id] })).rejects.toMatchObject({ status: 403 });
  });

  it("leave voters alone for ordinary comments, mail replies and staff comments, and stop after 'unsubscribe from all'", async () => {
    const smtp = await useSink();
    const author = await createTestUser({ name: "Ann" });
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const idea = await createTestIdea({ author, title: "Calendar sync" });
    const voters = await addVoters(idea.id, 3);
    const commenter = await createTestUser({ name: "Cal" });
    const comment = await addComment({ actor: commenter, number: idea.number, body: "Google Calendar please" });
    await processNotifications();
    expect(smtp.messages).toHaveLength(0);

    await addComment({ actor: author, number: idea.number, body: "Noted!", parentId: comment.id });
    await addComment({ actor: staff, number: idea.number, body: "Planned for Q3.", notify: true });
    await processNotifications();
    const messages = await smtp.waitFor(6);
    await new Promise((r) => setTimeout(r, 200));
    const bySubject = new Map<string, string[]>();
    for (const m of smtp.messages) bySubject.set(m.subject ?? "", [...(bySubject.get(m.subject ?? "") ?? []), recipientOf(m)]);
    expect(bySubject.get("Ann replied to your comment on “Calendar sync”")).toEqual([commenter.email]);
    const staffRecipients = bySubject.get("Sam from the team commented on “Calendar sync”")!.sort();
    expect(staffRecipients).toHaveLength(5); // author, 3 voters, the commenter
    expect(staffRecipients).toContain(author.email);
    expect(staffRecipients).toContain(commenter.email);
    expect(messages.length).toBe(6);

    await updateNotificationSettings({ actor: commenter, unsubscribedAll: true });
    await addComment({ actor: staff, number: idea.number, body: "Beta is open.", notify: true });
    await processNotifications();
    await smtp.waitFor(10);
    await new Promise((r) => setTimeout(r, 200));
    const last = smtp.messages.slice(6).map(recipientOf);
    expect(last).toHaveLength(4);
    expect(last).not.toContain(commenter.email);
    expect(voters).toHaveLength(3);
  });

  it("sends a thousand messages over the pooled connection, one per recipient", { timeout: 120_000 }, async () => {
    const smtp = await useSink();
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author });
    await addVoters(idea.id, 999);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped" });
    const { fanOutNotificationJob } = await import("~/jobs/fan-out-notification.server");
    const { drainQueue } = await import("~/lib/queue.server");
    await drainQueue([fanOutNotificationJob]);
    const started = performance.now();
    await processNotifications();
    await smtp.waitFor(1000, 60_000);
    const seconds = (performance.now() - started) / 1000;
    console.log(`[send] 1000 emails in ${seconds.toFixed(2)} s (${Math.round(1000 / seconds)}/s)`);
    expect(countBy(smtp.messages).size).toBe(1000);
  });
});
