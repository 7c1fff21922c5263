/**
 * Accounts: sign-up by confirmed email, password and email-link sign-in, roles and profiles
 * (password resets are in password-resets.server.ts, personal API tokens in api-tokens.server.ts).
 * Sign-up and sign-in links answer the same whether or not the address has an account; the
 * difference only ever shows in the recipient's inbox.
 */
import { and, eq, sql } from "drizzle-orm";
import { users } from "../../db/schema";
import { confirmSignUpEmail, existingAccountEmail, signInLinkEmail } from "../emails/account";
import { translate, type Locale } from "../i18n";
import { isLocale } from "../i18n/locales";
import { forgetApiTokens } from "../lib/api-tokens.server";
import type { SessionUser } from "../lib/auth.server";
import { isCommonPassword } from "../lib/common-passwords.server";
import { db, type Executor } from "../lib/db.server";
import { env } from "../lib/env.server";
import { hashPassword, verifyPassword } from "../lib/passwords.server";
import { sessionUserColumns, toSessionUser } from "../lib/session-user.server";
import { prepareQueues } from "../lib/queue.server";
import type { Role } from "../roles";
import type { FieldErrors } from "../schemas/parse";
import { companyForEmail } from "./companies.server";
import { findLiveToken, findPendingSignUp, issueEmailToken, sendAccountEmail, signInLinkUrl, useEmailToken, type NextStep } from "./email-tokens.server";

export const SIGN_IN_LINK_MINUTES = 15;

/**
 * The account with this address. A contact (votes-on-behalf.server.ts) is not an account: it
 * cannot sign in or reset a password, and signing up with its address confirms like a new
 * account, then turns the contact into it (redeemSignInLink).
 */
export async function findUserByEmail(email: string, executor: Executor = db): Promise<SessionUser | null> {
  const [row] = await executor.select(sessionUserColumns).from(users).where(and(eq(users.email, email), eq(users.isContact, false))).limit(1);
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
      // The language the account was made in; a choice only once made in Settings.
      lastLocale: input.locale ?? env.defaultLocale,
      emailVerifiedAt: input.verified === false ? null : new Date(),
      companyId: companyForEmail(input.email),
    })
    .returning(sessionUserColumns);
  return toSessionUser(row);
}

/** The language an account that never chose one last used the site in: its emails follow it. */
export async function rememberLastLocale(input: { actor: SessionUser; locale: Locale }): Promise<void> {
  if (input.actor.lastLocale === input.locale) return;
  await db.update(users).set({ lastLocale: input.locale }).where(eq(users.id, input.actor.id));
  forgetApiTokens(input.actor.id);
}

/** Settings → Language, from the language switcher. */
export async function chooseLanguage(input: { actor: SessionUser; locale: Locale }): Promise<void> {
  await db.update(users).set({ locale: input.locale }).where(eq(users.id, input.actor.id));
  forgetApiTokens(input.actor.id);
}

/**
 * Sign-up: nothing is created until the address is confirmed. A new address gets a confirmation
 * link that creates the account with the chosen name and password; an address that already has an
 * account gets a sign-in link instead. The caller shows the same "check your inbox" either way.
 * Either link takes the person on to `redirectTo` and finishes `then` (see NextStep).
 */
export async function signUp(input: { name: string; email: string; password: string; locale: Locale } & NextStep): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
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
      locale: existing?.chosenLocale ?? input.locale,
      redirectTo: input.redirectTo,
      then: input.then,
      ...(existing ? {} : { pendingName: input.name, pendingPasswordHash: passwordHash }),
    });
    const email = existing
      ? existingAccountEmail({ locale: existing.chosenLocale ?? input.locale, url: signInLinkUrl(token) })
      : confirmSignUpEmail({ locale: input.locale, url: signInLinkUrl(token) });
    await sendAccountEmail(input.email, email, tx);
  });
  return { ok: true };
}

/**
 * Sends a fresh confirmation link for a sign-up still waiting for one (with the same name,
 * password and next step); an address with nothing waiting gets nothing, and the caller answers
 * the same.
 */
export async function resendSignUpConfirmation(input: { email: string; locale: Locale }): Promise<void> {
  await prepareQueues(["send-email"]);
  await db.transaction(async (tx) => {
    const pending = await findPendingSignUp(input.email, tx);
    if (!pending || (await findUserByEmail(input.email, tx))) return;
    const locale = isLocale(pending.locale) ? pending.locale : input.locale;
    const token = await issueEmailToken(tx, {
      kind: "sign_in",
      email: pending.email,
      userId: null,
      minutes: SIGN_IN_LINK_MINUTES,
      locale,
      pendingName: pending.pendingName,
      pendingPasswordHash: pending.pendingPasswordHash,
      redirectTo: pending.nextPath,
      then: pending.pendingAction,
    });
    await sendAccountEmail(pending.email, confirmSignUpEmail({ locale, url: signInLinkUrl(token) }), tx);
  });
}

