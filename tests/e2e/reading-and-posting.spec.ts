/**
 * Reading an idea and posting one: the title says how many characters are left and refuses too
 * many with a message (nothing cut); headings in user markdown sit below the page's own; board
 * cards show plain text; a moderator's edit of someone's comment says "edited by staff".
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, signUp, uniqueEmail } from "./helpers";

const watchConsole = failOnConsoleErrors();
// Several sign-ups and page loads each: give a loaded machine room.
test.describe.configure({ timeout: 120_000 });

async function newPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  watchConsole(page);
  return page;
}

test("the title counts down, refuses too many characters with a message, and cuts nothing", async ({ page }, testInfo) => {
  await signUp(page, "Title Writer", uniqueEmail("titles"));
  await page.goto("/ideas/new");
  const title = page.getByLabel("Title");
  const counter = page.locator(".char-count");
  await expect(counter).toHaveText("120 characters left");
  await expect(counter).toHaveAttribute("aria-live", "polite");
  await title.fill("Short one");
  await expect(counter).toHaveText("111 characters left");

  const tooLong = `Make every export remember the columns I picked ${testInfo.project.name} `.padEnd(130, "x");
  await title.fill(tooLong);
  // Nothing is cut: the field holds all 130 characters and says how many are too many.
  await expect(title).toHaveValue(tooLong);
  await expect(counter).toHaveText("10 characters too many: the title can have at most 120.");
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByText("The title can have at most 120 characters.")).toBeVisible();
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveValue(tooLong);

  await title.fill(tooLong.slice(0, 120));
  await expect(counter).toHaveText("0 characters left");
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(tooLong.slice(0, 120).trim());
});

test("headings in user markdown sit below the page's own, cards show plain text, and a staff edit says so", async ({ page, browser }, testInfo) => {
  const project = testInfo.project.name;
  const title = `Saved filters ${project}${Date.now().toString(36)}`;
  await signUp(page, "Markdown Author", uniqueEmail("markdown"));
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Details").fill("# Why\n\nI **filter** the same way every day.\n\n### How\n\n| Filter | Value |\n|---|---|\n| board | bugs |");
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const ideaPath = new URL(page.url()).pathname;
  // The author's # and ### become h2 and h3 under the idea's h1: no level skipped.
  const body = page.locator(".idea .markdown");
  await expect(body.getByRole("heading", { level: 2, name: "Why" })).toBeVisible();
  await expect(body.getByRole("heading", { level: 3, name: "How" })).toBeVisible();
  await page.getByLabel("Add a comment").fill("## A heading in a comment\n\nTypo teh");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  const comment = page.getByRole("article").filter({ hasText: "Typo teh" });
  // Under the page's h2 "Comments": it starts at h3.
  await expect(comment.getByRole("heading", { level: 3, name: "A heading in a comment" })).toBeVisible();
  await expectNoA11yViolations(page);

  // The board card: a plain-text excerpt, no markdown marks.
  await page.goto("/?sort=new");
  const card = page.getByRole("article", { name: title });
  const excerpt = card.locator(".idea-card__excerpt");
  await expect(excerpt).toContainText("Why I filter the same way every day. How Filter, Value board, bugs");
  await expect(excerpt).not.toContainText(/[#*|]/);

  // A moderator fixes the comment: it says "edited by staff".
  const staff = await newPage(browser);
  await signUp(staff, "Moderator", `reading-admin-${project}@example.test`);
  await staff.goto(ideaPath);
  const moderated = staff.getByRole("article").filter({ hasText: "Typo teh" });
  await moderated.getByRole("link", { name: "Edit" }).click();
  await staff.getByLabel("Edit your comment").fill("Typo the");
  await staff.getByRole("button", { name: "Save comment" }).click();
  // Saved (the form is gone and the new text shows) before the author looks.
  await expect(staff.getByRole("article").filter({ hasText: "Typo the" }).getByText("(edited by staff)")).toBeVisible();
  await page.goto(ideaPath);
  const after = page.getByRole("article").filter({ hasText: "Typo the" });
  await expect(after.getByText("(edited by staff)")).toBeVisible();
  await expectNoA11yViolations(page);
  await staff.context().close();
});
