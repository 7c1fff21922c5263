import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { db } from "~/lib/db.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { previewStatusEmail } from "~/models/status-preview.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { followIdea } from "~/models/subscriptions.server";
import { loader as previewLoader } from "~/routes/ideas.$number.status-preview";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { processNotifications } from "../../setup/notifications";
import { call, contextFor, ORIGIN } from "../../setup/remix";
import { sinkPerTest } from "../../setup/smtp";

const useSink = sinkPerTest();
afterAll(() => releaseWorkerInstance());

const preview = (number: number, query: string, user: Parameters<typeof contextFor>[0], locale?: "en" | "ar" | "sl") =>
  call(previewLoader, {
    request: new Request(`${ORIGIN}/ideas/${number}/status-preview?${query}`),
    context: contextFor(user, locale ? { locale } : {}),
    params: { number: String(number) },
  });

describe("the status email's preview", () => {
  it("is exactly the email a follower then receives: subject, plain text and HTML, in their language", async () => {
    await processNotifications(); // what earlier tests queued goes to the outbox, not to this server
    const smtp = await useSink();
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const author = await createTestUser({ name: "Ann" });
    const follower = await createTestUser({ name: "Fay" });
    await db.update(users).set({ locale: "sl" }).where(eq(users.id, follower.id));
    const idea = await createTestIdea({ author, title: "Temni način & teme" });
    await followIdea({ actor: follower, number: idea.number });
    const note = "Načrtujemo ga za **marec**. Glejte <https://example.com/roadmap>.";

    const shown = await previewStatusEmail({
      actor: staff,
      number: idea.number,
      status: "planned",
      note,
      locale: "sl",
      recipient: { user_id: follower.id, email: follower.email, name: follower.name, locale: "sl" },
    });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned", note });
    await processNotifications();
    await smtp.waitFor(2);
    const sent = smtp.messages.find((m) => m.envelope.to[0] === follower.email)!;
    expect(sent).toBeDefined();
    expect(shown.subject).toBe(sent.subject);
    expect(shown.subject).toContain("Temni način & teme");
    expect(shown.text.trimEnd()).toBe((sent.text ?? "").trimEnd());
    expect(shown.html.trimEnd()).toBe(String(sent.html).trimEnd());
    expect(shown.html).toContain("<strong>marec</strong>");
  });

  it("the page: staff see it in the page's language; members get 403, visitors are sent to sign in, an unknown idea is 404, an unknown status 422", async () => {
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const member = await createTestUser();
    const idea = await createTestIdea({ author: member, title: "Dark mode" });
    const page = await preview(idea.number, "status=shipped&note=Find+it+in+Settings&notify=false&notify=true", staff, "ar");
    expect(page.status).toBe(200);
    const data = await page.json();
    expect(data.subject).toContain("Dark mode");
    expect(data.text).toMatch(/[\u0600-\u06FF]/); // Arabic, the page's language
    expect(data.text).toContain("Find it in Settings");
    expect(data).toMatchObject({ toStatus: "shipped", fromStatus: "open", notify: "true", note: "Find it in Settings" });
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");

    expect((await preview(idea.number, "status=shipped", member)).status).toBe(403);
    const visitor = await preview(idea.number, "status=shipped", null);
    expect(visitor.status).toBe(302);
    expect((await preview(999999, "status=shipped", staff)).status).toBe(404);
    expect((await preview(idea.number, "status=launched", staff)).status).toBe(422);
  });
});
