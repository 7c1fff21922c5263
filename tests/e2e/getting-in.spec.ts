/**
 * Getting in without losing your place: a vote pressed while signed out is cast once the person
 * has signed in, or has signed up and confirmed their address by the emailed link; an idea
 * written while signed out survives the sign-in.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_PASSWORD as PASSWORD, expectNoA11yViolations, failOnConsoleErrors, readLatestEmail, signUp, uniqueEmail } from "./helpers";

const watchConsole = failOnConsoleErrors();

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const voteButton = (page: Page, title: string) => page.getByRole("button", { name: new RegExp(`^Vote for ${escapeRegExp(title)} \\(`) });

async function visitor(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}) {
  const page = await (await browser.newContext(options)).newPage();
  watchConsole(page);
  return page;
}

/** An idea posted by someone else; returns its canonical path. */
async function postIdea(page: Page, title: string): Promise<string> {
  await signUp(page, "Idea Author", uniqueEmail("author"));
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("vote signed out → sign up → confirm by the emailed link → back on the idea with the vote cast", async ({ page, browser }, testInfo) => {
  const title = `Dark mode for reports ${testInfo.project.name}${Date.now().toString(36)}`;
  const ideaPath = await postIdea(page, title);
  const number = ideaPath.split("/")[2];

  const newcomer = await visitor(browser);
  await newcomer.goto(ideaPath);
  await voteButton(newcomer, title).click();
  await expect(newcomer.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(newcomer.getByText("Sign in and your vote is counted.")).toBeVisible();
  await expectNoA11yViolations(newcomer);

  // No account yet: sign up from here, keeping the place.
  await newcomer.getByRole("main").getByRole("link", { name: "Sign up" }).click();
  await expect(newcomer).toHaveURL(new RegExp(`/join\\?redirectTo=%2Fideas%2F${number}%23idea-${number}&then=vote%3A${number}$`));
  await expect(newcomer.getByText("your vote is counted once you confirm")).toBeVisible();
  await expectNoA11yViolations(newcomer);
  const email = uniqueEmail("newcomer");
  const since = Date.now();
  await newcomer.getByLabel("Display name").fill("New Voter");
  await newcomer.getByLabel("Email").fill(email);
  await newcomer.getByLabel("Password").fill(PASSWORD);
  await newcomer.getByRole("button", { name: "Create account" }).click();
  await expect(newcomer.getByRole("status")).toContainText("confirm your address to finish");
  const mail = await readLatestEmail(email, { since });
  expect(mail.subject).toBe("Confirm your email address to finish signing up");
  expect(mail.text).not.toMatch(/account is ready/i);

  // Trying to sign in before confirming says so, and sends the link again.
  await newcomer.goto("/login");
  await newcomer.getByLabel("Email").fill(email);
  await newcomer.getByLabel("Password").fill(PASSWORD);
  await newcomer.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(newcomer.getByRole("alert")).toContainText("not confirmed your email address");
  await expectNoA11yViolations(newcomer);
  const resentSince = Date.now();
  await newcomer.getByRole("button", { name: "Send the link again" }).click();
  await expect(newcomer.getByRole("status")).toContainText("a new link is on its way");
  const resent = await readLatestEmail(email, { since: resentSince });
  expect(resent.subject).toBe("Confirm your email address to finish signing up");

  // The link opens a page that explains its one button, then lands back on the idea, voted.
  await newcomer.goto(new URL(resent.links.find((l) => /\/auth\/link\//.test(l))!).pathname);
  await expect(newcomer.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await expect(newcomer.getByText("so that mail scanners, which open links, cannot use yours up")).toBeVisible();
  await expectNoA11yViolations(newcomer);
  await newcomer.getByRole("button", { name: "Confirm and sign in" }).click();
  await expect(newcomer.getByRole("heading", { level: 1, name: title })).toBeVisible();
  expect(new URL(newcomer.url()).pathname).toBe(ideaPath);
  await expect(voteButton(newcomer, title)).toHaveAttribute("aria-pressed", "true");
  await expect(voteButton(newcomer, title)).toHaveAccessibleName(`Vote for ${title} (2 votes)`);
  await expectNoA11yViolations(newcomer);
  await newcomer.context().close();
});

test("vote signed out from the board → sign in → back on the idea with the vote cast", async ({ page, browser }, testInfo) => {
  const title = `Export to CSV ${testInfo.project.name}${Date.now().toString(36)}`;
  await postIdea(page, title);
  const email = uniqueEmail("returning");
  const returning = await visitor(browser);
  await signUp(returning, "Returning Voter", email);
  await returning.getByRole("button", { name: "Sign out" }).click();
  await expect(returning.getByRole("link", { name: "Sign in" })).toBeVisible();

  await returning.goto("/?sort=new");
  await voteButton(returning, title).click();
  await expect(returning.getByText("Sign in and your vote is counted.")).toBeVisible();
  await returning.getByLabel("Email").fill(email);
  await returning.getByLabel("Password").fill(PASSWORD);
  await returning.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(returning.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(voteButton(returning, title)).toHaveAttribute("aria-pressed", "true");
  await expect(voteButton(returning, title)).toHaveAccessibleName(`Vote for ${title} (2 votes)`);
  await returning.context().close();
});

test("an idea written signed out survives signing in, with and without JavaScript", async ({ page, browser }, testInfo) => {
  const email = uniqueEmail("drafter");
  const setup = await visitor(browser);
  await signUp(setup, "Drafter", email);
  await setup.context().close();

  const title = `Remember my filters ${testInfo.project.name}${Date.now().toString(36)}`;
  const noJs = await visitor(browser, { javaScriptEnabled: false });
  await noJs.goto("/ideas/new");
  await expect(noJs.getByText("what you write here is kept")).toBeVisible();
  await noJs.getByLabel("Title").fill(title);
  await noJs.getByLabel("Details").fill("Keep **these** words.");
  await noJs.getByRole("button", { name: "Post idea" }).click();
  await expect(noJs.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await noJs.getByLabel("Email").fill(email);
  await noJs.getByLabel("Password").fill(PASSWORD);
  await noJs.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(noJs.getByRole("status")).toContainText("Your draft is back");
  await expect(noJs.getByLabel("Title")).toHaveValue(title);
  await expect(noJs.getByLabel("Details")).toHaveValue("Keep **these** words.");
  await noJs.getByRole("button", { name: "Post idea" }).click();
  await expect(noJs.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await noJs.context().close();

  // With JavaScript the same, and the pages are checked with axe on the way.
  await page.goto("/ideas/new");
  await expect(page.getByText("what you write here is kept")).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel("Title").fill(`${title} too`);
  await page.getByRole("button", { name: "Post idea" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByLabel("Title")).toHaveValue(`${title} too`);
  await expectNoA11yViolations(page);
});
