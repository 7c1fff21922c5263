import { expect, test, type Browser } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, pageApi as api, readLatestEmail, signUp, uniqueEmail } from "./helpers";

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

failOnConsoleErrors();

test("a reply email's unsubscribe link works signed out, by button and by one-click POST; email settings save", async ({ page, browser, request }, testInfo) => {
  const tag = `${testInfo.project.name}${Date.now().toString(36)}`;
  const title = `Unsubscribe journey ${tag}`;
  const annEmail = uniqueEmail("ann");
  await signUp(page, "Ann", annEmail);
  const created = await api<{ idea: { number: number } }>(page, "POST", "/api/v1/ideas", { board: "feature-requests", title, body: "Details" });
  expect(created.status).toBe(201);
  const number = created.json.idea.number;
  const mine = await api<{ comment: { id: number } }>(page, "POST", `/api/v1/ideas/${number}/comments`, { body: "What do you all think?" });
  expect(mine.status).toBe(201);

  const bob = await newPage(browser);
  await signUp(bob, "Bob", uniqueEmail("bob"));
  const reply = await api(bob, "POST", `/api/v1/ideas/${number}/comments`, { body: "Love it", parentId: mine.json.comment.id });
  expect(reply.status).toBe(201);
  await bob.context().close();

  const mail = await readLatestEmail(annEmail, { subjectIncludes: "replied to your comment", timeoutMs: 20_000 });
  expect(mail.subject).toBe(`Bob replied to your comment on “${title}”`);
  expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  const unsubscribe = /<(https?:\/\/[^>]+\/unsubscribe\/[A-Za-z0-9_-]+)>/.exec(mail.headers["list-unsubscribe"] ?? "")?.[1];
  expect(unsubscribe).toBeTruthy();
  expect(mail.headers["list-unsubscribe"]).toMatch(/<mailto:[^>]+>/);
  expect(mail.links).toContain(unsubscribe);

  // Signed out: the page, then "this idea".
  const visitor = await newPage(browser);
  await visitor.goto(new URL(unsubscribe!).pathname);
  await expect(visitor.getByRole("heading", { level: 1, name: "Unsubscribe" })).toBeVisible();
  await expectNoA11yViolations(visitor);
  await expect(visitor.getByRole("heading", { level: 2, name: "What you get by email now" })).toBeVisible();
  await expect(visitor.getByText(`Email about “${title}”.`)).toBeVisible();
  await visitor.getByRole("button", { name: `Stop emails about “${title}”` }).click();
  await expect(visitor.getByRole("status")).toContainText("you will no longer get email about");
  await expectNoA11yViolations(visitor);
  // Opening the link again: already unsubscribed, with undo.
  await visitor.goto(new URL(unsubscribe!).pathname);
  await expect(visitor.getByText(`You are already unsubscribed from “${title}”.`)).toBeVisible();
  await visitor.getByRole("button", { name: `Undo: email me about “${title}” again` }).click();
  await expect(visitor.getByRole("status")).toContainText(`you will get email about “${title}” again`);
  await expect(visitor.getByRole("button", { name: `Stop emails about “${title}”` })).toBeVisible();
  await visitor.getByRole("button", { name: `Stop emails about “${title}”` }).click();
  await expect(visitor.getByRole("status")).toContainText("you will no longer get email about");
  await visitor.context().close();

  // The RFC 8058 one-click POST, as a mail provider sends it: no cookie, no Origin.
  const oneClick = await request.post(unsubscribe!, { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(200);
  const forged = await request.post(unsubscribe!.replace(/.{4}$/, "AAAA"), { form: { "List-Unsubscribe": "One-Click" } });
  expect(forged.status()).toBe(403);

  // Email settings, signed in.
  await page.goto("/settings/notifications");
  await expect(page.getByRole("heading", { name: "Email notifications" })).toBeVisible();
  await expectNoA11yViolations(page);
  const everyComment = page.getByLabel("When anyone comments on an idea I follow");
  await expect(everyComment).not.toBeChecked();
  await everyComment.check();
  await page.getByLabel("When someone replies to my comment").uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Your email settings are saved.");
  await page.reload();
  await expect(page.getByLabel("When anyone comments on an idea I follow")).toBeChecked();
  await expect(page.getByLabel("When someone replies to my comment")).not.toBeChecked();
  await expect(page.getByLabel("When an idea I follow changes status")).toBeChecked();
  await expectNoA11yViolations(page);
});
