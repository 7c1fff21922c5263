/**
 * Personal API tokens (`Authorization: Bearer lb_…`): only their SHA-256 is stored. Lookups are
 * cached briefly and "last used" times are written in batches, so an API client sending many
 * requests costs neither a query nor a write per request.
 */
import { eq, sql } from "drizzle-orm";
import { apiTokens, users } from "../../db/schema";
import { db, flushBeforeDatabaseCloses } from "./db.server";
import { randomToken, sha256Hex } from "./hashing.server";
import { sessionUserColumns, toSessionUser, type SessionUser } from "./session-user.server";

export const API_TOKEN_PREFIX = "lb_";

export function generateApiToken(): { token: string; tokenHash: string } {
  const token = API_TOKEN_PREFIX + randomToken(24);
  return { token, tokenHash: sha256Hex(token) };
}

/**
 * Bearer tokens seen lately, by hash: an API client sending many requests costs one lookup per
 * token every API_TOKEN_CACHE_MS instead of one per request. Revoking a token (or changing its
 * owner's role) clears the entries in this process at once; other processes notice within
 * API_TOKEN_CACHE_MS (see docs/operations.md).
 */
export const API_TOKEN_CACHE_MS = 10_000;
const API_TOKEN_CACHE_MAX = 10_000;
interface CachedToken {
  user: SessionUser;
  tokenId: number;
  lastUsedAt: number;
  expiresAt: number;
}
const tokenCache = new Map<string, CachedToken>();
/** Bumped by every forgetApiTokens(), so a lookup that was already under way is not cached. */
let tokenCacheGeneration = 0;

/** Drops the cached Bearer tokens of a user (their token was revoked, or the user changed). */
export function forgetApiTokens(userId: number): void {
  tokenCacheGeneration++;
  for (const [hash, entry] of tokenCache) if (entry.user.id === userId) tokenCache.delete(hash);
}

/** The person a Bearer token belongs to, or null for a token that is not (or no longer) valid. */
export async function userForApiToken(token: string): Promise<SessionUser | null> {
  const tokenHash = sha256Hex(token);
  const now = Date.now();
  let entry = tokenCache.get(tokenHash);
  if (!entry || entry.expiresAt <= now) {
    tokenCache.delete(tokenHash);
    const generation = tokenCacheGeneration;
    const rows = await db
      .select({ user: sessionUserColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(eq(apiTokens.tokenHash, tokenHash))
      .limit(1);
    const row = rows[0];
    if (!row) return null;
    entry = { user: toSessionUser(row.user), tokenId: row.tokenId, lastUsedAt: row.lastUsedAt?.getTime() ?? 0, expiresAt: now + API_TOKEN_CACHE_MS };
    if (generation === tokenCacheGeneration) {
      if (tokenCache.size >= API_TOKEN_CACHE_MAX) tokenCache.delete(tokenCache.keys().next().value!);
      tokenCache.set(tokenHash, entry);
    }
  }
  // Record use at most once a minute: an API client must not turn every read into a write.
  if (now - entry.lastUsedAt > 60_000) {
    entry.lastUsedAt = now;
    recordTokenUse(entry.tokenId, now);
  }
  return { ...entry.user };
}

/**
 * Token uses not written yet (token id → when), written together at most every
 * TOKEN_USE_FLUSH_MS by one statement, off the request's path: a burst of API clients costs one
 * UPDATE, not one per token. "Last used" is shown to people to spot stale tokens, so losing a
 * few seconds of it in a crash is harmless; a clean shutdown writes it (flushBeforeDatabaseCloses).
 */
export const TOKEN_USE_FLUSH_MS = 5_000;
const pendingTokenUse = new Map<number, number>();
let tokenUseTimer: NodeJS.Timeout | undefined;

function recordTokenUse(tokenId: number, at: number): void {
  pendingTokenUse.set(tokenId, at);
  if (tokenUseTimer) return;
  tokenUseTimer = setTimeout(() => {
    tokenUseTimer = undefined;
    flushTokenUse().catch((error) => console.error("[tokens] recording token use failed", error));
  }, TOKEN_USE_FLUSH_MS);
  tokenUseTimer.unref();
}

/** Writes the recorded token uses now. */
export async function flushTokenUse(): Promise<void> {
  if (tokenUseTimer) clearTimeout(tokenUseTimer);
  tokenUseTimer = undefined;
  if (pendingTokenUse.size === 0) return;
  const uses = [...pendingTokenUse].map(([id, at]) => ({ id, at: new Date(at).toISOString() }));
  pendingTokenUse.clear();
  await db.execute(sql`
    UPDATE ${apiTokens} SET last_used_at = u.at
    FROM jsonb_to_recordset(${JSON.stringify(uses)}::jsonb) AS u(id int, at timestamptz)
    WHERE ${apiTokens.id} = u.id AND coalesce(${apiTokens.lastUsedAt}, 'epoch') < u.at`);
}
flushBeforeDatabaseCloses(flushTokenUse);
