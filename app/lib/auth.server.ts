/**
 * Sessions and credentials, all in one file so it can be swapped for a hand-written session
 * module later (see docs/decisions/0001-sessions.md).
 *
 * - lucia v3 sessions stored through our own drizzle adapter, which keeps only the SHA-256 of each
 *   session id: a stolen database dump holds no live session.
 * - Passwords: argon2id (m = 19456 KiB, t = 2, p = 1).
 * - Personal API tokens (`Authorization: Bearer lb_…`), stored as SHA-256 too.
 * - The request's user is resolved once, in server.ts, and handed to loaders and actions through
 *   the Remix load context (`context.auth`).
 */
import crypto from "node:crypto";
import { hash as argonHash, verify as argonVerify } from "@node-rs/argon2";
import { redirect, type AppLoadContext } from "@remix-run/node";
import { eq, lt, sql } from "drizzle-orm";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { apiTokens, sessions, users } from "../../db/schema";
import { db, flushBeforeDatabaseCloses } from "./db.server";
import { unauthorized } from "./errors.server";
import type { Locale } from "../i18n";

export type Role = "admin" | "staff" | "member";

/** The signed-in person, as every loader and model sees them. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
}

export interface AuthContext {
  user: SessionUser | null;
  /** The raw session id from the cookie (never stored), when signed in by cookie. */
  sessionId: string | null;
  via: "session" | "token" | null;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    auth: AuthContext;
    cspNonce: string;
    /** Whether the request came over https (decides the cookie's Secure flag). */
    https: boolean;
    /** The client's address (X-Forwarded-For only when TRUST_PROXY is set), for rate limits. */
    clientIp: string;
  }
}

// ------------------------------------------------------------------ hashing

export function sha256Hex(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** A URL-safe random token with `bytes` of entropy. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argonHash(password, ARGON2);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    // Same work as a real check, so timing does not tell whether the account has a password.
    await argonHash(password, ARGON2);
    return false;
  }
  try {
    return await argonVerify(hash, password);
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------ lucia adapter

const userColumns = { id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale };
type UserRow = { id: number; email: string; name: string; role: Role; locale: string };

function toDatabaseUser(row: UserRow): DatabaseUser {
  return { id: row.id, attributes: { email: row.email, name: row.name, role: row.role, locale: row.locale } };
}

/** Lucia hands us the raw session id; only its hash ever reaches the database. */
export const hashedSessionAdapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const rows = await db
      .select({ session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt }, user: userColumns })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sha256Hex(sessionId)))
      .limit(1);
    const row = rows[0];
    if (!row) return [null, null];
    const session: DatabaseSession = { id: sessionId, userId: row.session.userId, expiresAt: row.session.expiresAt, attributes: {} };
    return [session, toDatabaseUser(row.user as UserRow)];
  },
  async getUserSessions(userId) {
    const rows = await db.select().from(sessions).where(eq(sessions.userId, Number(userId)));
    // Only hashes are stored, so these ids are hashes; they can be counted or deleted, not used as cookies.
    return rows.map((r) => ({ id: r.id, userId: r.userId, expiresAt: r.expiresAt, attributes: {} }));
  },
  async setSession(session) {
    await db.insert(sessions).values({ id: sha256Hex(session.id), userId: Number(session.userId), expiresAt: session.expiresAt });
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sha256Hex(sessionId)));
  },
  async deleteSession(sessionId) {
    await db.delete(sessions).where(eq(sessions.id, sha256Hex(sessionId)));
  },
  async deleteUserSessions(userId) {
    await db.delete(sessions).where(eq(sessions.userId, Number(userId)));
  },
  async deleteExpiredSessions() {
    await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  },
};

export const SESSION_COOKIE = "lb_session";

export const lucia = new Lucia(hashedSessionAdapter, {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: { name: SESSION_COOKIE, expires: true, attributes: { sameSite: "lax", path: "/" } },
  getUserAttributes: (attributes) => attributes,
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    UserId: number;
    DatabaseUserAttributes: { email: string; name: string; role: Role; locale: string };
  }
}

