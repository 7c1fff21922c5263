/**
 * Accounts: sign-up by confirmed email, password and email-link sign-in, password reset, roles
 * and profiles (personal API tokens are in api-tokens.server.ts). Sign-up, sign-in links and
 * resets answer the same whether or not the address has an account; the difference only ever
 * shows in the recipient's inbox.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { emailTokens, users } from "../../db/schema";
import { confirmSignUpEmail, existingAccountEmail, passwordResetEmail, signInLinkEmail } from "../emails/account";
import type { RenderedEmail } from "../emails/layout";
import { translate, type Locale } from "../i18n";
import { isLocale } from "../i18n/locales";
import { forgetApiTokens } from "../lib/api-tokens.server";
import { endAllSessions, type SessionUser } from "../lib/auth.server";
import { isCommonPassword } from "../lib/common-passwords.server";
import { db, type Executor } from "../lib/db.server";
import { env } from "../lib/env.server";
import { randomToken, sha256Hex } from "../lib/hashing.server";
import { hashPassword, verifyPassword } from "../lib/passwords.server";
import { sessionUserColumns, toSessionUser } from "../lib/session-user.server";
import { enqueue, prepareQueues } from "../lib/queue.server";
import type { Role } from "../roles";
import type { FieldErrors } from "../schemas/parse";

export const SIGN_IN_LINK_MINUTES = 15;
export const RESET_LINK_MINUTES = 60;

export async function findUserByEmail(email: string, executor: Executor = db): Promise<SessionUser | null> {
  const [row] = await executor.select(sessionUserColumns).from(users).where(eq(users.email, email)).limit(1);
  return row ? toSessionUser(row) : null;
}

export async function findUserById(id: number): Promise<SessionUser | null> {
  const [row] = await db.select(sessionUserColumns).from(users).where(eq(users.id, id)).limit(1);
  return row ? toSessionUser(row) : null;
}

/** A password the rules refuse, as a field message; null when it is acceptable. */
export function passwordProblem(password: string, locale: Locale): string | null {
  return isCommonPassword(password) ? translate(locale, "auth.error.passwordCommon") : null;
}

function roleForNewAccount(email: string, requested: Role = "member"): Role {
  return env.adminEmails.includes(email) ? "admin" : requested;
}

/** Creates an account directly (admin CLI, seeding, email-link confirmation). */
export async function createUser(
  input: { email: string; name: string; role?: Role; password?: string | null; passwordHash?: string | null; locale?: Locale; verified?: boolean },
  executor: Executor = db,
): Promise<SessionUser> {
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  const [row] = await executor
    .insert(users)
    .values({
      email: input.email,
      name: input.name,
      role: roleForNewAccount(input.email, input.role),
      passwordHash,
      locale: input.locale ?? "en",
      emailVerifiedAt: input.verified === false ? null : new Date(),
    })
    .returning(sessionUserColumns);
  return toSessionUser(row);
}

async function sendAccountEmail(to: string, email: RenderedEmail, executor: Executor) {
  await enqueue("send-email", { to, ...email, messageKey: `account:${to}:${randomToken(8)}` }, { tx: executor });
}

async function issueEmailToken(
  executor: Executor,
  input: { kind: "sign_in" | "password_reset"; email: string; userId: number | null; minutes: number; locale: Locale; pendingName?: string; pendingPasswordHash?: string },
): Promise<string> {
  const token = randomToken(32);
  await executor.insert(emailTokens).values({
    kind: input.kind,
    tokenHash: sha256Hex(token),
    email: input.email,
    userId: input.userId,
    locale: input.locale,
    pendingName: input.pendingName ?? null,
    pendingPasswordHash: input.pendingPasswordHash ?? null,
    expiresAt: new Date(Date.now() + input.minutes * 60_000),
  });
  return token;
}

const linkUrl = (token: string) => `${env.appUrl}/auth/link/${token}`;
const resetUrl = (token: string) => `${env.appUrl}/reset-password/${token}`;

/**
 * Sign-up: nothing is created until the address is confirmed. A new address gets a confirmation
 * link that creates the account with the chosen name and password; an address that already has an
 * account gets a sign-in link instead. The caller shows the same "check your inbox" either way.
 */
export async function signUp(input: { name: string; email: string; password: string; locale: Locale }): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const problem = passwordProblem(input.password, input.locale);
  if (problem) return { ok: false, errors: { password: problem } };
  const passwordHash = await hashPassword(input.password);
  await prepareQueues(["send-email"]);
  await db.transaction(async (tx) => {
    const existing = await findUserByEmail(input.email, tx);
    const token = await issueEmailToken(tx, {
      kind: "sign_in",
      email: input.email,
      userId: existing?.id ?? null,
      minutes: SIGN_IN_LINK_MINUTES,
      locale: existing?.locale ?? input.locale,
      ...(existing ? {} : { pendingName: input.name, pendingPasswordHash: passwordHash }),
    });
    const email = existing
      ? existingAccountEmail({ locale: existing.locale, url: linkUrl(token) })
      : confirmSignUpEmail({ locale: input.locale, url: linkUrl(token) });
    await sendAccountEmail(input.email, email, tx);
  });
  return { ok: true };
}

