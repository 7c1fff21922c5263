/**
 * Loopboard in Arabic and Slovenian, as people meet it: the whole customer journey in Arabic on a
 * phone (390 px, right to left) and in Slovenian on a desktop; then every page in every language
 * checked with axe, for its <html lang dir>, for sideways overflow, and for English left behind
 * (a visible text that is an English catalog message). Labels are looked up in the catalogs, so
 * the journeys follow the translations.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { translate, type Locale, type MessageKey, type Params } from "../../app/i18n";
import { en } from "../../app/i18n/en";
import { localeDir } from "../../app/i18n/locales";
import { E2E_PASSWORD, expectNoA11yViolations, failOnConsoleErrors, pageApi, readLatestEmail, signUp, uniqueEmail } from "./helpers";

const watchConsole = failOnConsoleErrors();
const FSI = "\u2068";
const PDI = "\u2069";
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function newPage(browser: Browser) {
  const page = await (await browser.newContext()).newPage();
  watchConsole(page);
  return page;
}

/** The page is in `locale`, laid out in its direction, fits the viewport, and passes axe. */
async function checkPage(page: Page, locale: Locale) {
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await expect(page.locator("html")).toHaveAttribute("dir", localeDir(locale));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow in px on ${page.url()}`).toBeLessThanOrEqual(0);
  await expectNoA11yViolations(page);
}

/** The footer's switcher, as someone without an account uses it. */
async function switchLanguage(page: Page, from: Locale, to: Locale) {
  await page.getByRole("combobox", { name: translate(from, "language.label") }).selectOption(to);
  await page.getByRole("button", { name: translate(from, "language.change") }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", to);
}

async function shipAsStaff(staff: Page, ideaPath: string) {
  await staff.goto(ideaPath);
  const form = staff.getByRole("region", { name: "Change the status" });
  await form.getByLabel("New status").selectOption("shipped");
  await form.getByLabel("Public note").fill("Out now for everyone.");
  await form.getByRole("button", { name: "Change status" }).click();
  await expect(staff.locator(".idea-meta .status")).toHaveText("Shipped");
}

async function customerJourney(page: Page, browser: Browser, locale: Locale, project: string) {
  const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
  const tag = `${project}${Date.now().toString(36)}`;
  // Staff write in Arabic on the Arabic journey: right-to-left titles inside every sentence.
  const staffTitle = locale === "ar" ? `الوضع الداكن ${tag}` : `Temni način ${tag}`;
  const ownTitle = locale === "ar" ? `تصدير الملاحظات ${tag}` : `Izvoz povratnih informacij ${tag}`;
  const email = uniqueEmail(`customer-${locale}`);

  // ------------------------------------------------------------ staff post the idea the customer will want
  const staff = await newPage(browser);
  await signUp(staff, `Sam ${tag}`, `i18n-admin-${project}@example.test`);
  await staff.goto("/ideas/new");
  await staff.getByLabel("Title").fill(staffTitle);
  await staff.getByRole("button", { name: "Post idea" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: staffTitle })).toBeVisible();
  const ideaPath = new URL(staff.url()).pathname;

  // ------------------------------------------------------------ a visitor picks the language, then signs up in it
  await page.goto("/");
  await switchLanguage(page, "en", locale);
  await checkPage(page, locale);
  await page.goto("/join");
  await checkPage(page, locale);
  await page.getByLabel(t("auth.field.name")).fill(locale === "ar" ? "سارة" : "Špela");
  await page.getByLabel(t("auth.field.email")).fill(email);
  await page.getByLabel(t("auth.field.password"), { exact: true }).fill(E2E_PASSWORD);
  const joinedAt = Date.now();
  await page.getByRole("button", { name: t("auth.join.submit") }).click();
  await expect(page.getByRole("status")).toBeVisible();
  const confirm = await readLatestEmail(email, { since: joinedAt });
  expect(confirm.subject).toBe(t("email.confirmSignUp.subject"));
  expect(confirm.html).toContain(`<html lang="${locale}" dir="${localeDir(locale)}">`);
  await page.goto(new URL(confirm.links.find((l) => /\/auth\/link\//.test(l))!).pathname);
  await checkPage(page, locale);
  await page.getByRole("button", { name: t("auth.link.signUpSubmit") }).click();
  await expect(page.getByRole("button", { name: t("nav.signOut") })).toBeVisible();

  // ------------------------------------------------------------ post an idea
  await page.goto("/ideas/new");
  await checkPage(page, locale);
  await page.getByLabel(t("ideaForm.title")).fill(ownTitle);
  await page.getByLabel(t("ideaForm.body")).fill(locale === "ar" ? "- أولاً\n- ثانياً" : "- najprej\n- nato");
  await page.getByRole("button", { name: t("ideaForm.submit") }).click();
  await expect(page.getByRole("heading", { level: 1, name: ownTitle })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: ownTitle })).toHaveAttribute("dir", "auto");
  await checkPage(page, locale);

  // ------------------------------------------------------------ vote for the staff's idea and comment on it
  await page.goto(ideaPath);
  await page.getByRole("button", { name: t("vote.label", { title: staffTitle, count: 1 }) }).click();
  await expect(page.getByRole("button", { name: t("vote.label", { title: staffTitle, count: 2 }) })).toHaveAttribute("aria-pressed", "true");
  // The vote's revalidation re-renders the page (the importance question appears): comment once it has settled.
  await page.waitForLoadState("networkidle");
  const comment = locale === "ar" ? "نحتاج هذا في المساء." : "To bi res potrebovali zvečer.";
  await page.getByLabel(t("comments.new")).fill(comment);
  await page.getByRole("button", { name: t("comments.submit") }).click();
  await expect(page.locator(".comment .markdown", { hasText: comment })).toHaveAttribute("dir", "auto");
  await checkPage(page, locale);

  // ------------------------------------------------------------ staff ship it; the customer is told, in their language
  const shippedAt = Date.now();
  await shipAsStaff(staff, ideaPath);
  await staff.context().close();

  const shipped = t("notifications.text.shipped", { title: staffTitle });
  await expect
    .poll(
      async () => {
        await page.goto("/notifications");
        return page.getByRole("listitem").filter({ hasText: shipped }).count();
      },
      { timeout: 20_000, message: "the shipped notification" },
    )
    .toBe(1);
  const item = page.getByRole("listitem").filter({ hasText: shipped });
  await expect(item.locator("bdi")).toHaveText(staffTitle);
  await checkPage(page, locale);

  const mail = await readLatestEmail(email, { since: shippedAt });
  const isolated = locale === "ar" ? `${FSI}${staffTitle}${PDI}` : staffTitle;
  expect(mail.subject).toBe(t("email.shipped.subject", { title: isolated }));
  expect(mail.html).toContain(`<html lang="${locale}" dir="${localeDir(locale)}">`);
  expect(mail.html).toContain(locale === "ar" ? `<bdi>${staffTitle}</bdi>` : staffTitle);

  // The idea page shows it shipped, in the customer's language.
  await item.getByRole("link").click();
  await expect(page.locator(".idea-meta .status")).toHaveText(t("status.shipped"));
  await checkPage(page, locale);
}

test("the customer journey in Arabic on a phone: right to left, Arabic email and notification", async ({ page, browser }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "Arabic is walked through at phone width");
  test.setTimeout(180_000);
  await customerJourney(page, browser, "ar", testInfo.project.name);
});

test("the customer journey in Slovenian on a desktop", async ({ page, browser }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "Slovenian is walked through at desktop width");
  test.setTimeout(180_000);
  await customerJourney(page, browser, "sl", testInfo.project.name);
});

// ---------------------------------------------------------------- every page, every language

/** Matchers for every English catalog message, except the brand, which is the same in every language. */
function englishMessages(): Array<{ key: string; test: (text: string) => boolean }> {
  const matchers: Array<{ key: string; test: (text: string) => boolean }> = [];
  for (const [key, message] of Object.entries(en)) {
    if (key === "app.name") continue;
    const forms = typeof message === "string" ? [message] : Object.values(message as Record<string, string>);
    for (const form of forms) {
      if (!form.includes("{")) {
        matchers.push({ key, test: (text) => text === form });
        continue;
      }
      // A message with placeholders counts when its own words are there around whatever filled them.
      if (form.replace(/\{\w+\}/g, "").replace(/[^\p{L}]/gu, "").length < 4) continue;
      const pattern = new RegExp(`^${form.split(/\{\w+\}/).map(escapeRegExp).join(".+?")}$`, "s");
      matchers.push({ key, test: (text) => pattern.test(text) });
    }
  }
  return matchers;
}

/** Visible texts and accessible names on the page that are not someone's writing. */
function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Text people wrote is marked dir="auto" (or isolated in <bdi>); a language's own name carries its lang.
    const skip = (el: Element) => el.closest('[dir="auto"], bdi, .markdown, script, style, noscript, option[lang], template') !== null;
    // A page's title is "<its name> · Loopboard": the name is what must be translated.
    const texts: string[] = [document.title, document.title.replace(/ · Loopboard$/, "")];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent?.replace(/\s+/g, " ").trim();
      if (!el || !text || skip(el) || !el.checkVisibility()) continue;
      texts.push(text);
    }
    for (const el of document.body.querySelectorAll("[aria-label], [placeholder], [title], [alt]")) {
      if (skip(el)) continue;
      for (const name of ["aria-label", "placeholder", "title", "alt"]) {
        const value = el.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

async function expectNoEnglish(page: Page, matchers: ReturnType<typeof englishMessages>) {
  const left: string[] = [];
  for (const text of await pageTexts(page)) {
    const found = matchers.find((m) => m.test(text));
    if (found) left.push(`"${text}" (${found.key})`);
  }
  expect(left, `English on ${page.url()}`).toEqual([]);
}

/** The same pages in one language, each in its own test so a slow machine spreads them over workers. */
async function everyPage(page: Page, browser: Browser, project: string, locale: Locale) {
  const tag = `${project}${locale}${Date.now().toString(36)}`;
  const staff = await newPage(browser);
  await signUp(staff, `Sam ${tag}`, `i18n-admin-${project}@example.test`);
  await staff.goto("/ideas/new");
  await staff.getByLabel("Title").fill(`Pages check ${tag}`);
  await staff.getByLabel("Details").fill("A body with a [link](https://example.com).");
  await staff.getByRole("button", { name: "Post idea" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: `Pages check ${tag}` })).toBeVisible();
  const ideaPath = new URL(staff.url()).pathname;
  const number = ideaPath.split("/")[2];
  await signUp(page, `Mia ${tag}`, uniqueEmail("pages"));
  await page.goto(ideaPath);
  await page.getByLabel("Add a comment").fill("Yes please.");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await shipAsStaff(staff, ideaPath);
  const member = (await (await page.request.get("/api/v1/me")).json()) as { user: { id: number } };
  // A member's report of the idea: a row on /admin/reports.
  expect((await pageApi(page, "POST", `/api/v1/ideas/${number}/reports`, { reason: "off_topic", detail: `Belongs elsewhere ${tag}` })).status).toBe(201);
  // A public and a private tag on the idea: chips on the board and the idea, rows on /admin/tags.
  for (const [name, isPrivate] of [[`Pages tag ${tag}`, false], [`Staff tag ${tag}`, true]] as const) {
    expect((await pageApi(staff, "POST", "/api/v1/tags", { name, colour: isPrivate ? "purple" : "green", private: isPrivate })).status).toBe(201);
  }
  const tagSlugs = [`pages-tag-${tag}`, `staff-tag-${tag}`];
  expect((await pageApi(staff, "PUT", `/api/v1/ideas/${number}/tags`, { tags: tagSlugs })).status).toBe(200);

  // A board that requires approval, with the member's idea waiting on it: the queue has something to show.
  await staff.goto("/admin/boards");
  const newBoard = staff.getByRole("region", { name: "New board" });
  await newBoard.getByLabel("Name").fill(`Approval ${tag}`);
  await newBoard.getByLabel("Slug (in the address)").fill(`approval-${tag}`);
  await newBoard.getByRole("button", { name: "Create" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "The board was created." })).toBeVisible();
  expect((await pageApi(staff, "PATCH", `/api/v1/boards/approval-${tag}`, { requiresApproval: true })).status).toBe(200);
  const waiting = await pageApi<{ idea: { url: string; approval: { state: string } } }>(page, "POST", "/api/v1/ideas", { board: `approval-${tag}`, title: `Waiting idea ${tag}` });
  expect(waiting.json.idea.approval.state).toBe("pending");
  const waitingPath = new URL(waiting.json.idea.url).pathname;
  // A file waiting at Admin › Import's second step (uploaded before the language is chosen).
  await staff.goto("/admin/import");
  await staff.getByLabel("CSV file").setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: Buffer.from(`ID,Title,Voters\nlang-${tag},Imported ${tag},ann-${tag}@acme.example\n`) });
  await staff.getByRole("button", { name: "Upload" }).click();
  await expect(staff).toHaveURL(/\/admin\/import\?upload=/);
  const importStep = new URL(staff.url()).pathname + new URL(staff.url()).search;

  const visitor = await newPage(browser);
  const pages: Array<{ who: Page; paths: string[] }> = [
    {
      who: visitor,
      paths: ["/", "/roadmap", "/changelog", "/ideas/new", ideaPath, "/login", "/join", "/login/email", "/forgot-password", "/reset-password/not-a-token", "/auth/link/not-a-token", "/unsubscribe/not-a-token", "/email-change/not-a-token", "/account-deleted", "/no-such-page"],
    },
    { who: page, paths: ["/", ideaPath, waitingPath, "/notifications", "/settings/profile", "/settings/notifications", "/settings/tokens", "/settings/account", "/logout"] },
    { who: staff, paths: [ideaPath, `/ideas/${number}/edit`, `/ideas/${number}/followers`, "/admin/boards", "/admin/deliveries", "/admin/email", "/admin/dashboard", "/admin/priorities", "/admin/inbox", "/admin/reports", "/admin/moderation", waitingPath, "/admin/people", `/admin/people/${member.user.id}`, "/admin/companies", "/admin/replies", "/admin/tags", "/admin/statuses", "/admin/import", importStep, `/?tag=${tagSlugs[1]}`, `/ideas/${number}/status-preview?status=planned`] },
  ];
  const matchers = englishMessages();
  for (const { who, paths } of pages) {
    await who.context().addCookies([{ name: "lb_lang", value: locale, url: new URL(page.url()).origin }]);
    for (const path of paths) {
      await test.step(`${locale} ${path}`, async () => {
        await who.goto(path);
        await checkPage(who, locale);
        if (locale !== "en") await expectNoEnglish(who, matchers);
      });
    }
  }
  // Names and titles inside translated sentences are isolated, so they keep their own direction.
  await visitor.goto(ideaPath);
  await expect(visitor.locator("#latest-status bdi").first()).toHaveText(/^Sam /);
  await staff.goto(`/ideas/${number}/followers`);
  await expect(staff.locator("h1 bdi")).toHaveText(`Pages check ${tag}`);
}

test("a page loads only its own language's messages, and still comes to life in it", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the desktop shows it");
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  const catalogChunks = (locale: "ar" | "sl") => scripts.filter((path) => new RegExp(`/build/_shared/${locale}-[A-Z0-9]+\\.js$`).test(path));
  const hydrated = () => page.waitForFunction(() => "__remixRouter" in window);

  await page.goto("/");
  await hydrated();
  expect(catalogChunks("ar")).toEqual([]);
  expect(catalogChunks("sl")).toEqual([]);

  await switchLanguage(page, "en", "ar");
  await hydrated();
  expect(catalogChunks("ar")).toHaveLength(1);
  expect(catalogChunks("sl")).toEqual([]);
  // Rendered in the browser after hydration, in Arabic: a client-side navigation to the roadmap.
  await page.getByRole("navigation", { name: translate("ar", "nav.main") }).first().getByRole("link", { name: translate("ar", "nav.roadmap") }).click();
  await expect(page).toHaveURL(/\/roadmap$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(translate("ar", "roadmap.title"));
  await switchLanguage(page, "ar", "en");
});

// Arabic on both widths (right to left must fit a phone); English and Slovenian on the desktop.
const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", sl: "Slovenian", ar: "Arabic" };
for (const locale of ["en", "sl", "ar"] as const) {
  test(`every page in ${LANGUAGE_NAMES[locale]}: its lang and dir, no overflow, axe clean${locale === "en" ? "" : ", and no English left"}`, async ({ page, browser }, testInfo) => {
    test.skip(testInfo.project.name === "phone" && locale !== "ar", "the phone checks the right-to-left pages");
    // About 40 pages, each loaded, measured, checked by axe and read for English: 4–9 s each on a loaded 2-core machine.
    test.setTimeout(600_000);
    await everyPage(page, browser, testInfo.project.name, locale);
  });
}
