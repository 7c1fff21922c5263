/**
 * Closing the loop: staff ship an idea with a note; a voter hears about it once, in the app (the
 * bell) and by email; the email's one-click unsubscribe stops the next one. Along the way the
 * status form, timeline, roadmap, changelog (and its feed) and notifications pages are checked
 * with axe, at the project's width (desktop and phone).
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, readLatestEmail, signUp, uniqueEmail } from "./helpers";

/** Console errors fail every test here (see failOnConsoleErrors). */
const watchConsole = failOnConsoleErrors();

/** A second person in the same project (same viewport), with the console watched. */
async function newPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  watchConsole(page);
  return page;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const bell = (page: Page) => page.getByRole("banner").getByRole("link", { name: /^Notifications/ });

async function voteFor(page: Page, ideaPath: string, title: string) {
  await page.goto(ideaPath);
  const button = page.getByRole("button", { name: new RegExp(`^Vote for ${escapeRegExp(title)} \\(`) });
  // The button turns pressed at once (optimistic); the vote is saved when the server has answered.
  const saved = page.waitForResponse((r) => /\/ideas\/\d+\/vote/.test(new URL(r.url()).pathname) && r.request().method() === "POST");
  await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true");
  expect((await saved).ok()).toBe(true);
}

/** Nothing sticks out sideways: the page fits the viewport (phones included). */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}

