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

const base = (process.env.BASE_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
const out = path.resolve("docs/screenshots");

async function shoot(browser: Browser, options: { path: string; file: string; width: number; height: number; scale?: number; openMenu?: boolean }) {
  const context = await browser.newContext({ viewport: { width: options.width, height: options.height }, deviceScaleFactor: options.scale ?? 1, isMobile: options.width < 600, hasTouch: options.width < 600 });
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
} finally {
  await browser.close();
}
