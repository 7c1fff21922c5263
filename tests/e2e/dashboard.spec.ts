/**
 * The staff dashboard: charts drawn on the server with their figures as tables, the loop-closed
 * share after a ship, filters that work without JavaScript, and members kept out.
 */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, signUp, uniqueEmail } from "./helpers";

failOnConsoleErrors();
test.describe.configure({ timeout: 120_000 });

test("staff read the dashboard: activity chart with its table, loop closed after a ship, filter by board; members get 403", async ({ page, browser }, testInfo) => {
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;
  await signUp(page, "Dana Dashboard", `dashboard-admin-${project}@example.test`);

  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(`Charted idea ${tag}`);
  await page.getByLabel("Details").fill("Something to count.");
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Charted idea ${tag}` })).toBeVisible();
  const form = page.getByRole("region", { name: "Change the status" });
  await form.getByLabel("New status").selectOption("shipped");
  await form.getByRole("button", { name: "Change status" }).click();
  await expect(page.locator(".idea-meta .status")).toHaveText("Shipped");

  await page.goto("/admin/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  // Each chart is one image named by its title, and its figures are a table.
  const activity = page.getByRole("img", { name: /New ideas, votes and comments per week/ });
  await expect(activity).toBeVisible();
  await expect(page.getByRole("img", { name: /Ideas shipped in each of the last 12 months/ })).toBeVisible();
  const figures = page.locator(".chart__data").first();
  await figures.getByText("Show the figures").click();
  await expect(figures.getByRole("columnheader", { name: "Votes" })).toBeVisible();
  // The loop: the idea just shipped is listed with how its followers heard.
  const loop = page.getByRole("region", { name: "Loop closed" });
  await expect(loop.getByRole("link", { name: `Charted idea ${tag}` })).toBeVisible();
  await expectNoA11yViolations(page);

  // The CSV downloads: the idea is in ideas.csv.
  const exports = page.getByRole("region", { name: "Download the data" });
  const [download] = await Promise.all([page.waitForEvent("download"), exports.getByRole("link", { name: "Ideas (CSV)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^loopboard-ideas-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv).toContain(`Charted idea ${tag}`);

  // The filters are a plain GET form: the choice is in the address.
  await page.getByLabel("Period").selectOption("4");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/weeks=4/);
  await expect(page.locator(".chart__svg--line .chart__series--0 circle")).toHaveCount(4);

  const member = await (await browser.newContext()).newPage();
  await signUp(member, "Mo Member", uniqueEmail("dashboard-member"));
  const refused = await member.goto("/admin/dashboard");
  expect(refused?.status()).toBe(403);
  const api = await member.request.get("/api/v1/stats");
  expect(api.status()).toBe(403);
  expect((await member.request.get("/api/v1/export/ideas.csv")).status()).toBe(403);
});
