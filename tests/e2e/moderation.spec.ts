/**
 * Moderation: staff hide a member's comment from the idea page (members no longer see it, staff
 * see it marked with the reason and can restore it), and an admin blocks the member from
 * Admin › People: every page tells them, their vote is refused, and unblocking gives it back.
 * Staff lock the idea's comments: the member is told so instead of being offered the comment box.
 * Staff pin the idea: it is the first on its board, marked "Pinned", until they unpin it.
 * Axe on every page seen, at both widths.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, gotoHydrated, signUp, uniqueEmail, watchedPage } from "./helpers";

const watchConsole = failOnConsoleErrors();
const BLOCKED = "An administrator has blocked your account";

async function postIdea(page: Page, title: string): Promise<string> {
  await gotoHydrated(page, "/ideas/new");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("staff hide a comment, lock the comments and pin the idea; an admin blocks a member, who then cannot vote, and unblocks them", async ({ page, browser }, testInfo) => {
  test.setTimeout(420_000);
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;
  const memberName = `Mira ${tag}`;

  const admin = await watchedPage(browser, watchConsole);
  await signUp(admin, `Ada ${tag}`, `moderation-admin-${project}@example.test`);
  const ideaPath = await postIdea(admin, `Keyboard shortcuts ${tag}`);

  await signUp(page, memberName, uniqueEmail("moderation-member"));
  await page.goto(ideaPath);
  const rude = `This is rubbish and so are you ${tag}`;
  await page.getByLabel("Add a comment").fill(rude);
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByText(rude)).toBeVisible();
  // Members are offered no moderation.
  await expect(page.getByText("Hide this idea")).toHaveCount(0);

  // ------------------------------------------------------------ staff hide the comment
  await admin.goto(ideaPath);
  const comment = admin.getByRole("article").filter({ hasText: rude });
  await comment.getByText("Hide", { exact: true }).click();
  await comment.getByLabel("Reason").fill("Personal attack");
  await comment.getByRole("button", { name: "Hide from members" }).click();
  await expect(admin.getByRole("article").filter({ hasText: rude }).getByText("Hidden from members:")).toBeVisible();
  await expect(admin.getByRole("article").filter({ hasText: rude }).getByText("Personal attack")).toBeVisible();
  await expect(admin.getByRole("button", { name: "Restore", exact: true })).toBeVisible();
  await expectNoA11yViolations(admin);

  await page.reload();
  await expect(page.getByText(rude)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /Comments/ })).toContainText("(0)");
  await expectNoA11yViolations(page);

  // ------------------------------------------------------------ an admin blocks the member
  await admin.goto("/admin/people");
  await admin.getByLabel("Search by name or email address").fill(memberName);
  await admin.getByRole("button", { name: "Search" }).click();
  await admin.waitForURL(/[?&]q=/);
  const person = admin.getByRole("listitem").filter({ hasText: memberName });
  await expect(person).toHaveCount(1);
  await expectNoA11yViolations(admin);
  await person.getByRole("button", { name: "Block", exact: true }).click();
  await expect(admin.getByRole("status").filter({ hasText: `${memberName}: the change was saved.` })).toBeVisible();
  await expect(admin.getByRole("listitem").filter({ hasText: memberName }).getByText(/Blocked since/)).toBeVisible();
  await expectNoA11yViolations(admin);

  // ------------------------------------------------------------ blocked: told on every page, vote refused
  await page.goto(ideaPath);
  await expect(page.getByRole("status").filter({ hasText: BLOCKED })).toBeVisible();
  await expect(page.getByLabel("Add a comment")).toHaveCount(0);
  const vote = page.getByRole("button", { name: /^Vote for/ });
  await expect(vote).toHaveAttribute("aria-pressed", "false");
  await vote.click();
  await expect(page.getByRole("alert").filter({ hasText: BLOCKED })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: /^Vote for .*\(1 vote\)/ })).toHaveAttribute("aria-pressed", "false");
  await expectNoA11yViolations(page);

  // ------------------------------------------------------------ unblocked: they vote again
  await admin.getByRole("listitem").filter({ hasText: memberName }).getByRole("button", { name: "Unblock" }).click();
  await expect(admin.getByRole("listitem").filter({ hasText: memberName }).getByRole("button", { name: "Block", exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: BLOCKED })).toHaveCount(0);
  await page.getByRole("button", { name: /^Vote for/ }).click();
  await expect(page.getByRole("button", { name: /^Vote for .*\(2 votes\)/ })).toHaveAttribute("aria-pressed", "true");

  // ------------------------------------------------------------ staff restore the comment
  await admin.goto(ideaPath);
  await admin.getByRole("button", { name: "Restore", exact: true }).click();
  // The restore has been saved once the staff view no longer marks the comment hidden.
  await expect(admin.getByRole("article").filter({ hasText: rude }).getByText("Hidden from members:")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(rude)).toBeVisible();

  // ------------------------------------------------------------ staff lock the comments
  await admin.getByRole("button", { name: "Lock comments" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Comments are locked: members can no longer comment" })).toBeVisible();
  // Staff still have the comment box.
  await expect(admin.getByLabel("Add a comment")).toBeVisible();
  await expectNoA11yViolations(admin);
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Comments are locked: the team has closed this discussion" })).toBeVisible();
  await expect(page.getByLabel("Add a comment")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Lock comments", exact: true })).toHaveCount(0);
  await expectNoA11yViolations(page);
  await admin.getByRole("button", { name: "Unlock comments" }).click();
  await expect(admin.getByRole("button", { name: "Lock comments", exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Add a comment")).toBeVisible();

  // ------------------------------------------------------------ staff pin the idea to the top of its board
  const ideaTitle = `Keyboard shortcuts ${tag}`;
  await postIdea(page, `A newer idea ${tag}`);
  await admin.goto(ideaPath);
  await admin.getByRole("button", { name: "Pin to the top of the board" }).click();
  await expect(admin.getByRole("button", { name: "Unpin" })).toBeVisible();
  await page.goto("/?sort=new");
  // Pinned ideas come first (the other project's journey may have pinned one of its own too).
  const titles = await page.getByRole("article").getByRole("heading", { level: 2 }).allInnerTexts();
  expect(titles.indexOf(ideaTitle)).toBeGreaterThanOrEqual(0);
  expect(titles.indexOf(ideaTitle)).toBeLessThan(titles.indexOf(`A newer idea ${tag}`));
  await expect(page.getByRole("article").filter({ hasText: ideaTitle }).getByText("Pinned", { exact: true })).toBeVisible();
  await expectNoA11yViolations(page);
  await admin.getByRole("button", { name: "Unpin" }).click();
  await expect(admin.getByRole("button", { name: "Pin to the top of the board" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("article").filter({ hasText: `A newer idea ${tag}` })).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: ideaTitle }).getByText("Pinned", { exact: true })).toHaveCount(0);
});
