/**
 * /admin/email: the mail mode, the counts and the last error admins see, and the test email
 * (sent at once, with the server's answer; rate-limited; admins only).
 */
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { closeMailer } from "~/lib/mailer.server";
import { resetRateLimiters } from "~/lib/rate-limit.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { action, loader } from "~/routes/admin.email";
import { fanOutEvent } from "~/jobs/fan-out-notification.server";
import { call, contextFor, formRequest, ORIGIN } from "../../setup/remix";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters } from "../../setup/notifications";
import { startSmtpSink, type SmtpSink } from "../../setup/smtp";

let sink: SmtpSink | undefined;
afterEach(async () => {
  closeMailer();
  delete process.env.SMTP_URL;
  delete process.env.RATE_LIMIT_TEST_EMAILS_PER_HOUR;
  resetRateLimiters();
  await sink?.close();
  sink = undefined;
});

const load = async (user: Parameters<typeof contextFor>[0]) => call(loader, { request: new Request(`${ORIGIN}/admin/email`), context: contextFor(user) });
const sendTest = async (user: Parameters<typeof contextFor>[0]) => call(action, { request: formRequest("/admin/email", { intent: "test" }), context: contextFor(user) });

describe("/admin/email", () => {
  it("is for admins only", async () => {
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    for (const user of [member, staff]) {
      expect((await load(user)).status).toBe(403);
      expect((await sendTest(user)).status).toBe(403);
    }
    expect((await load(null)).status).toBe(302); // to the sign-in page
  });

  it("shows the SMTP server, the queued, retrying and failed emails and the latest error", async () => {
    sink = await startSmtpSink();
    process.env.SMTP_URL = `smtp://someone:secret@127.0.0.1:${sink.port}`;
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author: staff });
    await addVoters(idea.id, 6);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned" });
    const [{ id: eventId }] = await queryRows<{ id: number }>(db, sql`SELECT id FROM notification_events WHERE idea_id = ${idea.id}`);
    await fanOutEvent(Number(eventId));
    await db.execute(sql`UPDATE email_deliveries SET state = 'failed', last_error = '550 No such mailbox', updated_at = now() - interval '1 hour'
                         WHERE id IN (SELECT id FROM email_deliveries WHERE event_id = ${eventId} ORDER BY id LIMIT 2)`);
    await db.execute(sql`UPDATE email_deliveries SET last_error = 'connect ECONNREFUSED 127.0.0.1:25', updated_at = now()
                         WHERE id IN (SELECT id FROM email_deliveries WHERE event_id = ${eventId} AND state = 'pending' ORDER BY id LIMIT 1)`);

    const response = await load(admin);
    expect(response.status).toBe(200);
    const { status } = (await response.json()) as { status: Record<string, unknown> };
    expect(status.mode).toEqual({ kind: "smtp", host: "127.0.0.1", port: sink.port, secure: false });
    expect(JSON.stringify(status)).not.toContain("secret");
    expect(status).toMatchObject({ queued: 3, retrying: 1, failed: 2 });
    expect((status.lastError as { message: string }).message).toBe("connect ECONNREFUSED 127.0.0.1:25");
  });

  it("sends the admin a test email and says what the server answered; refuses past the hourly limit", async () => {
    process.env.RATE_LIMIT_TEST_EMAILS_PER_HOUR = "2";
    const admin = await createTestUser({ role: "admin" });
    sink = await startSmtpSink({ failFirst: 1, rejectWith: 550 });
    process.env.SMTP_URL = sink.url;

    const refused = await sendTest(admin);
    expect(refused.status).toBe(200);
    const refusedBody = (await refused.json()) as { test: { ok: boolean; error: string } };
    expect(refusedBody.test).toMatchObject({ ok: false, to: admin.email });
    expect(refusedBody.test.error).toContain("Mailbox unavailable");

    const sent = await sendTest(admin);
    expect(((await sent.json()) as { test: unknown }).test).toEqual({ ok: true, to: admin.email });
    const [mail] = await sink.waitFor(1);
    expect(mail.envelope.to).toEqual([admin.email]);
    expect(mail.subject).toBe("Loopboard test email");

    const limited = await sendTest(admin);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(sink.messages).toHaveLength(1);
  });
});