test("staff ship an idea: the voter's bell and inbox say so once, and one-click unsubscribe stops the next email", async ({ page, browser, request }, testInfo) => {
  test.setTimeout(150_000);
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;
  const title = `Dark mode ${tag}`;
  const staffName = `Sam ${tag}`;
  const voterEmail = uniqueEmail("voter");
  const otherEmail = uniqueEmail("other");

  // ------------------------------------------------------------ staff post an idea; two people vote for it
  const staff = await newPage(browser);
  await signUp(staff, staffName, `updates-admin-${project}@example.test`);
  await staff.goto("/ideas/new");
  await staff.getByLabel("Title").fill(title);
  await staff.getByRole("button", { name: "Post idea" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const ideaPath = new URL(staff.url()).pathname;

  await signUp(page, `Vera ${tag}`, voterEmail);
  await voteFor(page, ideaPath, title);
  // Voting follows the idea; members see no follower count and no status form.
  await expect(page.getByRole("button", { name: "Unfollow" })).toBeVisible();
  await expect(page.getByText("You follow this idea")).toBeVisible();
  await expect(page.getByRole("region", { name: "Change the status" })).toHaveCount(0);
  await expect(bell(page)).toHaveAccessibleName("Notifications");

  const other = await newPage(browser);
  await signUp(other, `Otto ${tag}`, otherEmail);
  await voteFor(other, ideaPath, title);
  await other.context().close();

  // ------------------------------------------------------------ the status form: a field error, then shipped
  await staff.reload();
  const form = staff.getByRole("region", { name: "Change the status" });
  await expect(staff.getByText("3 followers")).toBeVisible();
  // Everyone but the staff member making the change.
  const notify = form.getByLabel("Notify 2 people");
  await expect(notify).toBeChecked();
  await expectNoA11yViolations(staff);
  await expectNoSidewaysScroll(staff);

  await form.getByLabel("New status").selectOption("declined");
  await form.getByRole("button", { name: "Change status" }).click();
  await expect(form.getByText("Say why the idea is declined: a note is required.")).toBeVisible();
  await expect(form.getByLabel("Public note")).toHaveAttribute("aria-invalid", "true");
  await expectNoA11yViolations(staff);

  await form.getByLabel("New status").selectOption("shipped");
  await form.getByLabel("Public note").fill("It is **live** for everyone & <all> of you.");
  const shippedAt = Date.now();
  await form.getByRole("button", { name: "Change status" }).click();
  const entry = staff.getByRole("article", { name: `${staffName} changed the status from Open to Shipped` });
  await expect(entry).toBeVisible();
  // The page confirms what happened, and who will hear about it.
  await expect(staff.getByRole("status").filter({ hasText: "Shipped — 2 people will be told." })).toBeVisible();
  await expect(entry.locator("strong", { hasText: "live" })).toBeVisible();
  await expect(entry).toContainText("for everyone & <all> of you.");
  await expect(staff.locator(".idea-meta .status")).toHaveText("Shipped");
  await expectNoA11yViolations(staff);

  // ------------------------------------------------------------ the voter: bell → notifications → the idea
  await expect
    .poll(
      async () => {
        await page.reload();
        return bell(page).getAttribute("aria-label");
      },
      { timeout: 20_000, message: "the bell counts the status change" },
    )
    .toBe("Notifications, 1 unread");
  await expect(bell(page).locator(".bell__count")).toHaveText("1");
  await expectNoA11yViolations(page);
  await bell(page).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const item = page.getByRole("listitem").filter({ hasText: `${title} shipped` });
  await expect(item.getByText("Unread", { exact: true })).toBeVisible();
  await expect(item.getByRole("button", { name: "Mark as read" })).toBeVisible();
  await expectNoA11yViolations(page);
  await expectNoSidewaysScroll(page);
  await item.getByRole("link", { name: `${title} shipped` }).click();
  // It lands on the answer: the latest status, its note and its date, under the idea's title.
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(ideaPath)}#latest-status$`));
  const latest = page.getByRole("region", { name: new RegExp(`^Shipped Latest update from ${escapeRegExp(staffName)},`) });
  await expect(latest).toBeVisible();
  await expect(latest.locator("strong", { hasText: "live" })).toBeVisible();
  await expect(latest.locator("time")).toBeVisible();
  await expect(latest).toBeInViewport();
  await expect(bell(page)).toHaveAccessibleName("Notifications");
  await expect(page.getByRole("article", { name: `${staffName} changed the status from Open to Shipped` })).toBeVisible();
  await page.goto("/notifications");
  await expect(page.getByText("You have read everything.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: `${title} shipped` }).getByText("Unread", { exact: true })).toHaveCount(0);

  // ------------------------------------------------------------ roadmap, changelog and its feed show it
  await page.goto("/roadmap");
  const shippedColumn = page.getByRole("region", { name: "Shipped" });
  await expect(shippedColumn.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByRole("region", { name: "Planned" })).toBeVisible();
  await expectNoA11yViolations(page);
  await expectNoSidewaysScroll(page);
  await page.getByLabel("Board").selectOption("feature-requests");
  await page.getByRole("button", { name: "Apply" }).click();
  // Once any tag exists, the form's tag field is sent too, empty (all tags).
  await expect(page).toHaveURL(/\/roadmap\?board=feature-requests(&tag=)?$/);
  await expect(page.getByRole("region", { name: "Shipped" }).getByRole("link", { name: title })).toBeVisible();

  await page.goto("/changelog");
  const shippedEntry = page.getByRole("article", { name: title });
  await expect(shippedEntry).toContainText("Shipped");
  await expect(shippedEntry.locator("strong", { hasText: "live" })).toBeVisible();
  const month = new Date().toLocaleDateString("en", { month: "long", year: "numeric", timeZone: "UTC" });
  await expect(page.getByRole("heading", { level: 2, name: month })).toBeVisible();
  const feedHref = await page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
  expect(feedHref).toBe("/changelog.atom");
  await expectNoA11yViolations(page);
  await expectNoSidewaysScroll(page);
  const feed = await request.get(feedHref!);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  const xml = await feed.text();
  expect(xml).toContain(`<title type="text">${title}</title>`);
  expect(xml).toContain("&lt;strong&gt;live&lt;/strong&gt;");

  // ------------------------------------------------------------ the email, and its one-click unsubscribe
  const mail = await readLatestEmail(voterEmail, { subjectIncludes: title, since: shippedAt, timeoutMs: 20_000 });
  expect(mail.subject).toBe(`Shipped: “${title}”`);
  expect(mail.text).toContain("has shipped");
  expect(mail.text).toMatch(/It is \**live/);
  const unsubscribe = /<(https?:\/\/[^>]+\/unsubscribe\/[A-Za-z0-9_-]+)>/.exec(mail.headers["list-unsubscribe"] ?? "")?.[1];
  expect(unsubscribe, "an https unsubscribe URL in List-Unsubscribe").toBeTruthy();
  // RFC 8058: the mail provider POSTs without cookies or an Origin header.
  const oneClick = await request.post(unsubscribe!, { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(200);
  await page.goto(ideaPath);
  await expect(page.getByRole("button", { name: "Follow", exact: true })).toBeVisible();

  // ------------------------------------------------------------ the next change: the other voter hears, the unsubscribed one does not
  await staff.reload();
  await expect(form.getByLabel("Notify 1 person")).toBeChecked();
  await form.getByLabel("New status").selectOption("in_progress");
  await form.getByLabel("Public note").fill("Found a problem on older phones; back in progress.");
  const secondAt = Date.now();
  await form.getByRole("button", { name: "Change status" }).click();
  await expect(staff.getByRole("article", { name: `${staffName} changed the status from Shipped to In progress` })).toBeVisible();
  const otherMail = await readLatestEmail(otherEmail, { subjectIncludes: title, since: secondAt, timeoutMs: 20_000 });
  expect(otherMail.subject).toContain("In progress");
  // Both emails would go out in the same run of the job: give a late one a few more seconds.
  await page.waitForTimeout(4000);
  await expect(readLatestEmail(voterEmail, { since: secondAt, timeoutMs: 500 })).rejects.toThrow(/No email/);
  await staff.context().close();
});

test("roadmap, changelog and notifications are accessible, keyboard-usable and fit the screen; Follow works with and without JavaScript", async ({ page, browser }, testInfo) => {
  for (const path of ["/roadmap", "/changelog"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);
    await expectNoSidewaysScroll(page);
  }
  // Every column is a region with a heading and, when it has ideas, a list.
  await page.goto("/roadmap");
  for (const name of ["Under review", "Planned", "In progress", "Shipped"]) {
    await expect(page.getByRole("region", { name }).getByRole("heading", { level: 2, name })).toBeVisible();
  }
  // On a phone the main navigation is behind the header's menu.
  if (testInfo.project.name === "phone") await page.locator("header summary", { hasText: "Menu" }).click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Roadmap" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Changelog" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Changelog" })).toBeVisible();
  const unknown = await page.goto("/roadmap?board=no-such-board");
  expect(unknown?.status()).toBe(404);

  await signUp(page, `Nell ${testInfo.project.name}`, uniqueEmail("nell"));
  // The bell by keyboard.
  await bell(page).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByText("No notifications yet.")).toBeVisible();
  await expectNoA11yViolations(page);
  await expectNoSidewaysScroll(page);
  // Every header link is on screen at this width (the nav wraps rather than overflowing).
  for (const link of await nav.getByRole("link").all()) await expect(link).toBeInViewport();
  await expect(bell(page)).toBeInViewport();

  // Follow / Unfollow: the author follows their idea; the button flips in place (a fetcher).
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(`Follow check ${testInfo.project.name} ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Post idea" }).click();
  await page.waitForURL(/\/ideas\/\d+\//);
  const ideaPath = new URL(page.url()).pathname;
  const unfollowed = page.waitForResponse((r) => r.url().includes(`/follow`) && r.request().method() === "POST");
  await page.getByRole("button", { name: "Unfollow" }).click();
  await expect(page.getByRole("button", { name: "Follow", exact: true })).toBeVisible();
  expect((await unfollowed).status()).toBe(200);
  await expect(page.getByText("Follow this idea to hear about")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(ideaPath)}$`));
  await page.reload();
  await expect(page.getByRole("button", { name: "Follow", exact: true })).toBeVisible();
  await expectNoA11yViolations(page);
  // Without JavaScript the same button is a plain form that comes back to the page.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto(ideaPath);
  await plain.getByRole("button", { name: "Follow", exact: true }).click();
  await expect(plain).toHaveURL(new RegExp(`${escapeRegExp(ideaPath)}#follow$`));
  await expect(plain.getByRole("button", { name: "Unfollow" })).toBeVisible();
  await expect(plain.getByText("You follow this idea")).toBeVisible();
  await noScript.close();
});
