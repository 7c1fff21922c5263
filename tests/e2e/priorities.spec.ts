/**
 * Prioritisation: staff score ideas on their pages, the priorities view ranks them and the
 * impact/effort matrix places them; its quadrants and points are links.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, signUp } from "./helpers";

failOnConsoleErrors();
test.describe.configure({ timeout: 180_000 });

async function postAndScore(page: Page, title: string, impact: string, effort: string) {
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Details").fill("Worth scoring.");
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const scores = page.getByRole("region", { name: "Priority" });
  await expect(scores).toContainText("Not scored yet.");
  await scores.getByLabel(/^Impact/).selectOption(impact);
  await scores.getByLabel(/^Effort/).selectOption(effort);
  await scores.getByRole("button", { name: "Save scores" }).click();
}

test("staff score ideas, then read the ranking and the matrix; quadrants and points are links", async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;
  await signUp(page, "Pia Priorities", `priorities-admin-${project}@example.test`);
  await postAndScore(page, `Quick one ${tag}`, "9", "2");
  await expect(page.getByRole("region", { name: "Priority" })).toContainText("Priority 4.5: Quick wins.");
  await expectNoA11yViolations(page);
  await postAndScore(page, `Costly one ${tag}`, "3", "9");
  await expect(page.getByRole("region", { name: "Priority" })).toContainText("Money pits");

  await page.goto("/admin/priorities");
  await expect(page.getByRole("heading", { level: 1, name: "Priorities" })).toBeVisible();
  const ranking = page.getByRole("region", { name: "Ranking" });
  const rows = ranking.getByRole("row");
  const quickRow = rows.filter({ hasText: `Quick one ${tag}` });
  const costlyRow = rows.filter({ hasText: `Costly one ${tag}` });
  await expect(quickRow).toContainText("Quick wins");
  await expect(costlyRow).toContainText("Money pits");
  await expectNoA11yViolations(page);

  // A quadrant lists its ideas only.
  await page.locator(".matrix__quadrant--quickWins").click();
  await expect(page).toHaveURL(/quadrant=quickWins/);
  await expect(page.getByRole("heading", { level: 2, name: "Quick wins" })).toBeVisible();
  await expect(page.getByRole("link", { name: `Quick one ${tag}`, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: `Costly one ${tag}`, exact: true })).toHaveCount(0);

  // A point opens its idea.
  await page.getByRole("link", { name: new RegExp(`Quick one ${tag}: impact 9, effort 2`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Quick one ${tag}` })).toBeVisible();
});
