/**
 * Rate limits, each configurable by environment (see the README). The memory store serves a single
 * process; with several app processes set RATE_LIMIT_STORE=database so they share counters in a
 * table. RATE_LIMIT_DISABLED=true turns every limit off (load tests only).
 */
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { rateLimits } from "../../db/schema";
import { db } from "./db.server";
import { env } from "./env.server";
import { tooManyRequests } from "./errors.server";

export type Bucket = "signInIp" | "signInAccount" | "signUpIp" | "emailLinkIp" | "emailLinkAddress" | "idea" | "comment" | "report" | "testEmail";

function settings(bucket: Bucket): { points: number; duration: number } {
  const r = env.rateLimit;
  switch (bucket) {
    case "signInIp":
    case "signInAccount":
      return { points: r.signInPerMinute, duration: 60 };
    case "signUpIp":
      return { points: r.signUpPerHour, duration: 3600 };
    case "emailLinkIp":
    case "emailLinkAddress":
      return { points: r.emailLinksPerHour, duration: 3600 };
    case "idea":
      return { points: r.ideasPerHour, duration: 3600 };
    // A report is a member's write like a comment, and as cheap to repeat.
    case "comment":
    case "report":
      return { points: r.commentsPerMinute, duration: 60 };
    case "testEmail":
      return { points: r.testEmailsPerHour, duration: 3600 };
  }
}

const limiters = new Map<Bucket, RateLimiterAbstract>();

function limiter(bucket: Bucket): RateLimiterAbstract {
  let l = limiters.get(bucket);
  if (!l) {
    const options = { keyPrefix: `rl_${bucket}`, ...settings(bucket) };
    l =
      env.rateLimit.store === "database"
        ? new RateLimiterDrizzle({ ...options, storeClient: db, schema: rateLimits })
        : new RateLimiterMemory(options);
    limiters.set(bucket, l);
  }
  return l;
}

/** Spends one point of `bucket` for `key`; over the limit, throws a 429 with Retry-After. */
export async function consume(bucket: Bucket, key: string): Promise<void> {
  if (!env.rateLimit.enabled) return;
  try {
    await limiter(bucket).consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooManyRequests(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    throw error;
  }
}

/**
 * Spends a point in each bucket; for page forms, which show the limit next to the form instead
 * of an error page. Returns the seconds to wait when any bucket is over its limit.
 */
export async function consumeAll(pairs: Array<[Bucket, string]>): Promise<{ retryAfter: number } | null> {
  if (!env.rateLimit.enabled) return null;
  let retryAfter = 0;
  for (const [bucket, key] of pairs) {
    try {
      await limiter(bucket).consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      retryAfter = Math.max(retryAfter, Math.ceil(error.msBeforeNext / 1000), 1);
    }
  }
  return retryAfter ? { retryAfter } : null;
}

/** Gives a point back (e.g. a successful sign-in should not count against the account). */
export async function refund(bucket: Bucket, key: string): Promise<void> {
  if (!env.rateLimit.enabled) return;
  await limiter(bucket).reward(key, 1).catch(() => {});
}

/** Forgets configured limiters (tests change the environment between cases). */
export function resetRateLimiters(): void {
  limiters.clear();
}