function serializeSessionCookie(value: string | null, https: boolean): string {
  const cookie = value === null ? lucia.createBlankSessionCookie() : lucia.createSessionCookie(value);
  cookie.attributes.secure = https;
  cookie.attributes.httpOnly = true;
  return cookie.serialize();
}

/**
 * Starts a fresh session for `userId` (a new id on every sign-in, so a planted cookie is never
 * promoted) and ends the one the request came with. Returns the Set-Cookie header value.
 */
export async function startSession(userId: number, context: AppLoadContext): Promise<string> {
  if (context.auth.sessionId) await lucia.invalidateSession(context.auth.sessionId);
  const session = await lucia.createSession(userId, {});
  return serializeSessionCookie(session.id, context.https);
}

/** Deletes the session server-side; returns the Set-Cookie that clears the cookie. */
export async function endSession(context: AppLoadContext): Promise<string> {
  if (context.auth.sessionId) await lucia.invalidateSession(context.auth.sessionId);
  return serializeSessionCookie(null, context.https);
}

export async function endAllSessions(userId: number): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

// ------------------------------------------------------------------ API tokens

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

async function userForApiToken(token: string): Promise<SessionUser | null> {
  const tokenHash = sha256Hex(token);
  const now = Date.now();
  let entry = tokenCache.get(tokenHash);
  if (!entry || entry.expiresAt <= now) {
    tokenCache.delete(tokenHash);
    const generation = tokenCacheGeneration;
    const rows = await db
      .select({ user: userColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(eq(apiTokens.tokenHash, tokenHash))
      .limit(1);
    const row = rows[0];
    if (!row) return null;
    entry = { user: toSessionUser(row.user as UserRow), tokenId: row.tokenId, lastUsedAt: row.lastUsedAt?.getTime() ?? 0, expiresAt: now + API_TOKEN_CACHE_MS };
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

// ------------------------------------------------------------------ per-request authentication

function toSessionUser(u: { id: number; email: string; name: string; role: Role; locale: string }): SessionUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale as Locale };
}

export interface AuthenticationResult {
  auth: AuthContext;
  /** Set-Cookie to send back (a refreshed or cleared session cookie). */
  setCookie?: string;
  /** A Bearer token was sent but is not valid: answer 401. */
  invalidToken?: boolean;
}

/** Resolves who is making a request, from `Authorization: Bearer` or the session cookie. */
export async function authenticate(headers: { cookie?: string | null; authorization?: string | null }, https: boolean): Promise<AuthenticationResult> {
  const anonymous: AuthContext = { user: null, sessionId: null, via: null };
  const bearer = headers.authorization ? lucia.readBearerToken(headers.authorization) : null;
  if (headers.authorization) {
    const user = bearer ? await userForApiToken(bearer) : null;
    if (!user) return { auth: anonymous, invalidToken: true };
    return { auth: { user, sessionId: null, via: "token" } };
  }
  const sessionId = headers.cookie ? lucia.readSessionCookie(headers.cookie) : null;
  if (!sessionId) return { auth: anonymous };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) return { auth: anonymous, setCookie: serializeSessionCookie(null, https) };
  return {
    auth: { user: toSessionUser(user), sessionId, via: "session" },
    setCookie: session.fresh ? serializeSessionCookie(session.id, https) : undefined,
  };
}

export function getUser(context: AppLoadContext): SessionUser | null {
  return context.auth.user;
}

/**
 * The signed-in user, or: a 401 JSON error for API requests, a redirect to sign-in (coming back
 * here afterwards) for pages.
 */
export function requireUser(request: Request, context: AppLoadContext): SessionUser {
  const user = context.auth.user;
  if (user) return user;
  const url = new URL(request.url);
  if (url.pathname.startsWith("/api/")) throw unauthorized();
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}
