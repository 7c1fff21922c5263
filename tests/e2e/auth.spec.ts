import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations, readLatestEmail, uniqueEmail } from "./helpers";

const PASSWORD = "a long and unusual passphrase";

async function openEmailLink(page: Page, to: string, subjectIncludes: string, pathPattern: RegExp) {
  const mail = await readLatestEmail(to, { subjectIncludes });
  const link = mail.links.find((l: string) => pathPattern.test(l));
  expect(link, `a link matching ${pathPattern} in the email`).toBeTruthy();
  await page.goto(new URL(link!).pathname);
}

/** Signed in as `name`: the header's link to the account (inside the Menu on a phone). */
async function expectSignedInAs(page: Page, name: string) {
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const link = page.getByRole("link", { name });
  if (test.info().project.name === "phone") await page.locator("header summary").click();
  await expect(link).toBeVisible();
}

async function signUp(page: Page, name: string, email: string) {
  await page.goto("/join");
  await expectNoA11yViolations(page);
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText("Almost there");
  await openEmailLink(page, email, "Confirm your email address", /\/auth\/link\//);
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectSignedInAs(page, name);
}

test("sign up, sign out, sign in", async ({ page }) => {
  const email = uniqueEmail("journey");
  await signUp(page, "Journey Person", email);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.getByRole("link", { name: "Sign in" }).click();
  await expectNoA11yViolations(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("do not match");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectSignedInAs(page, "Journey Person");

  await page.getByRole("link", { name: "Journey Person" }).click();
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expectNoA11yViolations(page);
});

test("sign in by email link", async ({ page }) => {
  const email = uniqueEmail("link");
  await page.goto("/login");
  await page.getByRole("link", { name: "Email me a sign-in link instead" }).click();
  await expectNoA11yViolations(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("status")).toContainText("Check your inbox");
  await openEmailLink(page, email, "sign-in link", /\/auth\/link\//);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("reset a forgotten password", async ({ page }) => {
  const email = uniqueEmail("reset");
  await signUp(page, "Forgetful", email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expectNoA11yViolations(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("reset link is on its way");

  await openEmailLink(page, email, "Reset", /\/reset-password\//);
  await expectNoA11yViolations(page);
  await page.getByLabel("New password").fill("my new passphrase 2");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("my new passphrase 2");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectSignedInAs(page, "Forgetful");
});

test("a cross-site form post is refused", async ({ page, baseURL }) => {
  // A page on another site posts a form to /join with the browser's own cookies.
  await page.route("http://evil.example/", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><form id="f" method="post" action="${baseURL}/join">
        <input name="name" value="Victim"><input name="email" value="victim@example.test"><input name="password" value="${PASSWORD}">
        <button>Go</button></form>`,
    }),
  );
  await page.goto("http://evil.example/");
  const [response] = await Promise.all([page.waitForResponse(`${baseURL}/join`), page.getByRole("button", { name: "Go" }).click()]);
  expect(response.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  expect(await readLatestEmail("victim@example.test", { timeoutMs: 1000 }).catch(() => null)).toBeNull();
});

test("pages have no serious accessibility violations signed out", async ({ page }) => {
  for (const path of ["/", "/login", "/join", "/login/email", "/forgot-password", "/reset-password/not-a-token", "/auth/link/not-a-token", "/no-such-page"]) {
    await page.goto(path);
    await expectNoA11yViolations(page);
  }
});
