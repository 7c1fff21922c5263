/**
 * A mail server outage in the middle of a fan-out, with the app's own workers running the whole
 * time (no restart): the SMTP server is stopped after some of the emails went out and started
 * again on the same port 10 s later. Every follower must end with exactly one email, within a
 * minute of the server's return, and a sign-in link asked for during the outage must arrive too.
 */
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { jobs } from "~/jobs/index.server";
import { db, queryRows } from "~/lib/db.server";
import { closeMailer } from "~/lib/mailer.server";
import { startWorkers, stopQueue } from "~/lib/queue.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { requestSignInLink } from "~/models/users.server";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters } from "../../setup/notifications";
import { startSmtpSink, type ReceivedMessage, type SmtpSink } from "../../setup/smtp";

const FOLLOWERS = 2_500;
const OUTAGE_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(100);
  }
}

const sinks: SmtpSink[] = [];
afterAll(async () => {
  await stopQueue();
  closeMailer();
  delete process.env.SMTP_URL;
  for (const sink of sinks) await sink.close();
  await releaseWorkerInstance();
});

describe("an SMTP outage during a fan-out", () => {
  it("delivers every email exactly once after the server comes back, and the sign-in links asked for meanwhile", { timeout: 150_000 }, async () => {
    const first = await startSmtpSink();
    sinks.push(first);
    process.env.SMTP_URL = first.url;

    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author, title: "Outage-proof idea" });
    const voters = await addVoters(idea.id, FOLLOWERS - 1);
    const users = await queryRows<{ id: number; email: string }>(db, sql`SELECT id, email FROM users WHERE id = ANY(${`{${[author.id, ...voters].join(",")}}`}::int[])`);
    const followerEmails = new Set(users.map((u) => u.email));
    expect(followerEmails.size).toBe(FOLLOWERS);

    // The app's workers, as the web process runs them; nothing below restarts them.
    await startWorkers(jobs, { pollingIntervalSeconds: 0.5 });
    const started = performance.now();
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Through rain and outage." });

    await waitUntil("a fifth of the emails went out", () => first.messages.length >= FOLLOWERS / 5, 60_000);
    await first.close();
    const stoppedAt = performance.now();
    const deliveredBeforeOutage = first.messages.length;

    // Asked for while the server is down.
    await sleep(1_000);
    const signInAddress = "outage-reader@example.test";
    await requestSignInLink({ email: signInAddress, locale: "en" });

    await sleep(OUTAGE_MS - (performance.now() - stoppedAt));
    const second = await startSmtpSink({ port: first.port });
    sinks.push(second);
    const backAt = performance.now();

    const all = () => [...first.messages, ...second.messages];
    const recipientsOf = (messages: ReceivedMessage[]) => messages.map((m) => m.envelope.to[0]);
    await waitUntil(
      "every follower and the sign-in link reader got their email",
      () => {
        const got = new Set(recipientsOf(all()));
        return got.has(signInAddress) && [...followerEmails].every((e) => got.has(e));
      },
      60_000,
    );
    const deliveredAt = performance.now();
    await sleep(2_000); // time for a repeat to show up

    const counts = new Map<string, number>();
    for (const to of recipientsOf(all())) counts.set(to, (counts.get(to) ?? 0) + 1);
    const duplicates = [...counts.values()].filter((n) => n > 1).length;
    const signIn = all().find((m) => m.envelope.to[0] === signInAddress)!;
    expect(signIn.text).toContain("/auth/link/");
    expect([...counts.keys()].sort()).toEqual([...followerEmails, signInAddress].sort());
    expect(duplicates).toBe(0);

    const states = await queryRows<{ state: string; n: number }>(
      db,
      sql`SELECT d.state, count(*)::int AS n FROM email_deliveries d JOIN notification_events e ON e.id = d.event_id
          WHERE e.idea_id = ${idea.id}::int GROUP BY d.state`,
    );
    expect(Object.fromEntries(states.map((r) => [r.state, Number(r.n)]))).toEqual({ sent: FOLLOWERS });

    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    console.log(
      `[smtp outage] recipients: ${FOLLOWERS} + 1 sign-in link; delivered before the outage: ${deliveredBeforeOutage}; ` +
        `outage: ${seconds(backAt - stoppedAt)} s; all delivered ${seconds(deliveredAt - backAt)} s after the server came back ` +
        `(${seconds(deliveredAt - started)} s after the status change); duplicates: ${duplicates}`,
    );
    expect(deliveredAt - backAt).toBeLessThan(60_000);
  });
});
