/**
 * Tags: an admin creates a public and a private tag, tags a member's idea with both, and filters
 * the board by tag. The member sees the public tag only, and asking for the private one is
 * answered as for a tag that does not exist. Axe on every page seen, at both widths.
 */
import { expect, test } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, signUp, uniqueEmail, watchedPage } from "./helpers";

const watchConsole = failOnConsoleErrors();

test("an admin tags an idea with a public and a private tag and filters the board; the member sees the public one only", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const project = testInfo.project.name;
  const run = `${project}${Date.now().toString(36)}`;
  const title = `Dark mode ${run}`;
  const otherTitle = `Bigger fonts ${run}`;
  const publicName = `Mobile ${run}`;
  const privateName = `Churn ${run}`;
  const publicSlug = publicName.toLowerCase().replace(/ /g, "-");
  const privateSlug = privateName.toLowerCase().replace(/ /g, "-");

  // ------------------------------------------------------------ a member posts two ideas
  await signUp(page, `Mia ${run}`, uniqueEmail("tags-member"));
  for (const t of [otherTitle, title]) {
    await page.goto("/ideas/new");
    await page.getByLabel("Title").fill(t);
    await page.getByRole("button", { name: "Post idea" }).click();
    await expect(page.getByRole("heading", { level: 1, name: t })).toBeVisible();
  }
  const ideaPath = new URL(page.url()).pathname;

  // ------------------------------------------------------------ an admin creates a public and a private tag
  const admin = await watchedPage(browser, watchConsole);
  await signUp(admin, `Ada ${run}`, `tags-admin-${project}@example.test`);
  await admin.goto("/admin/tags");
  await expect(admin.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
  const newTag = admin.getByRole("region", { name: "New tag" });
  await newTag.getByLabel("Name").fill(publicName);
  await newTag.getByLabel("Colour").selectOption("teal");
  await newTag.getByRole("button", { name: "Create" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Tag created." })).toBeVisible();
  // Afresh: the new-tag form is remounted empty once the list has the new tag, which may be after the notice.
  await admin.goto("/admin/tags");
  await expect(admin.getByRole("heading", { level: 2, name: publicName })).toBeVisible();
  await newTag.getByLabel("Name").fill(privateName);
  await newTag.getByLabel("Colour").selectOption("red");
  await newTag.getByLabel("Private (seen by staff only)").check();
  await newTag.getByRole("button", { name: "Create" }).click();
  await expect(admin.getByRole("heading", { level: 2, name: privateName })).toBeVisible();
  await expect(admin.getByRole("region", { name: privateName }).getByLabel("Private (seen by staff only)")).toBeChecked();
  await expectNoA11yViolations(admin);

  // ------------------------------------------------------------ the admin tags the idea with both
  await admin.goto(ideaPath);
  const tagsForm = admin.getByRole("region", { name: "Tags" });
  await tagsForm.getByLabel(publicName).check();
  await tagsForm.getByLabel(privateName).check();
  await tagsForm.getByRole("button", { name: "Save tags" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Tags saved." })).toBeVisible();
  const chips = admin.getByRole("list", { name: "Tags" }).first();
  await expect(chips.getByRole("link", { name: publicName })).toBeVisible();
  await expect(chips.getByRole("link", { name: new RegExp(privateName) })).toContainText("Staff only");
  // The audit trail says who tagged it.
  await expect(admin.locator(".activity-entry").filter({ hasText: `added the tag ${privateName}` })).toBeVisible();
  await expectNoA11yViolations(admin);

  // ------------------------------------------------------------ the admin filters the board by the private tag
  await admin.goto("/");
  await admin.getByLabel("Tag", { exact: true }).selectOption({ label: `${privateName} (staff only)` });
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(new RegExp(`tag=${privateSlug}`));
  await expect(admin.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await expect(admin.getByRole("heading", { level: 2, name: otherTitle })).toHaveCount(0);
  await expectNoA11yViolations(admin);

  // ------------------------------------------------------------ the member sees the public tag only
  await page.goto(ideaPath);
  const memberChips = page.getByRole("list", { name: "Tags" });
  await expect(memberChips.getByRole("link", { name: publicName })).toBeVisible();
  await expect(page.getByText(privateName)).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Tags" })).toHaveCount(0);
  await expectNoA11yViolations(page);

  await memberChips.getByRole("link", { name: publicName }).click();
  await expect(page).toHaveURL(new RegExp(`\\?tag=${publicSlug}$`));
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: otherTitle })).toHaveCount(0);
  await expect(page.locator("#filter-tag")).toContainText(publicName);
  await expect(page.locator("#filter-tag")).not.toContainText(privateName);
  await expectNoA11yViolations(page);

  // Asking for the private tag by its address: the same answer as for a tag that never existed.
  const answer = await page.goto(`/?tag=${privateSlug}`);
  expect(answer?.status()).toBe(404);
  await expect(page.getByRole("alert")).toContainText(`There is no tag “${privateSlug}”`);
  await expect(page.getByRole("heading", { level: 2, name: title })).toHaveCount(0);
  await expectNoA11yViolations(page);
  const unknown = await page.goto(`/?tag=never-made-${run}`);
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("alert")).toContainText(`There is no tag “never-made-${run}”`);
  await admin.context().close();
});
