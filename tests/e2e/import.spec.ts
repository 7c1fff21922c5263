/**
 * Bringing a board over from Canny through Admin › Import: the admin uploads an export, sees its
 * columns matched, dry-runs it (a bad line named, fixed by ignoring a column), imports; nobody is
 * told. Then a staff member ships an imported idea with a note, and each imported voter gets
 * exactly one email about it. Every step is checked with axe, at desktop and phone widths.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { emailsTo, expectNoA11yViolations, failOnConsoleErrors, pageApi, readLatestEmail, signUp, uniqueEmail, watchedPage } from "./helpers";

const watchConsole = failOnConsoleErrors();

/** Nothing sticks out sideways: the page fits the viewport (phones included). */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}

/** tests/fixtures/import/canny-journey.csv with ids and addresses of this run's own. */
function cannyExport(tag: string): Buffer {
  const template = fs.readFileSync(path.resolve("tests/fixtures/import/canny-journey.csv"), "utf8");
  return Buffer.from(template.replaceAll("{tag}", tag));
}

test("an admin imports a Canny export through the page; a staff member ships an imported idea and each imported voter hears once", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;
  const title = `Offline mode ${tag}`;
  const voters = [`vera-${tag}@beta.example`, `vic-${tag}@acme.example`];

  // ------------------------------------------------------------ step 1: the file and its format
  await signUp(page, `Ada ${tag}`, `import-admin-${project}@example.test`);
  await page.goto("/admin/dashboard");
  await page.getByRole("link", { name: "Import from a CSV file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Import" })).toBeVisible();
  await expectNoA11yViolations(page);
  await expectNoSidewaysScroll(page);
  // Not a CSV file: refused, with the reason on the field.
  await page.getByLabel("CSV file").setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7") });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText("This is not a CSV file.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("CSV file")).toHaveAttribute("aria-invalid", "true");
  await expectNoA11yViolations(page);
  await page.getByLabel("CSV file").setInputFiles({ name: "canny-posts.csv", mimeType: "text/csv", buffer: cannyExport(tag) });
  await page.getByLabel("Where the file comes from").selectOption("canny");
  await page.getByRole("button", { name: "Upload" }).click();

  // ------------------------------------------------------------ step 2: the columns, matched by Canny's names
  await expect(page).toHaveURL(/\/admin\/import\?upload=[\w-]{24}$/);
  await expect(page.getByRole("heading", { level: 2, name: "2. Match the columns" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "2. Match the columns" })).toHaveAttribute("aria-current", "step");
  await expect(page.getByLabel("Column “Title” imported as")).toHaveValue("title");
  await expect(page.getByLabel("Column “Author Email” imported as")).toHaveValue("email");
  await expect(page.getByLabel("Column “Voters” imported as")).toHaveValue("voters");
  await expect(page.getByLabel("Column “Created At” imported as")).toHaveValue("created_at");
  await expectNoA11yViolations(page);
  await expectNoSidewaysScroll(page);

  // ------------------------------------------------------------ step 3: a dry run names the bad line; ignoring its column fixes it
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByRole("alert").getByText('Line 4: created_at: "early March" is not a date.')).toBeVisible();
  await expect(page.getByRole("button", { name: "Import", exact: true })).toHaveCount(0);
  await expectNoA11yViolations(page);
  await page.getByLabel("Column “Created At” imported as").selectOption("ignore");
  await page.getByRole("button", { name: "Dry run" }).click();
  const summary = page.getByRole("status").filter({ hasText: "A dry run: nothing was written." });
  await expect(summary).toBeVisible();
  await expect(summary.getByText("3 ideas", { exact: true })).toBeVisible();
  await expect(summary.getByText("3 votes", { exact: true })).toBeVisible();
  await expect(summary.getByText("5 voters and authors", { exact: true })).toBeVisible();
  await expect(summary.getByText("2 ideas with a status other than Open", { exact: true })).toBeVisible();
  const preview = page.getByRole("table", { name: "The file's first rows" });
  await expect(preview.getByRole("row").filter({ hasText: title })).toContainText("Planned");
  await expect(page.getByText("Columns not read: created_at.")).toBeVisible();
  await expectNoA11yViolations(page);
  await expectNoSidewaysScroll(page);
  // Nothing was written.
  await page.goto(`/?q=${encodeURIComponent(tag)}`);
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await page.goBack();
  await page.getByLabel("Column “Created At” imported as").selectOption("ignore");
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(summary).toBeVisible();

  // ------------------------------------------------------------ step 4: the import, and its result
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "4. Import" })).toBeVisible();
  await expect(page.getByText("Imported. Running the same file again adds nothing twice.")).toBeVisible();
  await expect(page.getByText("3 ideas", { exact: true })).toBeVisible();
  await expectNoA11yViolations(page);
  await expectNoSidewaysScroll(page);
  // The import told nobody.
  for (const voter of voters) expect(await emailsTo(voter)).toEqual([]);

  // ------------------------------------------------------------ a staff member ships an imported idea with a note
  const staff = await watchedPage(browser, watchConsole);
  const staffEmail = uniqueEmail("import-staff");
  await signUp(staff, `Sam ${tag}`, staffEmail);
  const me = (await (await staff.request.get("/api/v1/me")).json()) as { user: { id: number } };
  expect((await pageApi(page, "PATCH", `/api/v1/users/${me.user.id}`, { role: "staff" })).status).toBe(200);
  await staff.goto(`/?q=${encodeURIComponent(title)}`);
  await staff.getByRole("link", { name: title }).first().click();
  await expect(staff.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const form = staff.getByRole("region", { name: "Change the status" });
  // The author and both voters follow it.
  await expect(form.getByLabel(/^Notify \d+ people$/)).toBeChecked();
  await form.getByLabel("New status").selectOption("shipped");
  await form.getByLabel("Public note").fill("Offline mode is **live**: work on the train.");
  const shippedAt = Date.now();
  await form.getByRole("button", { name: "Change status" }).click();
  await expect(staff.getByRole("article", { name: `Sam ${tag} changed the status from Planned to Shipped` })).toBeVisible();
  await expect(staff.locator(".idea-meta .status").first()).toHaveText("Shipped");
  await expectNoA11yViolations(staff);

  // ------------------------------------------------------------ each imported voter: exactly one email about it
  for (const voter of voters) {
    const mail = await readLatestEmail(voter, { subjectIncludes: title, since: shippedAt, timeoutMs: 30_000 });
    expect(mail.subject).toBe(`Shipped: “${title}”`);
    expect(mail.text).toMatch(/Offline mode is \**live/);
  }
  // A late duplicate would come from the same run of the job: give it a few more seconds.
  await page.waitForTimeout(4000);
  for (const voter of voters) expect(await emailsTo(voter)).toHaveLength(1);
  await staff.context().close();
});

test("members are refused Admin › Import, and a signed-out visitor is sent to sign in", async ({ page }) => {
  await page.goto("/admin/import");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fimport$/);
  await signUp(page, "Mo Member", uniqueEmail("import-member"));
  const response = await page.goto("/admin/import");
  expect(response?.status()).toBe(403);
  await expectNoA11yViolations(page);
});
