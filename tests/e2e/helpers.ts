/** Shared steps for the journeys: accessibility checks, reading sent mail, fresh addresses, API calls. */
import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { simpleParser, type AddressObject } from "mailparser";

// ---------------------------------------------------------------- console errors

/**
 * Makes every test of the calling spec file fail on a browser console error (hydration
 * mismatches, React warnings, script errors). The browser's own "Failed to load resource" lines
 * are left out: refused forms answer 4xx on purpose. Call it once at the top of a spec; it
 * watches each test's `page` and returns `watch` for other pages the test opens.
 */
export function failOnConsoleErrors(): (page: Page) => void {
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
  };
  test.beforeEach(({ page }) => {
    errors.length = 0;
    watch(page);
  });
  test.afterEach(() => {
    expect(errors, "errors in the browser console").toEqual([]);
  });
  return watch;
}

/** A second person's page, in a browser context of its own, with its console watched by `watch`. */
export async function watchedPage(browser: Browser, watch: (page: Page) => void): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  watch(page);
  return page;
}

// ---------------------------------------------------------------- accessibility

/**
 * Runs axe on the page as it is now and fails on every serious or critical violation, listing
 * each rule with the elements it found.
 */
export async function expectNoA11yViolations(page: Page, { disableRules = [] as string[] } = {}): Promise<void> {
  await test.step(`axe: ${new URL(page.url()).pathname}`, async () => {
    const results = await new AxeBuilder({ page }).disableRules(disableRules).analyze();
    const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    if (blocking.length === 0) return;
    const report = blocking
      .map((v) => {
        const nodes = v.nodes
          .slice(0, 5)
          .map((n) => `      ${n.target.join(" ")}\n        ${n.failureSummary?.split("\n").join("\n        ") ?? ""}`)
          .join("\n");
        const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : "";
        return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
      })
      .join("\n");
    throw new Error(`${blocking.length} serious/critical accessibility violation(s) on ${page.url()}:\n${report}`);
  });
}

// ---------------------------------------------------------------- mail

export interface ReceivedEmail {
  subject: string;
  text: string;
  html: string;
  /** Header names lowercased; values as sent, unfolded. */
  headers: Record<string, string>;
  /** Every http(s) link, from the HTML hrefs and the text part, in order, without duplicates. */
  links: string[];
  file: string;
}

function outboxDir(): string {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run the journeys through playwright.config.ts");
  return path.join(dataDir, "outbox");
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));
}

function linksOf(html: string, text: string): string[] {
  const fromHtml = [...html.matchAll(/href\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1].replace(/&amp;/g, "&"));
  const fromText = [...text.matchAll(/https?:\/\/[^\s<>")\]]+/g)].map((m) => m[0]);
  return [...new Set([...fromHtml, ...fromText].filter((l) => /^https?:\/\//.test(l)))];
}

const parsedFiles = new Map<string, { to: string[]; email: ReceivedEmail; writtenAt: number }>();

/** The parsed message, or undefined while the mailer may still be writing it. */
async function parseFile(file: string) {
  const cached = parsedFiles.get(file);
  if (cached) return cached;
  const stat = await fs.stat(file);
  if (Date.now() - stat.mtimeMs < 150) return undefined;
  const raw = await fs.readFile(file);
  const mail = await simpleParser(raw);
  const text = mail.text ?? "";
  const html = typeof mail.html === "string" ? mail.html : "";
  const headers: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) headers[key.toLowerCase()] = line.slice(line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim();
  const stamp = Number(path.basename(file).split("-")[0]);
  const entry = {
    to: addresses(mail.to),
    email: { subject: mail.subject ?? "", text, html, headers, links: linksOf(html, text), file },
    writtenAt: Number.isFinite(stamp) ? stamp : stat.mtimeMs,
  };
  parsedFiles.set(file, entry);
  return entry;
}

/**
 * The newest message the app wrote to `to` in $E2E_DATA_DIR/outbox, waiting for it to appear
 * (mail is sent by a background job). `since` (ms epoch) ignores older messages.
 */
export async function readLatestEmail(
  to: string,
  { subjectIncludes, since = 0, timeoutMs = 10_000 }: { subjectIncludes?: string; since?: number; timeoutMs?: number } = {},
): Promise<ReceivedEmail> {
  const address = to.toLowerCase();
  const dir = outboxDir();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".eml"));
    let latest: { email: ReceivedEmail; writtenAt: number } | undefined;
    for (const name of names) {
      // Skipped for now when just written (or gone): read again on the next round.
      const entry = await parseFile(path.join(dir, name)).catch(() => undefined);
      if (!entry || !entry.to.includes(address) || entry.writtenAt < since) continue;
      if (subjectIncludes && !entry.email.subject.includes(subjectIncludes)) continue;
      if (!latest || entry.writtenAt >= latest.writtenAt) latest = entry;
    }
    if (latest) return latest.email;
    if (Date.now() > deadline) {
      const about = subjectIncludes ? ` with a subject containing "${subjectIncludes}"` : "";
      throw new Error(`No email to ${to}${about} in ${dir} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every message the app has written so far to `to` (optionally: with a subject containing `subjectIncludes`, written since `since`). */
export async function emailsTo(to: string, { subjectIncludes, since = 0 }: { subjectIncludes?: string; since?: number } = {}): Promise<ReceivedEmail[]> {
  const address = to.toLowerCase();
  const names = (await fs.readdir(outboxDir()).catch(() => [] as string[])).filter((n) => n.endsWith(".eml"));
  const found: ReceivedEmail[] = [];
  for (const name of names) {
    const entry = await parseFile(path.join(outboxDir(), name)).catch(() => undefined);
    if (!entry || !entry.to.includes(address) || entry.writtenAt < since) continue;
    if (!subjectIncludes || entry.email.subject.includes(subjectIncludes)) found.push(entry.email);
  }
  return found;
}

/** An address no other test (or earlier run) has used, so rate limits and accounts never collide. */
export function uniqueEmail(prefix = "user"): string {
  const safe = prefix.toLowerCase().replace(/[^a-z0-9]+/g, "-") || "user";
  return `${safe}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString("hex")}@example.test`;
}

// ---------------------------------------------------------------- accounts

export const E2E_PASSWORD = "a long and unusual passphrase";

/**
 * Opens a page and waits until React has hydrated all of it (the footer's language switcher, the
 * last thing rendered, has its props): a click before then can be lost, as a submit button's was
 * once on a slow machine. Only for pages with JavaScript on.
 */
export async function gotoHydrated(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => {
    const last = document.querySelector("footer select");
    return "__remixRouter" in window && last !== null && Object.keys(last).some((key) => key.startsWith("__reactProps"));
  });
}

/**
 * Signs up through /join and the emailed link, ending signed in. Works for an address that has
 * an account already too (the app then emails a sign-in link instead of a welcome).
 */
export async function signUp(page: Page, name: string, email: string): Promise<void> {
  const since = Date.now();
  await page.goto("/join");
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText("Almost there");
  // The email is written by the job queue: with two browsers and the server sharing two cores it
  // has taken more than ten seconds.
  const mail = await readLatestEmail(email, { since, timeoutMs: 30_000 });
  const link = mail.links.find((l) => /\/auth\/link\//.test(l));
  expect(link, "a sign-in link in the email").toBeTruthy();
  await page.goto(new URL(link!).pathname);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

// ---------------------------------------------------------------- the JSON API

/** Calls the JSON API from a signed-in page (same origin, the session cookie). */
export async function pageApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, json: await response.json() };
    },
    { method, path, body },
  );
}
