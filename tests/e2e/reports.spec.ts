/**
 * Reports: a member reports someone else's comment from the idea page (its author is offered no
 * Report on it); staff find it on /admin/reports with the reporter's name and reason, hide it from
 * there; the member no longer sees it. Axe on every page seen, at both widths.
 */
import { expect, test } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, signUp, uniqueEmail, watchedPage } from "./helpers";

const watchConsole = failOnConsoleErrors();

test("a member reports a comment; staff hide it from /admin/reports; the member no longer sees it", async ({ page, browser }, testInfo) => {
  test.setTimeout(300_000);
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;

  const staff = await watchedPage(browser, watchConsole);
  await signUp(staff, `Ada ${tag}`, `reports-admin-${project}@example.test`);
  await staff.goto("/ideas/new");
  await staff.getByLabel("Title").fill(`Dark mode ${tag}`);
  await staff.getByRole("button", { name: "Post idea" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: `Dark mode ${tag}` })).toBeVisible();
  const ideaPath = new URL(staff.url()).pathname;

  const author = await watchedPage(browser, watchConsole);
  await signUp(author, `Otto ${tag}`, uniqueEmail("reports-author"));
  await author.goto(ideaPath);
  const advert = `Cheap watches at my shop ${tag}`;
  await author.getByLabel("Add a comment").fill(advert);
  await author.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(author.getByText(advert)).toBeVisible();
  // Nobody reports their own words.
  await expect(author.getByRole("article").filter({ hasText: advert }).getByText("Report", { exact: true })).toHaveCount(0);

  // ------------------------------------------------------------ a member reports the comment
  await signUp(page, `Mira ${tag}`, uniqueEmail("reports-member"));
  await page.goto(ideaPath);
  const comment = page.getByRole("article").filter({ hasText: advert });
  await comment.getByText("Report", { exact: true }).click();
  await comment.getByLabel("Reason").selectOption({ label: "Spam" });
  await comment.getByLabel("Details").fill("An advert, not feedback");
  await expectNoA11yViolations(page);
  await comment.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Thank you: the team will look at your report." })).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: advert }).getByText("Report", { exact: true })).toHaveCount(0);
  await expectNoA11yViolations(page);

  // ------------------------------------------------------------ staff hide it from the queue
  // Staff report nothing: they hide.
  await staff.goto(ideaPath);
  await expect(staff.getByText("Report this idea")).toHaveCount(0);
  await staff.goto("/admin/reports");
  await expect(staff.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  const item = staff.getByRole("listitem").filter({ hasText: advert });
  await expect(item).toHaveCount(1);
  await expect(item.getByText(`Mira ${tag}`)).toBeVisible();
  await expect(item.getByText("An advert, not feedback")).toBeVisible();
  await expect(item.getByText("1 report", { exact: true })).toBeVisible();
  await expectNoA11yViolations(staff);
  await item.getByRole("button", { name: "Hide" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "Hidden from members; its reports are resolved." })).toBeVisible();
  await expect(staff.getByRole("listitem").filter({ hasText: advert })).toHaveCount(0);
  await expectNoA11yViolations(staff);

  // The idea page says why to staff, and the audit trail has it.
  await staff.goto(ideaPath);
  await expect(staff.getByRole("article").filter({ hasText: advert }).getByText("Spam: An advert, not feedback")).toBeVisible();

  // ------------------------------------------------------------ the member no longer sees it
  await page.reload();
  await expect(page.getByText(advert)).toHaveCount(0);
  await expectNoA11yViolations(page);
});
