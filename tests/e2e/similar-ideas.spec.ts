/**
 * A customer about to post an idea that exists already: typing its title on /ideas/new suggests
 * the existing idea (a word of its body is enough, on another board, written without the
 * diacritics), with its status and votes, and they vote for it right there instead of posting.
 */
import { expect, test } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, signUp, uniqueEmail } from "./helpers";

const watchConsole = failOnConsoleErrors();

test("typing a title suggests the existing idea, with its status and votes, to vote for right there", async ({ page }, testInfo) => {
  watchConsole(page);
  const tag = `${testInfo.project.name}${Date.now().toString(36)}`;
  // The shared word is in the body, with a diacritic the second person will not type.
  const title = `Dark mode for the dashboard ${tag}`;

  await signUp(page, `Author ${tag}`, uniqueEmail("similar-author"));
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Details").fill(`The white background hurts at night. Čebelica${tag} would say so too.`);
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  // Signed out before the next sign-up opens /join: a navigation still under way could otherwise land after it.
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await signUp(page, `Customer ${tag}`, uniqueEmail("similar-customer"));
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(`Dark theme for the mobile app, cebelica${tag}`);

  const similar = page.getByRole("region", { name: "Similar ideas already posted" });
  const suggestion = similar.getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
  await expect(suggestion).toBeVisible();
  await expect(suggestion.getByText("Open", { exact: true })).toBeVisible();
  await expect(suggestion.getByText("1 vote", { exact: true })).toBeVisible();
  await expectNoA11yViolations(page);

  // Voting from the suggestion: the same button as on the board, no page load, and it stays voted.
  const vote = suggestion.getByRole("button", { name: `Vote for ${title} (1 vote)` });
  await expect(vote).toHaveAttribute("aria-pressed", "false");
  const voted = page.waitForResponse((r) => /\/ideas\/\d+\/vote$/.test(new URL(r.url()).pathname) && r.request().method() === "POST");
  await vote.click();
  expect((await voted).status()).toBe(200);
  const after = suggestion.getByRole("button", { name: `Vote for ${title} (2 votes)` });
  await expect(after).toHaveAttribute("aria-pressed", "true");
  await expect(suggestion.getByText("2 votes", { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/ideas\/new$/);
  await expect(page.getByLabel("Title")).toHaveValue(`Dark theme for the mobile app, cebelica${tag}`);
  await expectNoA11yViolations(page);

  // The vote is the customer's: the idea's page says so.
  await suggestion.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("button", { name: `Vote for ${title} (2 votes)` })).toHaveAttribute("aria-pressed", "true");
});

test("the idea form still posts with its body and button outside the title's form element", async ({ page }, testInfo) => {
  watchConsole(page);
  const tag = `${testInfo.project.name}${Date.now().toString(36)}`;
  await signUp(page, `Poster ${tag}`, uniqueEmail("similar-poster"));
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(`Export to spreadsheet ${tag}`);
  await page.getByLabel("Details").fill(`Monthly **totals** ${tag}.`);
  await page.getByLabel("Title").press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: `Export to spreadsheet ${tag}` })).toBeVisible();
  await expect(page.locator(".markdown strong", { hasText: "totals" })).toBeVisible();
});
