import { afterAll, describe, expect, it } from "vitest";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { redeemSignInLink, signUp } from "~/models/users.server";
import { addVoteOnBehalf } from "~/models/votes-on-behalf.server";
import { action as unsubscribeAction } from "~/routes/unsubscribe.$token";
import { call, contextFor, ORIGIN } from "../../setup/remix";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { processNotifications } from "../../setup/notifications";
import { sinkPerTest, type ReceivedMessage } from "../../setup/smtp";

const useSink = sinkPerTest();
afterAll(() => releaseWorkerInstance());

const to = (email: string) => (m: ReceivedMessage) => m.envelope.to[0] === email;
const header = (mail: ReceivedMessage, name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "").replace(/\r?\n\s+/g, " ") ?? "";

describe("a customer staff voted for", () => {
  it("receives the status email without ever having signed up, and its one-click unsubscribe stops the next one", async () => {
    await processNotifications();
    const smtp = await useSink();
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const author = await createTestUser({ name: "Ann" });
    const idea = await createTestIdea({ author, title: "Audit log export" });
    const email = `contact-${Date.now().toString(36)}@customer.example`;
    await addVoteOnBehalf({ actor: staff, number: idea.number, email, name: "Cara", note: "call with Acme, 2026-12-01" });

    await setIdeaStatus({ actor: staff, number: idea.number, status: "planned", note: "Scheduled for January." });
    await processNotifications();
    const messages = await smtp.waitFor(2);
    const mail = messages.find(to(email))!;
    expect(mail.subject).toBe("“Audit log export” is now Planned");
    expect(mail.text).toContain("Hi Cara,");
    // What staff wrote about the call never travels in a member's email.
    expect(mail.text).not.toContain("Acme");
    expect(mail.html).not.toContain("Acme");

    const token = /<https?:\/\/[^>]+\/unsubscribe\/([A-Za-z0-9_-]+)>/.exec(header(mail, "list-unsubscribe"))![1];
    const oneClick = new Request(`${ORIGIN}/unsubscribe/${token}`, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect((await call(unsubscribeAction, { request: oneClick, context: contextFor(null), params: { token } })).status).toBe(200);
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped" });
    await processNotifications();
    const after = await smtp.waitFor(3);
    expect(after.slice(2).map((m) => m.envelope.to[0])).toEqual([author.email]);
  }, 90_000);

  it("signs up later, keeps the vote and gets each status email once", async () => {
    await processNotifications();
    const smtp = await useSink();
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const author = await createTestUser({ name: "Ann" });
    const idea = await createTestIdea({ author, title: "Usage-based billing" });
    const email = `joins-${Date.now().toString(36)}@customer.example`;
    await addVoteOnBehalf({ actor: staff, number: idea.number, email });

    await signUp({ name: "Jo Joined", email, password: "a perfectly fine phrase", locale: "en" });
    await processNotifications();
    const [confirm] = await smtp.waitFor(1);
    const link = /\/auth\/link\/([A-Za-z0-9_-]+)/.exec(confirm.text ?? "")![1];
    const user = (await redeemSignInLink(link))!.user;
    expect(user.name).toBe("Jo Joined");
    // Voting again as themselves changes nothing: the vote staff added is theirs.
    await addVoteOnBehalf({ actor: staff, number: idea.number, email });

    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Live for everyone." });
    await processNotifications();
    // The author's and the customer's: then nothing more is on its way.
    await smtp.waitFor(3);
    await processNotifications();
    const statusMails = smtp.messages.filter(to(email)).filter((m) => m !== confirm);
    expect(statusMails).toHaveLength(1);
    expect(statusMails[0].subject).toBe("Shipped: “Usage-based billing”");
    expect(statusMails[0].text).toContain("Hi Jo Joined,");
  }, 90_000);
});
