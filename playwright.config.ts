/**
 * End-to-end journeys in the system Chromium against the built app (`npm run test:e2e` builds
 * first). The server gets a fresh DATA_DIR per run, so it starts on an empty embedded database
 * and writes mail to $DATA_DIR/outbox, which tests read (see tests/e2e/helpers.ts). The
 * directory is removed after a passing run and kept after a failing one (or with
 * E2E_KEEP_DATA_DIR=1) for inspection.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// E2E_PORT / E2E_OUTPUT_DIR let two runs share a machine without colliding.
const PORT = Number(process.env.E2E_PORT || 3210);
const baseURL = `http://127.0.0.1:${PORT}`;

// Workers load this file again; they inherit the directory the runner created instead of making their own.
if (!process.env.E2E_DATA_DIR) {
  const created = fs.mkdtempSync(path.join(os.tmpdir(), "loopboard-e2e-"));
  process.env.E2E_DATA_DIR = created;
  process.on("exit", (code) => {
    if (code === 0 && !process.env.E2E_KEEP_DATA_DIR) fs.rmSync(created, { recursive: true, force: true });
    else console.log(`The server's DATA_DIR (database, outbox) is kept in ${created}`);
  });
}
const dataDir = process.env.E2E_DATA_DIR;

const chromium = {
  browserName: "chromium" as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: process.env.E2E_OUTPUT_DIR || "test-results",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  // The longest journeys (sign-up, post, vote, comment, with and without JavaScript) take a minute on a busy 2-core machine.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "desktop",
      use: { ...chromium, viewport: { width: 1280, height: 800 } },
    },
    {
      name: "phone",
      use: {
        ...chromium,
        userAgent: devices["Pixel 7"].userAgent,
        viewport: { width: 390, height: 844 },
        screen: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  webServer: {
    command: "node --import tsx server.ts",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      APP_URL: baseURL,
      DATA_DIR: dataDir,
      // One admin per project for tests/e2e/status-updates.spec.ts, reading-and-posting.spec.ts, admin-email.spec.ts, staff-basics.spec.ts, merge.spec.ts (two), moderation.spec.ts, languages.spec.ts, customers.spec.ts, tags.spec.ts, reports.spec.ts, approval.spec.ts, import.spec.ts and statuses.spec.ts, so the two projects never share a sign-in.
      ADMIN_EMAILS:
        "admin@example.test,updates-admin-desktop@example.test,updates-admin-phone@example.test,reading-admin-desktop@example.test,reading-admin-phone@example.test,email-admin-desktop@example.test,email-admin-phone@example.test,staff-admin-desktop@example.test,staff-admin-phone@example.test,merge-admin-desktop@example.test,merge-admin-phone@example.test,merge-similar-admin-desktop@example.test,merge-similar-admin-phone@example.test,notes-admin-desktop@example.test,notes-admin-phone@example.test,i18n-admin-desktop@example.test,i18n-admin-phone@example.test,dashboard-admin-desktop@example.test,dashboard-admin-phone@example.test,priorities-admin-desktop@example.test,priorities-admin-phone@example.test,customers-admin-desktop@example.test,customers-admin-phone@example.test,triage-admin-desktop@example.test,triage-admin-phone@example.test,moderation-admin-desktop@example.test,moderation-admin-phone@example.test,tags-admin-desktop@example.test,tags-admin-phone@example.test,reports-admin-desktop@example.test,reports-admin-phone@example.test,approval-admin-desktop@example.test,approval-admin-phone@example.test,import-admin-desktop@example.test,import-admin-phone@example.test,statuses-admin-desktop@example.test,statuses-admin-phone@example.test",
      // Set explicitly so nothing from the calling shell leaks in: embedded database, mail to the
      // outbox, rate limits on (journeys use distinct addresses).
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      SMTP_URL: "",
      RATE_LIMIT_DISABLED: "",
      // Every journey comes from 127.0.0.1: per-IP limits are raised so the suite does not trip
      // them; per-account and per-user limits stay at their defaults.
      RATE_LIMIT_SIGNUP_PER_HOUR: "1000",
      RATE_LIMIT_EMAIL_LINKS_PER_HOUR: "1000",
      RATE_LIMIT_SIGNIN_PER_MINUTE: "60",
    },
  },
});
