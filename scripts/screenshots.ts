/**
 * Retakes the README's screenshots (docs/screenshots/) from a running Loopboard with the demo data:
 *
 *   DATA_DIR=/tmp/shots npm run db:seed
 *   DATA_DIR=/tmp/shots PORT=3999 npm start &
 *   BASE_URL=http://127.0.0.1:3999 node --import tsx scripts/screenshots.ts
 *
 * Desktop pages at 1280 × 900, the phone at 390 × 844 (the widths the e2e projects use).
 */
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { DEMO_PASSWORD } from "../db/demo-content";

const base = (process.env.BASE_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
const out = path.resolve("docs/screenshots");

async function shoot(browser: Browser, options: { path: string; file: string; width: number; height: number; scale?: number; openMenu?: boolean; locale?: string }) {
  const context = await browser.newContext({ viewport: { width: options.width, height: options.height }, deviceScaleFactor: options.scale ?? 1, isMobile: options.width < 600, hasTouch: options.width < 600 });
  // The footer's language switcher keeps its choice in this cookie.
  if (options.locale) await context.addCookies([{ name: "lb_lang", value: options.locale, url: base }]);
  const page = await context.newPage();
  await page.goto(base + options.path, { waitUntil: "networkidle" });
  if (options.openMenu) await page.locator("header summary").click();
  await page.screenshot({ path: path.join(out, options.file) });
  process.stdout.write(`${options.file} ← ${options.path}\n`);
  await context.close();
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  await shoot(browser, { path: "/", file: "board.png", width: 1280, height: 900 });
  // The top shipped idea: its latest status under the title, the timeline and the comments.
  const page = await browser.newPage();
  await page.goto(base + "/?status=shipped", { waitUntil: "networkidle" });
  const first = await page.locator(".idea-card__title a").first().getAttribute("href");
  await page.close();
  if (first) await shoot(browser, { path: first, file: "idea.png", width: 1280, height: 900 });
  await shoot(browser, { path: "/roadmap", file: "roadmap.png", width: 1280, height: 900 });
  await shoot(browser, { path: "/", file: "phone.png", width: 390, height: 844, scale: 2 });
  // In Arabic, right to left: the demo's Arabic board, its first shipped idea, and the roadmap.
  await shoot(browser, { path: "/?board=arabic", file: "ar-board-desktop.png", width: 1280, height: 900, locale: "ar" });
  const arabic = await browser.newPage();
  await arabic.goto(base + "/?board=arabic&status=shipped", { waitUntil: "networkidle" });
  const arabicIdea = await arabic.locator(".idea-card__title a").first().getAttribute("href");
  await arabic.close();
  if (arabicIdea) await shoot(browser, { path: arabicIdea, file: "ar-idea-desktop.png", width: 1280, height: 900, locale: "ar" });
  await shoot(browser, { path: "/roadmap", file: "ar-roadmap-desktop.png", width: 1280, height: 900, locale: "ar" });
  // The staff views, signed in as the demo admin.
  const staff = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
  const signIn = await staff.newPage();
  await signIn.goto(`${base}/login`);
  await signIn.getByLabel("Email").fill("admin@example.com");
  await signIn.getByLabel("Password").fill(DEMO_PASSWORD);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await signIn.waitForURL((url) => !url.pathname.startsWith("/login"));
  for (const [pagePath, file] of [["/admin/dashboard", "dashboard.png"], ["/admin/priorities", "priorities.png"]]) {
    await signIn.goto(base + pagePath, { waitUntil: "networkidle" });
    await signIn.screenshot({ path: path.join(out, file) });
    process.stdout.write(`${file} ← ${pagePath}\n`);
  }
  await staff.close();
} finally {
  await browser.close();
}
