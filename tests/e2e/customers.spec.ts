/**
 * Knowing who asks: staff create a company (and import more from CSV), add a vote on an idea for
 * a customer of that company who has no account, and see the company and its revenue on the
 * idea's staff panel. A member sees none of it, says how much the idea matters to them, and the
 * customer — a contact until now — hears it shipped and signs up with the same address, keeping
 * the vote. Axe on every page seen, at both widths.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, readLatestEmail, signUp, uniqueEmail, watchedPage } from "./helpers";

const watchConsole = failOnConsoleErrors();

async function postIdea(page: Page, title: string): Promise<{ path: string; number: number }> {
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const path = new URL(page.url()).pathname;
  return { path, number: Number(/^\/ideas\/(\d+)/.exec(path)![1]) };
}

test("staff add a company and a customer's vote; the idea shows who asked to staff only; the customer hears it shipped and signs up keeping the vote", async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;
  const domain = `acme-${tag}.example`;
  const company = `Acme ${tag}`;
  const staffName = `Sam ${tag}`;

  // ------------------------------------------------------------ staff create a company
  const staff = await watchedPage(browser, watchConsole);
  await signUp(staff, staffName, `customers-admin-${project}@example.test`);
  await staff.goto("/admin/companies");
  await expect(staff.getByRole("heading", { level: 1, name: "Companies" })).toBeVisible();
  const form = staff.getByRole("region", { name: "New company" });
  await form.getByLabel("External id").fill(`acme-${tag}`);
  await form.getByLabel("Name", { exact: true }).fill(company);
  await form.getByLabel("Monthly revenue (USD)").fill("twelve");
  await form.getByRole("button", { name: "Save company" }).click();
  await expect(form.getByText("Enter an amount such as 1250 or 1250.50.")).toBeVisible();
  await form.getByLabel("Monthly revenue (USD)").fill("1250.50");
  await form.getByLabel("Segment").fill("Enterprise");
  await form.getByLabel("Email domains").fill(domain);
  await form.getByRole("button", { name: "Save company" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "Company saved." })).toBeVisible();
  const row = staff.getByRole("row").filter({ hasText: company });
  await expect(row).toContainText("$1,250.50");
  await expect(row).toContainText(domain);
  await expectNoA11yViolations(staff);

  // ... and import two more from a CSV file; a bad line imports nothing.
  const importForm = staff.getByRole("region", { name: "Import from a CSV file" });
  await importForm.getByLabel("CSV file").setInputFiles({
    name: "companies.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`external_id,name,monthly_revenue,segment\nbeta-${tag},Beta ${tag},99,SMB\ngamma-${tag},Gamma ${tag},lots,SMB\n`),
  });
  await importForm.getByRole("button", { name: "Import" }).click();
  await expect(staff.getByRole("alert")).toContainText("Line 3: Enter an amount such as 1250 or 1250.50.");
  await expect(staff.getByRole("row").filter({ hasText: `Beta ${tag}` })).toHaveCount(0);
  await importForm.getByLabel("CSV file").setInputFiles({
    name: "companies.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`external_id,name,monthly_revenue,segment\nbeta-${tag},Beta ${tag},99,SMB\ngamma-${tag},Gamma ${tag},10,SMB\n`),
  });
  await importForm.getByRole("button", { name: "Import" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "Imported: 2 new, 0 updated." })).toBeVisible();
  await expect(staff.getByRole("row").filter({ hasText: `Gamma ${tag}` })).toBeVisible();
  await expectNoA11yViolations(staff);

  // ------------------------------------------------------------ a vote on a customer's behalf
  const title = `Single sign-on with SAML ${tag}`;
  const { path, number } = await postIdea(staff, title);
  const customer = `buyer-${tag}@${domain}`;
  const panel = staff.getByRole("region", { name: "Who asked (staff only)" });
  await panel.getByLabel("Their email address").fill(customer);
  await panel.getByLabel("Their name (optional)").fill("Bea Buyer");
  await panel.getByLabel("Note (optional)").fill("call with Acme, 2026-12-01");
  await panel.getByRole("button", { name: "Add vote" }).click();
  await expect(panel.getByRole("status").filter({ hasText: `Vote added for ${customer}.` })).toBeVisible();
  await expect(panel.getByRole("list").filter({ hasText: company })).toContainText("$1,250.50");
  const voter = panel.getByRole("row").filter({ hasText: "Bea Buyer" });
  await expect(voter).toContainText("call with Acme, 2026-12-01");
  await expect(voter).toContainText(`added by ${staffName}`);
  await expect(voter).toContainText(company);
  await expect(staff.getByRole("button", { name: new RegExp(`^Vote for .*\\(2 votes\\)`) })).toBeVisible();
  await expectNoA11yViolations(staff);

  // ------------------------------------------------------------ a member sees none of it
  await signUp(page, `Mia ${tag}`, uniqueEmail("customers-member"));
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("region", { name: "Who asked (staff only)" })).toHaveCount(0);
  await expect(page.getByText("call with Acme")).toHaveCount(0);
  await expect(page.getByText(company)).toHaveCount(0);
  const memberApi = await page.evaluate(async () => (await fetch("/api/v1/companies")).status);
  expect(memberApi).toBe(403);
  // Voting offers one tap on how much it matters.
  await page.getByRole("button", { name: new RegExp(`^Vote for .*\\(2 votes\\)`) }).click();
  await expect(page.getByRole("group", { name: "How much does it matter to you?" })).toBeVisible();
  await page.getByRole("button", { name: "Must have" }).click();
  await expect(page.getByText("Thanks, noted.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Must have" })).toHaveAttribute("aria-pressed", "true");
  await expectNoA11yViolations(page);
  await page.goto("/?sort=revenue");
  await expect(page.getByRole("link", { name: "Top by revenue" })).toHaveCount(0);

  // ------------------------------------------------------------ staff see the must-have and sort by revenue
  await staff.goto(path);
  await expect(panel.getByRole("definition").nth(3)).toHaveText("1");
  await staff.goto(`/?sort=revenue&segment=Enterprise&q=${encodeURIComponent(tag)}`);
  await expect(staff.getByRole("link", { name: "Top by revenue" })).toHaveAttribute("aria-current", "page");
  await expect(staff.getByRole("link", { name: title })).toBeVisible();
  await expectNoA11yViolations(staff);

  // ------------------------------------------------------------ it ships: the customer is told, then signs up
  const since = Date.now();
  const statusForm = staff.getByRole("region", { name: "Change the status" });
  await staff.goto(path);
  await statusForm.getByLabel("New status").selectOption("shipped");
  await statusForm.getByRole("button", { name: "Change status" }).click();
  await expect(staff.locator(".idea-meta .status")).toHaveText("Shipped");
  const shipped = await readLatestEmail(customer, { since, subjectIncludes: "Shipped", timeoutMs: 20_000 });
  expect(shipped.text).toContain("Hi Bea Buyer,");
  expect(shipped.text).not.toContain("Acme, 2026");
  expect(shipped.headers["list-unsubscribe"]).toMatch(/\/unsubscribe\//);

  const customerPage = await watchedPage(browser, watchConsole);
  await signUp(customerPage, "Bea Buyer", customer);
  await customerPage.goto(`/ideas/${number}`);
  await expect(customerPage.getByRole("button", { name: new RegExp(`^Vote for .*\\(3 votes\\)`) })).toHaveAttribute("aria-pressed", "true");
  await expectNoA11yViolations(customerPage);
});
