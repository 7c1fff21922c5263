/**
 * Accounts: Settings › Account at desktop and phone widths — change the password (other devices
 * signed out, this one kept), change the email address by the link sent to it, download my data,
 * delete the account keeping what was written (shown as "deleted user"); and an idea's link
 * preview tags.
 */
import fs from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_PASSWORD, expectNoA11yViolations, failOnConsoleErrors, pageApi as api, readLatestEmail, signUp, uniqueEmail } from "./helpers";

const watchConsole = failOnConsoleErrors();

async function newPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  watchConsole(page);
  return page;
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Signed out means /settings sends you to sign in. */
async function expectSignedOut(page: Page) {
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings%2Faccount$/);
}

test("change password (other devices signed out), change email by its link, download my data", async ({ page, browser }) => {
  const email = uniqueEmail("acct");
  await signUp(page, "Acct Holder", email);
  const laptop = await newPage(browser);
  await signIn(laptop, email, E2E_PASSWORD);

  await page.goto("/settings/account");
  await expect(page.getByRole("heading", { level: 2, name: "Change password" })).toBeVisible();
  await expectNoA11yViolations(page);

  // A wrong current password is a field error.
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password").fill("a newer passphrase here");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel("Current password").fill(E2E_PASSWORD);
  await page.getByLabel("New password").fill("a newer passphrase here");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");
  // This browser stays signed in; the other one is signed out.
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "Change password" })).toBeVisible();
  await expectSignedOut(laptop);
  await laptop.context().close();

  // Email: the address changes only once the link sent to the new one is used.
  const newEmail = uniqueEmail("acct-new");
  const since = Date.now();
  await page.getByLabel("New address").fill(newEmail);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByRole("status")).toContainText(`Check ${newEmail}`);
  await expect(page.getByLabel("Current address")).toHaveValue(email);
  const mail = await readLatestEmail(newEmail, { since, subjectIncludes: "Confirm your new" });
  const link = mail.links.find((l) => /\/email-change\//.test(l));
  expect(link).toBeTruthy();
  await page.goto(new URL(link!).pathname);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your new email address" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Use this address" }).click();
  await expect(page.getByRole("status")).toContainText(`your account's email address is now ${newEmail}`);
  const notice = await readLatestEmail(email, { since, subjectIncludes: "was changed" });
  expect(notice.text).toContain(newEmail);
  await page.goto("/settings/account");
  await expect(page.getByLabel("Current address")).toHaveValue(newEmail);

  // Download my data.
  await api(page, "POST", "/api/v1/ideas", { board: "feature-requests", title: `Export me ${Date.now().toString(36)}`, body: "Details" });
  await page.reload();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data (JSON)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^loopboard-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await fs.readFile((await download.path())!, "utf8"));
  expect(data.profile).toMatchObject({ name: "Acct Holder", email: newEmail });
  expect(data.ideas).toEqual([expect.objectContaining({ title: expect.stringMatching(/^Export me /) })]);
});

test("delete my account, keeping my ideas and comments as 'deleted user'", async ({ page, browser }, testInfo) => {
  const title = `Left behind ${testInfo.project.name}${Date.now().toString(36)}`;
  const email = uniqueEmail("leaver");
  await signUp(page, "Leaving Person", email);
  const created = await api<{ idea: { number: number; url: string } }>(page, "POST", "/api/v1/ideas", { board: "feature-requests", title, body: "Worth keeping" });
  expect(created.status).toBe(201);
  const ideaPath = new URL(created.json.idea.url).pathname;
  expect((await api(page, "POST", `/api/v1/ideas/${created.json.idea.number}/comments`, { body: "My last words" })).status).toBe(201);

  // Someone else votes, so the count must drop by exactly one (the author's own vote).
  const voter = await newPage(browser);
  await signUp(voter, "Stayer", uniqueEmail("stayer"));
  expect((await api(voter, "POST", `/api/v1/ideas/${created.json.idea.number}/vote`)).status).toBe(200);

  await page.goto("/settings/account");
  await page.getByLabel("Keep them, shown as by “deleted user”").check();
  await page.getByLabel("Your password, to confirm").fill("a wrong password");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("That does not match. Nothing was deleted.")).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel("Your password, to confirm").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/account-deleted$/);
  await expect(page.getByRole("status")).toContainText("Your account is deleted.");
  await expectNoA11yViolations(page);
  await expectSignedOut(page);

  await voter.goto(ideaPath);
  await expect(voter.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(voter.getByText("deleted user").first()).toBeVisible();
  await expect(voter.getByText("My last words")).toBeVisible();
  const idea = await api<{ idea: { voteCount: number; commentCount: number; author: { name: string } } }>(voter, "GET", `/api/v1/ideas/${created.json.idea.number}`);
  expect(idea.json.idea).toMatchObject({ voteCount: 1, commentCount: 1, author: { name: "" } });
  await expectNoA11yViolations(voter);

  // The address is free again, and the old password opens nothing.
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("do not match");
});

test("an idea's page has a description and Open Graph tags for link previews", async ({ page }, testInfo) => {
  await signUp(page, "Sharer", uniqueEmail("sharer"));
  const title = `Preview me ${testInfo.project.name}${Date.now().toString(36)}`;
  const created = await api<{ idea: { url: string } }>(page, "POST", "/api/v1/ideas", { board: "feature-requests", title, body: "## Why\n\nLink **previews** matter." });
  await page.goto(new URL(created.json.idea.url).pathname);
  const content = (selector: string) => page.locator(selector).getAttribute("content");
  expect(await content('meta[property="og:title"]')).toBe(title);
  const description = await content('meta[name="description"]');
  expect(description).toMatch(/Link previews matter\.$/);
  expect(description).not.toMatch(/[#*]/);
  expect(await content('meta[property="og:description"]')).toBe(description);
  expect(await content('meta[property="og:type"]')).toBe("article");
  expect(await content('meta[property="og:url"]')).toBe(created.json.idea.url);
  await page.goto("/roadmap");
  expect(await content('meta[name="description"]')).toMatch(/^Suggest ideas/);
});
