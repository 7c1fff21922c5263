/**
 * Triage: a member posts ideas on a fresh board; staff see them in the inbox (the header's Inbox
 * link counts them), walk the list with the keyboard (j / k, s opens the status form; the keys do
 * nothing while typing in a field), answer one, bulk-change the status of the others, and move an
 * idea to another board (the staff timeline says so). The member can no longer edit the idea
 * staff answered, and is refused the inbox. Axe on every page seen, at both widths.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, signUp, uniqueEmail, watchedPage } from "./helpers";

const watchConsole = failOnConsoleErrors();

async function postIdea(page: Page, board: string, title: string): Promise<{ path: string; number: number }> {
  await page.goto("/ideas/new");
  await page.getByLabel("Board").selectOption({ label: board });
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const path = new URL(page.url()).pathname;
  return { path, number: Number(/^\/ideas\/(\d+)/.exec(path)![1]) };
}

/** The header's main navigation as the viewport shows it (inside the Menu on a phone). */
async function mainNavigation(page: Page, project: string) {
  if (project === "phone") await page.locator("header summary", { hasText: "Menu" }).click();
  return page.getByRole("navigation", { name: "Main" }).filter({ visible: true });
}

test("staff triage with the keyboard, bulk-change statuses and move an idea; the author's edits lock", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;
  const boardName = `Triage ${tag}`;
  const slug = `triage-${tag}`.toLowerCase();
  const titles = [`Export invoices ${tag}`, `Dark theme ${tag}`, `Calendar sync ${tag}`];

  // ------------------------------------------------------------ an admin makes a board
  const staff = await watchedPage(browser, watchConsole);
  await signUp(staff, `Sam ${tag}`, `triage-admin-${project}@example.test`);
  await staff.goto("/admin/boards");
  const newBoard = staff.getByRole("region", { name: "New board" });
  await newBoard.getByLabel("Name").fill(boardName);
  await newBoard.getByLabel("Slug (in the address)").fill(slug);
  await newBoard.getByRole("button", { name: "Create" }).click();
  await expect(staff.getByRole("status")).toContainText("The board was created.");

  // ------------------------------------------------------------ a member posts three ideas there
  await signUp(page, `Mia ${tag}`, uniqueEmail("triage-member"));
  const ideas = [];
  for (const title of titles) ideas.push(await postIdea(page, boardName, title));
  await page.goto("/admin/inbox");
  await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();

  // ------------------------------------------------------------ the inbox, from the header
  await staff.goto("/");
  const nav = await mainNavigation(staff, project);
  await expect(nav.getByRole("link", { name: /^Inbox, \d+\+? ideas? waiting$/ })).toBeVisible();
  await staff.goto(`/admin/inbox?board=${slug}`);
  await expect(staff.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  const list = staff.getByRole("list", { name: "Ideas waiting for an answer" });
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await expect(list.getByRole("link")).toHaveText(titles);
  await expect(list.getByRole("listitem").first()).toContainText("1 vote");
  await expect(list.getByRole("listitem").first()).toContainText("posted today");
  await expect(staff.getByText(/Keyboard: j and k move/)).toBeVisible();
  await expectNoA11yViolations(staff);

  // ------------------------------------------------------------ keyboard: j / k move the focus, not while typing
  // The shortcuts start once the page is interactive (the "select all" link has become a tick box).
  await expect(staff.getByRole("checkbox", { name: "Select all on this page" })).toBeVisible();
  await staff.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await staff.keyboard.press("j");
  await expect(list.getByRole("link", { name: titles[0] })).toBeFocused();
  await staff.keyboard.press("j");
  await expect(list.getByRole("link", { name: titles[1] })).toBeFocused();
  await staff.keyboard.press("k");
  await expect(list.getByRole("link", { name: titles[0] })).toBeFocused();
  const note = staff.getByLabel("Public note");
  await note.fill("jjk");
  await expect(note).toBeFocused();
  await expect(note).toHaveValue("jjk");
  await note.fill("");
  await list.getByRole("link", { name: titles[0] }).focus();
  await staff.keyboard.press("j");
  await expect(list.getByRole("link", { name: titles[1] })).toBeFocused();

  // s opens the focused idea's status form, ready to choose.
  await staff.keyboard.press("s");
  await expect(staff.getByRole("heading", { level: 1, name: titles[1] })).toBeVisible();
  const statusSelect = staff.getByLabel("New status");
  await expect(statusSelect).toBeFocused();
  await statusSelect.selectOption({ label: "Planned" });
  await staff.getByRole("button", { name: "Change status" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "Planned" })).toBeVisible();

  // Answered: it left the inbox.
  await staff.goto(`/admin/inbox?board=${slug}`);
  await expect(list.getByRole("link")).toHaveText([titles[0], titles[2]]);

  // ------------------------------------------------------------ bulk: both remaining to Under review
  await staff.getByRole("checkbox", { name: "Select all on this page" }).check();
  const bulk = staff.getByRole("region", { name: "Act on the selected ideas" });
  await bulk.getByLabel("Action").selectOption({ label: "Change status" });
  await bulk.getByLabel("New status").selectOption({ label: "Under review" });
  await bulk.getByLabel("Public note").fill(`Looking into these ${tag}`);
  await bulk.getByRole("button", { name: "Apply to selected" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "Done for 2 ideas." })).toBeVisible();
  await expect(staff.getByText("Nothing is waiting.")).toBeVisible();
  await expectNoA11yViolations(staff);

  // ------------------------------------------------------------ move an idea to the default board
  await staff.goto(ideas[0].path);
  await expect(staff.getByText(`Looking into these ${tag}`).first()).toBeVisible();
  const move = staff.getByRole("region", { name: "Move to another board" });
  await move.getByLabel("Board").selectOption({ label: "Feature requests" });
  await move.getByRole("button", { name: "Move" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "The idea is now on the board Feature requests." })).toBeVisible();
  await expect(staff.getByText(`Sam ${tag} moved this idea from the board ${boardName} to Feature requests`)).toBeVisible();
  await expectNoA11yViolations(staff);
  await staff.goto(`/?board=${slug}`);
  await expect(staff.getByRole("link", { name: titles[1] })).toBeVisible();
  await expect(staff.getByRole("link", { name: titles[0] })).toHaveCount(0);

  // ------------------------------------------------------------ the author can no longer edit an answered idea
  await page.goto(ideas[1].path);
  await expect(page.getByRole("heading", { level: 1, name: titles[1] })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit idea" })).toHaveCount(0);
  await page.goto(`/ideas/${ideas[1].number}/edit`);
  await expect(page.getByText(/can no longer be changed/)).toBeVisible();
  await expectNoA11yViolations(page);
});
