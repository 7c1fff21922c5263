import { expect, test } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, readLatestEmail, signUp, uniqueEmail } from "./helpers";

failOnConsoleErrors();

test("an admin sees how mail is sent and sends themself a test email; members are refused", async ({ page, browser }, testInfo) => {
  const adminEmail = `email-admin-${testInfo.project.name}@example.test`;
  await signUp(page, "Mia Mailadmin", adminEmail);

  await page.goto("/admin/email");
  await expect(page.getByRole("heading", { level: 1, name: "Email" })).toBeVisible();
  // The e2e server has no SMTP_URL: mail goes to the outbox.
  await expect(page.getByText(/No SMTP_URL set: every email is written as a file to .*outbox/)).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^\d[\d,]*$/ }).first()).toBeVisible();
  await expectNoA11yViolations(page);

  const since = Date.now();
  await page.getByRole("button", { name: "Send a test email" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Sent to ${adminEmail}` })).toBeVisible();
  const mail = await readLatestEmail(adminEmail, { since, subjectIncludes: "test email" });
  expect(mail.subject).toBe("Loopboard test email");
  expect(mail.links.some((l) => l.endsWith("/admin/email"))).toBe(true);
  await expectNoA11yViolations(page);

  const member = await (await browser.newContext()).newPage();
  await signUp(member, "Max Member", uniqueEmail("member"));
  const response = await member.goto("/admin/email");
  expect(response?.status()).toBe(403);
  await member.context().close();
});
