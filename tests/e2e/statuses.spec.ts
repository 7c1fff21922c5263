/**
 * Statuses as data: an admin adds an active status "Beta", moves an idea to it (a new roadmap
 * column appears), then retires it, moving its ideas to Planned quietly. Axe on every page seen.
 */
import { expect, test } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, signUp, watchedPage } from "./helpers";

const watchConsole = failOnConsoleErrors();

test("an admin adds a status, an idea moved to it makes a roadmap column, and retiring it moves the idea to Planned", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const project = testInfo.project.name;
  const run = `${project}${Date.now().toString(36)}`;
  // Both projects share the database: each adds its own "Beta".
  const beta = `Beta ${run}`;
  const title = `Offline mode ${run}`;

  const admin = await watchedPage(browser, watchConsole);
  await signUp(admin, `Ada ${run}`, `statuses-admin-${project}@example.test`);

  // ------------------------------------------------------------ the admin adds "Beta", of kind active
  await admin.goto("/admin/statuses");
  await expect(admin.getByRole("heading", { level: 1, name: "Statuses" })).toBeVisible();
  await expectNoA11yViolations(admin);
  const newStatus = admin.getByRole("region", { name: "New status" });
  await newStatus.getByLabel("Name in English").fill(beta);
  await newStatus.getByLabel("Kind").selectOption("active");
  await newStatus.getByLabel("Colour").selectOption("teal");
  await newStatus.getByRole("button", { name: "Create" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Status added." })).toBeVisible();
  await admin.goto("/admin/statuses");
  await expect(admin.locator(".status--teal", { hasText: beta })).toBeVisible();
  await expectNoA11yViolations(admin);

  // ------------------------------------------------------------ an idea moved to it: a column on the roadmap
  await admin.goto("/ideas/new");
  await admin.getByLabel("Title").fill(title);
  await admin.getByRole("button", { name: "Post idea" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const ideaPath = new URL(admin.url()).pathname;
  const form = admin.getByRole("region", { name: "Change the status" });
  await form.getByLabel("New status").selectOption({ label: beta });
  await form.getByRole("button", { name: "Change status" }).click();
  await expect(admin.getByRole("article", { name: new RegExp(`changed the status from Open to ${beta}$`) })).toBeVisible();
  await expectNoA11yViolations(admin);

  await admin.goto("/roadmap");
  const column = admin.getByRole("region", { name: beta });
  await expect(column.getByRole("link", { name: title })).toBeVisible();
  await expectNoA11yViolations(admin);

  // ------------------------------------------------------------ retiring it asks where its idea goes, then moves it quietly
  await admin.goto("/admin/statuses");
  const card = admin.getByRole("listitem").filter({ has: admin.getByRole("heading", { level: 2, name: beta }) });
  await expect(card.getByText("1 idea has it")).toBeVisible();
  await card.locator("summary", { hasText: "Retire" }).click();
  await expect(card.getByText("The ideas move without notifying anyone")).toBeVisible();
  await card.getByRole("button", { name: "Retire" }).click();
  await expect(admin.getByText("1 idea has this status: choose where it goes.")).toBeVisible();
  await expectNoA11yViolations(admin);
  await card.getByLabel("Move its ideas to").selectOption("planned");
  await card.getByRole("button", { name: "Retire" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Status retired; 1 idea moved." })).toBeVisible();
  await expect(card.getByRole("button", { name: "Restore" })).toBeVisible();
  await expectNoA11yViolations(admin);

  await admin.goto("/roadmap");
  await expect(admin.getByRole("region", { name: beta })).toHaveCount(0);
  await expect(admin.getByRole("region", { name: "Planned" }).getByRole("link", { name: title })).toBeVisible();
  await admin.goto(ideaPath);
  await expect(admin.getByRole("article", { name: new RegExp(`changed the status from ${beta} to Planned$`) })).toBeVisible();
  await expect(admin.getByRole("region", { name: "Change the status" }).getByRole("option", { name: beta })).toHaveCount(0);
});
