/**
 * Approval of new ideas: an admin makes a board require approval on /admin/boards; a member posts
 * an idea there and sees it marked "Awaiting approval" (on its page and on the board, in their
 * own list), while a signed-out visitor finds it nowhere and its address is a 404; staff approve
 * it from the queue (/admin/moderation) and it appears on the board, and the author gets the
 * email. A second idea is rejected with a reason, which its author then reads on its page. A
 * third is rejected from its own page, then approved there after all without JavaScript.
 * Axe on every page seen, at both widths.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, readLatestEmail, signUp, uniqueEmail, watchedPage } from "./helpers";

const watchConsole = failOnConsoleErrors();

async function postIdea(page: Page, board: string, title: string): Promise<string> {
  await page.goto("/ideas/new");
  await page.getByLabel("Board").selectOption(board);
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("an admin turns on approval for a board; a member's idea waits, hidden from others, until staff approve it; a rejected one shows its author the reason", async ({ page, browser }, testInfo) => {
  test.setTimeout(420_000);
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;
  const slug = `approval-${tag}`;
  const boardName = `Approval board ${tag}`;

  // ------------------------------------------------------------ the admin makes a board that requires approval
  const admin = await watchedPage(browser, watchConsole);
  await signUp(admin, `Ada ${tag}`, `approval-admin-${project}@example.test`);
  await admin.goto("/admin/boards");
  const newBoard = admin.getByRole("region", { name: "New board" });
  await newBoard.getByLabel("Name").fill(boardName);
  await newBoard.getByLabel("Slug (in the address)").fill(slug);
  await newBoard.getByRole("button", { name: "Create" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "The board was created." })).toBeVisible();
  const section = admin.getByRole("region", { name: boardName });
  await expect(section.getByText("Off: members' new ideas appear on the board at once.")).toBeVisible();
  await section.getByRole("button", { name: "Require approval" }).click();
  await expect(admin.getByRole("region", { name: boardName }).getByText("On: members' new ideas wait for staff approval")).toBeVisible();
  await expect(admin.getByRole("region", { name: boardName }).getByRole("button", { name: "Stop requiring approval" })).toBeVisible();
  await expectNoA11yViolations(admin);

  // ------------------------------------------------------------ a member posts: awaiting approval
  const memberEmail = uniqueEmail("approval-member");
  await signUp(page, `Mia ${tag}`, memberEmail);
  const title = `Calendar sync ${tag}`;
  const ideaPath = await postIdea(page, slug, title);
  await expect(page.getByRole("status").filter({ hasText: "Awaiting approval" })).toContainText("Only you and the staff can see this idea");
  await expectNoA11yViolations(page);
  await page.goto(`/?board=${slug}`);
  const mine = page.getByRole("region", { name: "Your ideas that are not on the board" });
  await expect(mine.getByRole("link", { name: title })).toBeVisible();
  await expect(mine.getByText("Awaiting approval")).toBeVisible();
  await expectNoA11yViolations(page);

  // ------------------------------------------------------------ a signed-out visitor sees nothing of it
  const visitor = await watchedPage(browser, watchConsole);
  await visitor.goto(`/?board=${slug}`);
  await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(visitor.getByText(title)).toHaveCount(0);
  const missing = await visitor.goto(ideaPath);
  expect(missing?.status()).toBe(404);
  await expect(visitor.getByText(title)).toHaveCount(0);

  // ------------------------------------------------------------ staff approve it from the queue
  const since = Date.now();
  await admin.goto("/admin/moderation");
  await expect(admin.getByRole("link", { name: /^Approval, \d+ ideas? waiting$/ })).toBeVisible();
  const queued = admin.getByRole("listitem").filter({ hasText: title });
  await expect(queued).toContainText(boardName);
  await expect(queued).toContainText(`Mia ${tag}`);
  await expectNoA11yViolations(admin);
  await queued.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `Approved: “${title}” is on its board now.` })).toBeVisible();
  await expect(admin.getByRole("listitem").filter({ hasText: title })).toHaveCount(0);
  await expectNoA11yViolations(admin);

  await visitor.goto(`/?board=${slug}`);
  await expect(visitor.getByRole("link", { name: title })).toBeVisible();
  await visitor.goto(ideaPath);
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(visitor.getByText("Awaiting approval")).toHaveCount(0);
  await expectNoA11yViolations(visitor);
  const approvedMail = await readLatestEmail(memberEmail, { since });
  expect(approvedMail.subject).toBe(`Your idea “${title}” was approved`);

  // ------------------------------------------------------------ a second idea is rejected with a reason
  const offTopic = `Where is my invoice ${tag}`;
  const offTopicPath = await postIdea(page, slug, offTopic);
  await admin.goto("/admin/moderation");
  const second = admin.getByRole("listitem").filter({ hasText: offTopic });
  await second.getByRole("button", { name: "Reject" }).click();
  await expect(admin.getByRole("listitem").filter({ hasText: offTopic }).getByText("Give a reason (up to 500 characters).")).toBeVisible();
  await admin.getByRole("listitem").filter({ hasText: offTopic }).getByLabel("Reason for rejecting").fill("Billing questions go to the help desk");
  await admin.getByRole("listitem").filter({ hasText: offTopic }).getByRole("button", { name: "Reject" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `Rejected: the author of “${offTopic}” was told why.` })).toBeVisible();
  await expectNoA11yViolations(admin);

  await page.goto(offTopicPath);
  const notice = page.getByRole("status").filter({ hasText: "Not approved" });
  await expect(notice).toContainText("Billing questions go to the help desk");
  await expectNoA11yViolations(page);
  expect((await visitor.goto(offTopicPath))?.status()).toBe(404);

  // ------------------------------------------------------------ staff decide on the idea's own page
  const third = `Export to spreadsheet ${tag}`;
  const thirdPath = await postIdea(page, slug, third);
  await admin.goto(thirdPath);
  await expect(admin.getByRole("status").filter({ hasText: "Awaiting approval" })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Approve" })).toBeVisible();
  await expectNoA11yViolations(admin);
  await admin.getByLabel("Reason for rejecting").fill("Already on the roadmap elsewhere");
  await admin.getByRole("button", { name: "Reject" }).click();
  await expect(admin).toHaveURL(new RegExp(`${thirdPath}$`));
  await expect(admin.getByRole("status").filter({ hasText: "Not approved" })).toContainText("Already on the roadmap elsewhere");
  // A rejected idea can still be approved, not rejected again.
  await expect(admin.getByRole("button", { name: "Reject" })).toHaveCount(0);
  await expectNoA11yViolations(admin);
  expect((await visitor.goto(thirdPath))?.status()).toBe(404);

  // Without JavaScript: the form posts, the page comes back with the idea public.
  const noJsContext = await browser.newContext({ javaScriptEnabled: false, storageState: await admin.context().storageState() });
  const noJs = await noJsContext.newPage();
  watchConsole(noJs);
  await noJs.goto(thirdPath);
  await noJs.getByRole("button", { name: "Approve" }).click();
  await expect(noJs.getByRole("heading", { level: 1, name: third })).toBeVisible();
  await expect(noJs.getByText("Not approved")).toHaveCount(0);
  await expect(noJs.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await noJsContext.close();
  await visitor.goto(thirdPath);
  await expect(visitor.getByRole("heading", { level: 1, name: third })).toBeVisible();
});
