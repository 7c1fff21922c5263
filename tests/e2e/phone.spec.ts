import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, pageApi, signUp, uniqueEmail } from "./helpers";

/** Console errors fail every test here (see failOnConsoleErrors). */
failOnConsoleErrors();

// The phone journeys: 390 px wide, touch (the "phone" project of playwright.config.ts).
test.skip(({ isMobile }) => !isMobile, "phone widths only");

const menuToggle = (page: Page) => page.locator("header summary", { hasText: "Menu" });

/** Every visible box of the banner's direct parts is on the first one's row. */
async function expectHeaderOnOneRow(page: Page) {
  const boxes = await page.locator(".site-header__inner > *").evaluateAll((elements) =>
    elements
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right })),
  );
  expect(boxes.length).toBeGreaterThanOrEqual(3);
  const row = boxes[0];
  for (const box of boxes) {
    // Vertically overlapping the first part: the same row, not wrapped under it.
    expect(box.top, JSON.stringify(boxes)).toBeLessThan(row.bottom);
    expect(box.bottom, JSON.stringify(boxes)).toBeGreaterThan(row.top);
    expect(box.right).toBeLessThanOrEqual(390);
    expect(box.left).toBeGreaterThanOrEqual(0);
  }
  const header = await page.getByRole("banner").boundingBox();
  expect(header!.height, "header height").toBeLessThanOrEqual(64);
}

/**
 * Every visible control smaller than 24 × 24 CSS px (WCAG 2.2, 2.5.8 Target Size (Minimum)),
 * leaving out the exception for links inside a sentence (user markdown, running text).
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = "a[href], button, summary, input:not([type=hidden]), select, textarea, [role=button], [tabindex]:not([tabindex='-1'])";
    const small: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (element.closest(".markdown, .skip-link") || !element.checkVisibility({ visibilityProperty: true })) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      // A link inside a paragraph of text is the "inline" exception.
      const parent = element.parentElement;
      if (element.tagName === "A" && parent?.tagName === "P" && parent.childNodes.length > 1 && Array.from(parent.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
      if (box.width < 24 || box.height < 24) {
        const name = (element.getAttribute("aria-label") || element.textContent || element.getAttribute("name") || "").trim().slice(0, 40);
        small.push(`${element.tagName.toLowerCase()}.${element.className} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

test("the header is one row with a menu, and Post an idea appears once on the board", async ({ page }) => {
  await page.goto("/");
  await expectHeaderOnOneRow(page);
  await expect(page.getByRole("link", { name: "Post an idea" })).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await signUp(page, "Phone reader", uniqueEmail("phone-header"));
  await page.goto("/");
  await expectHeaderOnOneRow(page);
  await expect(page.getByRole("link", { name: "Post an idea" })).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

  // The menu opens, holds the navigation, and takes you there.
  await menuToggle(page).click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Board" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Phone reader" })).toBeVisible();
  await expectNoA11yViolations(page);
  expect(await smallTargets(page)).toEqual([]);
  await nav.getByRole("link", { name: "Roadmap" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Roadmap" })).toBeVisible();
  // Closed after the page changed; away from the board, "Post an idea" is in it.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expectHeaderOnOneRow(page);
  await menuToggle(page).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Post an idea" })).toBeVisible();
  // Escape closes it and gives focus back to its button.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
});

test("the menu opens without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto("/changelog");
  await expectHeaderOnOneRow(page);
  await menuToggle(page).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roadmap" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Roadmap" })).toBeVisible();
  await context.close();
});

/** Posts `count` ideas titled "`tag` n" through the JSON API as the signed-in page. */
async function postIdeas(page: Page, tag: string, from: number, count: number) {
  for (let n = from; n < from + count; n++) {
    const answer = await pageApi(page, "POST", "/api/v1/ideas", { board: "feature-requests", title: `Swipe ${tag} ${n}` });
    expect(answer.status).toBe(201);
  }
}