/** Emails a single-use sign-in link; an unknown address gets one that creates the account. */
export async function requestSignInLink(input: { email: string; locale: Locale } & NextStep): Promise<void> {
  await prepareQueues(["send-email"]);
  await db.transaction(async (tx) => {
    const existing = await findUserByEmail(input.email, tx);
    // Asked for on the site now: the language in use, unless the account chose one.
    const locale = existing?.chosenLocale ?? input.locale;
    const token = await issueEmailToken(tx, { kind: "sign_in", email: input.email, userId: existing?.id ?? null, minutes: SIGN_IN_LINK_MINUTES, locale, redirectTo: input.redirectTo, then: input.then });
    await sendAccountEmail(input.email, signInLinkEmail({ locale, url: signInLinkUrl(token) }), tx);
  });
}

/**
 * Whether a sign-in link can still be used, and whether using it confirms a new account (shown
 * before the person presses the button, so mail scanners that follow links do not use it up).
 */
export async function peekSignInLink(token: string): Promise<{ email: string; confirmsSignUp: boolean } | null> {
  const row = await findLiveToken("sign_in", token);
  return row ? { email: row.email, confirmsSignUp: row.userId === null && row.pendingPasswordHash !== null } : null;
}

/**
 * Uses a sign-in link once: the account it signs in to (creating it if needed) and where to go
 * next, or null.
 */
export async function redeemSignInLink(token: string): Promise<{ user: SessionUser; redirectTo: string | null; then: string | null } | null> {
  return db.transaction(async (tx) => {
    const row = await useEmailToken(tx, "sign_in", token);
    if (!row) return null;
    const next = { redirectTo: row.nextPath, then: row.pendingAction };
    const existing = await findUserByEmail(row.email, tx);
    if (existing) {
      await tx.update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }).where(eq(users.id, existing.id));
      return { user: existing, ...next };
    }
    const contact = await claimContact(tx, { email: row.email, name: row.pendingName, passwordHash: row.pendingPasswordHash, locale: row.locale });
    if (contact) return { user: contact, ...next };
    const fallbackName = row.email.split("@")[0].slice(0, 50) || row.email.slice(0, 50);
    const user = await createUser(
      {
        email: row.email,
        name: row.pendingName ?? fallbackName,
        passwordHash: row.pendingPasswordHash,
        locale: isLocale(row.locale) ? row.locale : "en",
      },
      tx,
    );
    return { user, ...next };
  });
}

/**
 * Turns the contact with this address, if there is one, into the account being confirmed: the
 * same row, so its votes, follows and emails stay its own (never twice). A name chosen at sign-up
 * replaces the one staff typed. The row is locked, so two links used at once convert it once.
 */
async function claimContact(tx: Executor, input: { email: string; name: string | null; passwordHash: string | null; locale: string }): Promise<SessionUser | null> {
  const [row] = await tx
    .update(users)
    .set({
      isContact: false,
      ...(input.name ? { name: input.name } : {}),
      passwordHash: input.passwordHash,
      lastLocale: isLocale(input.locale) ? input.locale : env.defaultLocale,
      emailVerifiedAt: sql`now()`,
    })
    .where(and(eq(users.email, input.email), eq(users.isContact, true)))
    .returning(sessionUserColumns);
  return row ? toSessionUser(row) : null;
}

/**
 * Checks an email and password (the same work whether or not the account exists). A sign-up
 * that is still waiting for its confirmation is reported as such, but only to someone who typed
 * its password: anyone else learns nothing about the address.
 */
export async function checkPassword(input: { email: string; password: string }): Promise<{ ok: true; user: SessionUser } | { ok: false; unconfirmed: boolean }> {
  const [row] = await db
    .select({ ...sessionUserColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, input.email), eq(users.isContact, false)))
    .limit(1);
  const pending = row ? null : await findPendingSignUp(input.email);
  const ok = await verifyPassword(row?.passwordHash ?? pending?.pendingPasswordHash ?? null, input.password);
  if (!ok) return { ok: false, unconfirmed: false };
  if (!row) return { ok: false, unconfirmed: true };
  const { passwordHash: _hash, ...user } = row;
  return { ok: true, user: toSessionUser(user) };
}

/** checkPassword() for callers that only need the account: null for any refusal. */
export async function signInWithPassword(input: { email: string; password: string }): Promise<SessionUser | null> {
  const result = await checkPassword(input);
  return result.ok ? result.user : null;
}

export async function setUserRole(input: { email: string; role: Role }): Promise<SessionUser | null> {
  const [row] = await db.update(users).set({ role: input.role }).where(eq(users.email, input.email)).returning(sessionUserColumns);
  if (row) forgetApiTokens(row.id);
  return row ? toSessionUser(row) : null;
}

/** Name and language (null: follow the browser, as a visitor would; undefined: unchanged). */
export async function updateProfile(input: { actor: SessionUser; name: string; locale?: Locale | null }): Promise<SessionUser> {
  const [row] = await db
    .update(users)
    .set({ name: input.name, ...(input.locale !== undefined ? { locale: input.locale } : {}) }).where(eq(users.id, input.actor.id)).returning(sessionUserColumns);
  forgetApiTokens(row.id);
  return toSessionUser(row);
}