/** Emails a single-use sign-in link; an unknown address gets one that creates the account. */
export async function requestSignInLink(input: { email: string; locale: Locale }): Promise<void> {
  await prepareQueues(["send-email"]);
  await db.transaction(async (tx) => {
    const existing = await findUserByEmail(input.email, tx);
    const locale = existing?.locale ?? input.locale;
    const token = await issueEmailToken(tx, { kind: "sign_in", email: input.email, userId: existing?.id ?? null, minutes: SIGN_IN_LINK_MINUTES, locale });
    await sendAccountEmail(input.email, signInLinkEmail({ locale, url: linkUrl(token) }), tx);
  });
}

async function findLiveToken(kind: "sign_in" | "password_reset", token: string) {
  if (typeof token !== "string" || token.length < 20 || token.length > 200) return null;
  const [row] = await db
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, sha256Hex(token)), eq(emailTokens.kind, kind), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, new Date())))
    .limit(1);
  return row ?? null;
}

/** Whether a sign-in link can still be used (shown before the person confirms, so mail scanners that follow links do not use it up). */
export async function peekSignInLink(token: string): Promise<{ email: string } | null> {
  const row = await findLiveToken("sign_in", token);
  return row ? { email: row.email } : null;
}

/** Uses a sign-in link once: returns the account it signs in to (creating it if needed), or null. */
export async function redeemSignInLink(token: string): Promise<SessionUser | null> {
  if (typeof token !== "string" || token.length < 20 || token.length > 200) return null;
  return db.transaction(async (tx) => {
    // The conditional update is the single-use guarantee: of two concurrent clicks, one wins.
    const [row] = await tx
      .update(emailTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(emailTokens.tokenHash, sha256Hex(token)), eq(emailTokens.kind, "sign_in"), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, new Date())))
      .returning();
    if (!row) return null;
    const existing = await findUserByEmail(row.email, tx);
    if (existing) {
      await tx.update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }).where(eq(users.id, existing.id));
      return existing;
    }
    const fallbackName = row.email.split("@")[0].slice(0, 50) || row.email.slice(0, 50);
    return createUser(
      {
        email: row.email,
        name: row.pendingName ?? fallbackName,
        passwordHash: row.pendingPasswordHash,
        locale: isLocale(row.locale) ? row.locale : "en",
      },
      tx,
    );
  });
}

/** Checks an email and password; null for any mismatch (same work whether or not the account exists). */
export async function signInWithPassword(input: { email: string; password: string }): Promise<SessionUser | null> {
  const [row] = await db
    .select({ ...sessionUserColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, input.email))
    .limit(1);
  const ok = await verifyPassword(row?.passwordHash ?? null, input.password);
  if (!row || !ok) return null;
  const { passwordHash: _hash, ...user } = row;
  return toSessionUser(user);
}

/** Emails a reset link to an existing account; an unknown address gets nothing, and the caller answers the same. */
export async function requestPasswordReset(input: { email: string; locale: Locale }): Promise<void> {
  await prepareQueues(["send-email"]);
  await db.transaction(async (tx) => {
    const existing = await findUserByEmail(input.email, tx);
    if (!existing) return;
    const token = await issueEmailToken(tx, {
      kind: "password_reset",
      email: existing.email,
      userId: existing.id,
      minutes: RESET_LINK_MINUTES,
      locale: existing.locale,
    });
    await sendAccountEmail(existing.email, passwordResetEmail({ locale: existing.locale, url: resetUrl(token) }), tx);
  });
}

export async function peekPasswordReset(token: string): Promise<{ email: string } | null> {
  const row = await findLiveToken("password_reset", token);
  return row ? { email: row.email } : null;
}

/** Sets a new password with a reset link (once), ending every existing session of the account. */
export async function resetPassword(input: { token: string; password: string; locale: Locale }): Promise<{ ok: true; user: SessionUser } | { ok: false; errors?: FieldErrors }> {
  const problem = passwordProblem(input.password, input.locale);
  if (problem) return { ok: false, errors: { password: problem } };
  const passwordHash = await hashPassword(input.password);
  const user = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(emailTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(emailTokens.tokenHash, sha256Hex(input.token)),
          eq(emailTokens.kind, "password_reset"),
          isNull(emailTokens.usedAt),
          gt(emailTokens.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!row?.userId) return null;
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, row.userId))
      .returning(sessionUserColumns);
    return updated ? toSessionUser(updated) : null;
  });
  if (!user) return { ok: false };
  await endAllSessions(user.id);
  return { ok: true, user };
}

export async function setUserRole(input: { email: string; role: Role }): Promise<SessionUser | null> {
  const [row] = await db.update(users).set({ role: input.role }).where(eq(users.email, input.email)).returning(sessionUserColumns);
  if (row) forgetApiTokens(row.id);
  return row ? toSessionUser(row) : null;
}

export async function updateProfile(input: { actor: SessionUser; name: string }): Promise<SessionUser> {
  const [row] = await db.update(users).set({ name: input.name }).where(eq(users.id, input.actor.id)).returning(sessionUserColumns);
  forgetApiTokens(row.id);
  return toSessionUser(row);
}
