/**
 * Configuration from the environment, read once. Every variable is documented in the README's
 * configuration table; keep the two in step.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { isLocale, type Locale } from "../i18n/locales";

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return Math.floor(n);
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  return ["1", "true", "yes", "on"].includes(raw.trim().toLowerCase());
}

function list(name: string): string[] {
  return (process.env[name] ?? "")
    .split(/[,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

export const env = {
  get nodeEnv() {
    return process.env.NODE_ENV ?? "development";
  },
  get dataDir() {
    return path.resolve(process.env.DATA_DIR || "./data");
  },
  get databaseUrl() {
    return process.env.DATABASE_URL || "";
  },
  get port() {
    return int("PORT", 3000);
  },
  get host() {
    return process.env.HOST || "0.0.0.0";
  },
  /** The language of a visitor whose browser asks for none Loopboard speaks (DEFAULT_LOCALE, default en). */
  get defaultLocale(): Locale {
    const raw = (process.env.DEFAULT_LOCALE ?? "").trim().toLowerCase();
    if (raw === "") return "en";
    if (!isLocale(raw)) throw new Error(`DEFAULT_LOCALE must be one of the languages Loopboard speaks, got "${raw}"`);
    return raw;
  },
  /** The public origin used in emails and feeds, e.g. https://feedback.example.com. */
  get appUrl() {
    return (process.env.APP_URL || `http://localhost:${int("PORT", 3000)}`).replace(/\/+$/, "");
  },
  /** The one currency company revenue is kept in (REVENUE_CURRENCY, ISO 4217, default USD). */
  get revenueCurrency(): string {
    const raw = (process.env.REVENUE_CURRENCY ?? "").trim().toUpperCase();
    if (raw === "") return "USD";
    if (!/^[A-Z]{3}$/.test(raw)) throw new Error(`REVENUE_CURRENCY must be a three-letter currency code such as EUR, got "${raw}"`);
    return raw;
  },
  get smtpUrl() {
    return process.env.SMTP_URL || "";
  },
  get mailFrom() {
    return process.env.MAIL_FROM || "Loopboard <no-reply@localhost>";
  },
  get adminEmails() {
    return list("ADMIN_EMAILS");
  },
  /** Trust X-Forwarded-Proto / X-Forwarded-For from a reverse proxy. */
  get trustProxy() {
    return bool("TRUST_PROXY", false);
  },
  get rateLimit() {
    return {
      enabled: !bool("RATE_LIMIT_DISABLED", false),
      store: (process.env.RATE_LIMIT_STORE === "database" ? "database" : "memory") as "memory" | "database",
      signInPerMinute: int("RATE_LIMIT_SIGNIN_PER_MINUTE", 6),
      signUpPerHour: int("RATE_LIMIT_SIGNUP_PER_HOUR", 10),
      emailLinksPerHour: int("RATE_LIMIT_EMAIL_LINKS_PER_HOUR", 5),
      ideasPerHour: int("RATE_LIMIT_IDEAS_PER_HOUR", 20),
      commentsPerMinute: int("RATE_LIMIT_COMMENTS_PER_MINUTE", 10),
      testEmailsPerHour: int("RATE_LIMIT_TEST_EMAILS_PER_HOUR", 10),
    };
  },
  /** Screenshots: the largest file one may upload, and how many go with one idea or comment. */
  get attachments() {
    return {
      maxBytes: int("ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024),
      perPost: int("ATTACHMENTS_PER_POST", 4),
    };
  },
  /** Run pg-boss workers inside the web process (the default) or only in `npm run worker`. */
  get runWorkerInApp() {
    return bool("WORKER_IN_APP", true);
  },
};

/**
 * A secret for signing links (unsubscribe, etc.). APP_SECRET wins; otherwise one is generated
 * once and kept in $DATA_DIR/secret so links stay valid across restarts. Several app processes
 * on real Postgres must share one APP_SECRET.
 */
let cachedSecret: string | undefined;
export function appSecret(): string {
  if (cachedSecret) return cachedSecret;
  if (process.env.APP_SECRET) return (cachedSecret = process.env.APP_SECRET);
  const file = path.join(env.dataDir, "secret");
  try {
    cachedSecret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const fresh = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, fresh + "\n", { flag: "wx", mode: 0o600 });
      cachedSecret = fresh;
    } catch {
      cachedSecret = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cachedSecret!;
}
