/**
 * Sessions: lucia v3 stored through our own drizzle adapter, which keeps only the SHA-256 of each
 * session id (a stolen database dump holds no live session), the session cookie, and who a
 * request is: the session cookie or a Bearer API token (api-tokens.server.ts), resolved once per
 * request in prepareRequest and handed to loaders and actions as `context.auth`.
 * See docs/decisions/0001-sessions.md.
 */
import { redirect, type AppLoadContext } from "@remix-run/node";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { sessions, users } from "../../db/schema";
import { userForApiToken } from "./api-tokens.server";
import { db, keptStatements } from "./db.server";
import { unauthorized } from "./errors.server";
import { sha256Hex } from "./hashing.server";
import type { Locale } from "../i18n/locales";
import { sessionUserColumns, toSessionUser, type SessionUser, type SessionUserRow } from "./session-user.server";

export type { SessionUser } from "./session-user.server";

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
    /** The request's language, decided once by prepareRequest (requestLocale() computes it when absent). */
    locale?: Locale;
  }
}

// ------------------------------------------------------------------ lucia adapter

function toDatabaseUser(row: SessionUserRow): DatabaseUser {
  const { id, ...attributes } = row;
  return { id, attributes };
}

/** Every signed-in request's first statement: the session (by its stored hash) and its user, built once. */
const sessionAndUser = keptStatements("session_and_user", () =>
  db
    .select({ session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt }, user: sessionUserColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("hash")))
    .limit(1),
);

/** Lucia hands us the raw session id; only its hash ever reaches the database. */
export const hashedSessionAdapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const rows = await sessionAndUser("by_id", undefined).execute({ hash: sha256Hex(sessionId) });
    const row = rows[0];
    if (!row) return [null, null];
    const session: DatabaseSession = { id: sessionId, userId: row.session.userId, expiresAt: row.session.expiresAt, attributes: {} };
    return [session, toDatabaseUser(row.user)];
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
/**
 * The session cookie's name over https. With the `__Host-` prefix a browser keeps the cookie only
 * if it is Secure, has Path=/ and no Domain, so neither a plain-http page nor another host under
 * the same domain can set or overwrite it (a planted session would sign the victim in as the
 * attacker). Plain http (local use) cannot have it, so keeps `lb_session`.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

function sessionsWithCookie(cookieName: string) {
  return new Lucia(hashedSessionAdapter, {
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: { name: cookieName, expires: true, attributes: { sameSite: "lax", path: "/", secure: cookieName === SECURE_SESSION_COOKIE } },
    getUserAttributes: (attributes) => attributes,
  });
}

/** Sessions, with the session cookie as sent over plain http. */
export const lucia = sessionsWithCookie(SESSION_COOKIE);
/** The same sessions (one table, one adapter), with the cookie as sent over https. */
const httpsLucia = sessionsWithCookie(SECURE_SESSION_COOKIE);

/** The lucia instance whose cookie fits the request's scheme. */
const cookiesFor = (https: boolean) => (https ? httpsLucia : lucia);

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    UserId: number;
    DatabaseUserAttributes: Omit<SessionUserRow, "id">;
  }
}

function serializeSessionCookie(value: string | null, https: boolean): string {
  const sessionCookies = cookiesFor(https);
  const cookie = value === null ? sessionCookies.createBlankSessionCookie() : sessionCookies.createSessionCookie(value);
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

/** Ends every session of `userId` but the one `keepSessionId` (the raw id from this request's cookie). */
export async function endOtherSessions(userId: number, keepSessionId: string | null): Promise<void> {
  if (!keepSessionId) return endAllSessions(userId);
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, sha256Hex(keepSessionId))));
}

// ------------------------------------------------------------------ per-request authentication

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
  // Over https only the __Host- cookie counts: a plain `lb_session` there may have been set by another host.
  const sessionId = headers.cookie ? cookiesFor(https).readSessionCookie(headers.cookie) : null;
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
