/**
 * Merging a duplicate: staff merge a member's idea into theirs from the duplicate's page; the
 * duplicate's address leads to the merged idea with a notice, its comment is shown there marked
 * "from #N", its votes count, the timeline says who merged it, and staff can undo it. Axe on
 * every page seen, at both widths.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, signUp, uniqueEmail, watchedPage } from "./helpers";

const watchConsole = failOnConsoleErrors();

/** Posts an idea from /ideas/new and returns its page's path and number. */
async function postIdea(page: Page, title: string): Promise<{ path: string; number: number }> {
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const path = new URL(page.url()).pathname;
  return { path, number: Number(/^\/ideas\/(\d+)/.exec(path)![1]) };
}

test("staff merge a duplicate from its page; it redirects to the idea it joined, with its comment and votes", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;
  const titleA = `Export to spreadsheet ${tag}`;
  const titleB = `Download as CSV ${tag}`;
  const staffName = `Sam ${tag}`;

  const staff = await watchedPage(browser, watchConsole);
  await signUp(staff, staffName, `merge-admin-${project}@example.test`);
  const { path: pathA, number: numberA } = await postIdea(staff, titleA);

  await signUp(page, `Mia ${tag}`, uniqueEmail("merge-member"));
  const { path: pathB, number: numberB } = await postIdea(page, titleB);
  const commentText = `I would use this every week ${tag}`;
  await page.getByLabel("Add a comment").fill(commentText);
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByText(commentText)).toBeVisible();
  // Members are not offered the merge form.
  await expect(page.getByRole("region", { name: "Merge into another idea" })).toHaveCount(0);

  // ------------------------------------------------------------ staff merge B into A from B's page
  await staff.goto(pathB);
  const form = staff.getByRole("region", { name: "Merge into another idea" });
  await expectNoA11yViolations(staff);
  await form.getByLabel("Number of the idea to merge into").fill(String(numberB));
  await form.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(form.getByText("An idea cannot be merged into itself.")).toBeVisible();
  await form.getByLabel("Number of the idea to merge into").fill(`#${numberA}`);
  await form.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(staff.getByRole("heading", { level: 1, name: titleA })).toBeVisible();
  await expect(staff.getByRole("status").filter({ hasText: `#${numberB} was merged into this idea` })).toBeVisible();
  await expect(staff.getByRole("button", { name: new RegExp(`^Vote for .*\\(2 votes\\)`) })).toBeVisible();
  await expect(staff.getByText(`${staffName} merged #${numberB} “${titleB}” into this idea`)).toBeVisible();
  await expectNoA11yViolations(staff);

  // ------------------------------------------------------------ the member's old address leads to A
  await page.goto(pathB);
  await expect(page.getByRole("heading", { level: 1, name: titleA })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(pathA);
  await expect(page.getByRole("status").filter({ hasText: `#${numberB} was merged into this idea` })).toBeVisible();
  const comment = page.getByRole("article").filter({ hasText: commentText });
  await expect(comment.getByText(`from #${numberB}`)).toBeVisible();
  // Their vote counts on A, and they follow it.
  await expect(page.getByRole("button", { name: new RegExp(`^Vote for .*\\(2 votes\\)`) })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "Unfollow" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Unmerge/ })).toHaveCount(0);
  await expectNoA11yViolations(page);

  // ------------------------------------------------------------ the board no longer lists B
  await page.goto(`/?q=${encodeURIComponent(tag)}`);
  await expect(page.getByRole("link", { name: titleA })).toBeVisible();
  await expect(page.getByRole("link", { name: titleB })).toHaveCount(0);

  // ------------------------------------------------------------ staff undo it
  await staff.getByRole("button", { name: `Unmerge #${numberB}` }).click();
  await expect(staff.getByRole("status").filter({ hasText: `#${numberB} is its own idea again.` })).toBeVisible();
  await expect(staff.getByText(`${staffName} unmerged #${numberB} “${titleB}” from this idea`)).toBeVisible();
  await page.goto(pathB);
  await expect(page.getByRole("heading", { level: 1, name: titleB })).toBeVisible();
  await expect(page.getByText(commentText)).toBeVisible();
});

test("staff merge a duplicate into the idea its page lists as looking like it, in one click", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;
  const titleA = `Export to spreadsheet ${tag}`;
  const titleB = `Export spreadsheet ${tag}`;

  const staff = await watchedPage(browser, watchConsole);
  await signUp(staff, `Sam ${tag}`, `merge-similar-admin-${project}@example.test`);
  const { path: pathA, number: numberA } = await postIdea(staff, titleA);
  await signUp(page, `Mia ${tag}`, uniqueEmail("merge-similar"));
  const { path: pathB, number: numberB } = await postIdea(page, titleB);
  // Members are offered no merge, so no list of merge targets either.
  await expect(page.getByRole("region", { name: "Looks like" })).toHaveCount(0);

  await staff.goto(pathB);
  const similar = staff.getByRole("region", { name: "Looks like" });
  await expect(similar.getByRole("link", { name: titleA })).toBeVisible();
  // The idea itself is never offered.
  await expect(similar.getByRole("link", { name: titleB })).toHaveCount(0);
  await expectNoA11yViolations(staff);
  await similar.getByRole("button", { name: `Merge into this: #${numberA} ${titleA}` }).click();
  await expect(staff.getByRole("heading", { level: 1, name: titleA })).toBeVisible();
  expect(new URL(staff.url()).pathname).toBe(pathA);
  await expect(staff.getByRole("status").filter({ hasText: `#${numberB} was merged into this idea` })).toBeVisible();
  await expect(staff.getByRole("button", { name: new RegExp(`^Vote for .*\\(2 votes\\)`) })).toBeVisible();
});
