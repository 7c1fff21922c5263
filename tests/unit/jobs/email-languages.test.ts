/** Every email in its recipient's language and direction, read as a mail server receives it. */
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { translate, type Locale } from "~/i18n";
import { db } from "~/lib/db.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { addComment } from "~/models/comments.server";
import { requestPasswordReset } from "~/models/password-resets.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { requestSignInLink } from "~/models/users.server";
import { setVote } from "~/models/votes.server";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { processNotifications } from "../../setup/notifications";
import { mailFor } from "../../setup/outbox";
import { sinkPerTest, type ReceivedMessage } from "../../setup/smtp";

const useSink = sinkPerTest();
afterAll(() => releaseWorkerInstance());

const FSI = "\u2068";
const PDI = "\u2069";

async function userWith(language: { chosen?: Locale; last?: Locale }, name: string, role: "member" | "staff" = "member") {
  const user = await createTestUser({ name, role });
  await db
    .update(users)
    .set({ locale: language.chosen ?? null, lastLocale: language.last ?? "en" })
    .where(eq(users.id, user.id));
  return user;
}

const to = (messages: ReceivedMessage[], email: string) => messages.find((m) => m.envelope.to[0] === email)!;

describe("notification emails", () => {
  it("are in the language each person chose, else the one they last used, right to left in Arabic", async () => {
    const sink = await useSink();
    const author = await userWith({}, "Ann");
    const arabic = await userWith({ chosen: "ar", last: "sl" }, "سارة");
    const slovenian = await userWith({ last: "sl" }, "Špela");
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const idea = await createTestIdea({ author, title: "Dark mode" });
    await setVote({ actor: arabic, number: idea.number, voted: true });
    await setVote({ actor: slovenian, number: idea.number, voted: true });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "Out now." });
    await processNotifications();
    const messages = await sink.waitFor(3);

    const ar = to(messages, arabic.email);
    // In an Arabic sentence the English title is isolated, so it cannot carry the punctuation around it to the wrong end.
    expect(ar.subject).toBe(translate("ar", "email.shipped.subject", { title: `${FSI}Dark mode${PDI}` }));
    expect(ar.subject).not.toBe(translate("en", "email.shipped.subject", { title: "Dark mode" }));
    expect(ar.html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar.html).toContain("<bdi>Dark mode</bdi>");
    expect(ar.html).toContain('<blockquote dir="auto"');

    const sl = to(messages, slovenian.email);
    expect(sl.subject).toBe(translate("sl", "email.shipped.subject", { title: "Dark mode" }));
    expect(sl.subject).not.toBe(translate("en", "email.shipped.subject", { title: "Dark mode" }));
    expect(sl.html).toMatch(/<html lang="sl" dir="ltr">/);

    const en = to(messages, author.email);
    expect(en.subject).toBe(translate("en", "email.shipped.subject", { title: "Dark mode" }));
    expect(en.html).toMatch(/<html lang="en" dir="ltr">/);
  });

  it("isolate an Arabic title and name inside an English sentence, in the text part and the HTML part", async () => {
    const sink = await useSink();
    const author = await userWith({ chosen: "en" }, "Ann");
    const commenter = await userWith({ chosen: "ar" }, "سارة", "staff");
    const idea = await createTestIdea({ author, title: "الوضع الداكن!" });
    await addComment({ actor: commenter, number: idea.number, body: "نعم من فضلك", notify: true });
    await processNotifications();
    const [mail] = await sink.waitFor(1);
    expect(mail.envelope.to[0]).toBe(author.email);
    expect(mail.subject).toContain(`${FSI}الوضع الداكن!${PDI}`);
    expect(mail.text).toContain(`${FSI}سارة${PDI}`);
    expect(mail.html).toContain("<bdi>الوضع الداكن!</bdi>");
    expect(mail.html).toMatch(/<html lang="en" dir="ltr">/);
  });
});

describe("account emails", () => {
  it("are in the language of the page they were asked from, unless the account chose one", async () => {
    await requestSignInLink({ email: "nouveau@example.com", locale: "sl" });
    const [signIn] = await mailFor("nouveau@example.com");
    expect(signIn.subject).toBe(translate("sl", "email.signIn.subject"));
    expect(signIn.html).toMatch(/<html lang="sl" dir="ltr">/);

    const chose = await userWith({ chosen: "ar" }, "Omar");
    await requestPasswordReset({ email: chose.email, locale: "sl" });
    const [reset] = await mailFor(chose.email);
    expect(reset.subject).toBe(translate("ar", "email.reset.subject"));
    expect(reset.html).toMatch(/<html lang="ar" dir="rtl">/);
  });
});