test("More ideas adds the next page under the list, and is a link without JavaScript; filters apply on change", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const tag = `pg${Date.now().toString(36)}`;
  // 25 ideas: more than a page (20), from two people (each may post 20 an hour).
  await signUp(page, "Phone poster one", uniqueEmail("phone-one"));
  await postIdeas(page, tag, 1, 20);
  await page.getByRole("button", { name: "Sign out" }).click();
  // Signed out before the next sign-up opens /join: a navigation still under way could otherwise land after it.
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await signUp(page, "Phone poster two", uniqueEmail("phone-two"));
  await postIdeas(page, tag, 21, 5);

  await page.goto(`/?sort=new&q=${tag}`);
  const list = page.getByRole("list", { name: "Ideas" });
  await expect(list.getByRole("listitem")).toHaveCount(20);
  const firstTitle = await list.getByRole("heading", { level: 2 }).first().textContent();
  const url = page.url();
  await page.getByRole("link", { name: "More ideas" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(25);
  // The earlier ideas stay, in place; the address is still the list's; focus is on the first new idea.
  await expect(list.getByRole("heading", { level: 2 }).first()).toHaveText(firstTitle!);
  await expect(list.getByRole("link", { name: `Swipe ${tag} 1`, exact: true })).toBeVisible();
  expect(page.url()).toBe(url);
  await expect(page.locator(":focus")).toHaveText(`Swipe ${tag} 5`);
  await expect(page.getByRole("status").filter({ hasText: "5 more ideas shown" })).toBeAttached();
  await expect(page.getByRole("link", { name: "More ideas" })).toHaveCount(0);
  await expectNoA11yViolations(page);

  // A status filter applies as soon as it changes (no Apply), keeping the search.
  await page.getByLabel("Status").selectOption("planned");
  await expect(page).toHaveURL(/[?&]status=planned/);
  expect(page.url()).toContain(`q=${tag}`);
  await expect(page.getByText("No ideas match these filters.")).toBeVisible();
  await expect(page.getByLabel("Status")).toBeFocused();
  await page.getByLabel("Status").selectOption("");
  await expect(list.getByRole("listitem")).toHaveCount(20);

  // Without JavaScript: More ideas is a link to the next page, and Apply applies the filters.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const noJs = await context.newPage();
  await noJs.goto(`/?sort=new&q=${tag}`);
  await noJs.getByRole("link", { name: "More ideas" }).click();
  await expect(noJs).toHaveURL(/cursor=/);
  await expect(noJs.getByRole("list", { name: "Ideas" }).getByRole("listitem")).toHaveCount(5);
  await expect(noJs.getByRole("link", { name: "Back to the first page" })).toBeVisible();
  await noJs.getByLabel("Status").selectOption("planned");
  await noJs.getByRole("button", { name: "Apply" }).click();
  await expect(noJs.getByText("No ideas match these filters.")).toBeVisible();
  await context.close();
});

test("every control on the board, an idea and settings is at least 24 × 24 px", async ({ page }) => {
  const tag = `tt${Date.now().toString(36)}`;
  await signUp(page, "Phone tapper", uniqueEmail("phone-tap"));
  const created = await pageApi<{ idea: { number: number; url: string } }>(page, "POST", "/api/v1/ideas", {
    board: "feature-requests",
    title: `Bigger buttons ${tag}`,
    body: "Thumbs are **wide**. See [the guideline](https://www.w3.org/TR/WCAG22/#target-size-minimum).",
  });
  expect(created.status).toBe(201);
  const { number } = created.json.idea;
  const comment = await pageApi<{ comment: { id: number } }>(page, "POST", `/api/v1/ideas/${number}/comments`, { body: "Agreed." });
  expect(comment.status).toBe(201);

  const small: string[] = [];
  for (const path of ["/", `/?q=${tag}`, `/ideas/${number}`, "/settings/profile", "/settings/notifications"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    small.push(...(await smallTargets(page)).map((target) => `${path}: ${target}`));
    await expectNoA11yViolations(page);
  }
  // With the comment's actions and reply form open, too.
  await page.goto(`/ideas/${number}`);
  const thread = page.locator(`#comment-${comment.json.comment.id}`);
  await thread.locator("summary", { hasText: "Reply" }).click();
  await thread.locator("summary", { hasText: "Delete" }).click();
  small.push(...(await smallTargets(page)).map((target) => `comment open: ${target}`));
  expect([...new Set(small.map((s) => s.replace(/\d+/g, "#")))]).toEqual([]);
  await expectNoA11yViolations(page);
});
