/**
 * Changing what an account signs in with, from Settings › Account: the password (the current one
 * required; every other session ended, this one kept) and the email address (a link to the new
 * address; nothing changes until it is used; the old address is told once it has).
 */
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { emailTokens, users } from "../../db/schema";
import { confirmEmailChangeEmail, emailChangedNoticeEmail } from "../emails/account";
import { translate } from "../i18n";
import { isLocale } from "../i18n/locales";
import { forgetApiTokens } from "../lib/api-tokens.server";
import { endOtherSessions, type SessionUser } from "../lib/auth.server";
import { db, isUniqueViolation, type Executor } from "../lib/db.server";
import { env } from "../lib/env.server";
import { conflict, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { hashPassword, verifyPassword } from "../lib/passwords.server";
import { consume } from "../lib/rate-limit.server";
import { prepareQueues } from "../lib/queue.server";
import { ChangeEmailForm, ChangePasswordForm } from "../schemas/account";
import { emailChangeUrl, findLiveToken, issueEmailToken, sendAccountEmail, useEmailToken } from "./email-tokens.server";
import { passwordProblem } from "./users.server";

/** How long the link to a new address works. */
export const EMAIL_CHANGE_LINK_HOURS = 24;

/** The account's stored password hash (null: it signs in by email link only); null for an unknown or deleted account. */
export async function loadPasswordHash(userId: number, executor: Executor = db): Promise<{ passwordHash: string | null } | null> {
  const [row] = await executor
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .limit(1);
  return row ?? null;
}

/**
 * Whether the account has a password (Settings › Account asks for the current one only then).
 */
export async function hasPassword(input: { actor: SessionUser }): Promise<boolean> {
  return Boolean((await loadPasswordHash(input.actor.id))?.passwordHash);
}

/**
 * Sets a new password. The current one is required when there is one; a wrong one counts
 * against the account's sign-in limit (it is a way to guess). Every other session of the account
 * ends; `sessionId` (this request's) is kept.
 */
export async function changePassword(input: { actor: SessionUser | null; sessionId: string | null; currentPassword?: unknown; newPassword: unknown }): Promise<void> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const { currentPassword, newPassword } = parseOrRefuse(ChangePasswordForm, { currentPassword: input.currentPassword ?? "", newPassword: input.newPassword }, actor.locale);
  const problem = passwordProblem(newPassword, actor.locale);
  if (problem) throw unprocessable({ newPassword: problem });
  const stored = await loadPasswordHash(actor.id);
  if (!stored) throw unauthorized();
  if (stored.passwordHash) {
    await consume("signInAccount", actor.email);
    if (!(await verifyPassword(stored.passwordHash, currentPassword))) {
      throw unprocessable({ currentPassword: translate(actor.locale, "account.password.wrong") });
    }
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
    // Reset links issued before the change must not set the password back.
    await tx.delete(emailTokens).where(and(eq(emailTokens.userId, actor.id), eq(emailTokens.kind, "password_reset"), isNull(emailTokens.usedAt)));
  });
  await endOtherSessions(actor.id, input.sessionId);
}

async function addressTaken(email: string, userId: number, executor: Executor): Promise<boolean> {
  const [row] = await executor.select({ id: users.id }).from(users).where(and(eq(users.email, email), ne(users.id, userId))).limit(1);
  return Boolean(row);
}

/**
 * Emails a confirmation link to the new address; the account's address changes only when it is
 * used. An address that another account has is a field error.
 */
export async function requestEmailChange(input: { actor: SessionUser | null; email: unknown }): Promise<{ email: string }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const { email } = parseOrRefuse(ChangeEmailForm, { email: input.email }, actor.locale);
  if (email === actor.email) throw unprocessable({ email: translate(actor.locale, "account.email.same") });
  await prepareQueues(["send-email"]);
  await db.transaction(async (tx) => {
    if (await addressTaken(email, actor.id, tx)) throw conflict(translate(actor.locale, "account.email.taken"), { email: translate(actor.locale, "account.email.taken") });
    // One pending change at a time: an older link to another address stops working.
    await tx.delete(emailTokens).where(and(eq(emailTokens.userId, actor.id), eq(emailTokens.kind, "email_change"), isNull(emailTokens.usedAt)));
    const token = await issueEmailToken(tx, { kind: "email_change", email, userId: actor.id, minutes: EMAIL_CHANGE_LINK_HOURS * 60, locale: actor.locale });
    await sendAccountEmail(email, confirmEmailChangeEmail({ locale: actor.locale, url: emailChangeUrl(token), email }), tx);
  });
  return { email };
}

/** The new address a change link would confirm (shown before the button), or null. */
export async function peekEmailChange(token: string): Promise<{ email: string } | null> {
  const row = await findLiveToken("email_change", token);
  return row ? { email: row.email } : null;
}

/**
 * Uses a change link once: the account's address becomes the new one (confirmed, since the link
 * reached it), and the old address is told. "taken" when another account got the address
 * meanwhile; null when the link is unknown, used or expired.
 */
export async function confirmEmailChange(token: string): Promise<{ email: string } | "taken" | null> {
  await prepareQueues(["send-email"]);
  const result = await db.transaction(async (tx) => {
    const row = await useEmailToken(tx, "email_change", token);
    if (!row?.userId) return null;
    const [before] = await tx
      .select({ email: users.email, locale: users.locale })
      .from(users)
      .where(and(eq(users.id, row.userId), isNull(users.deletedAt)))
      .for("update");
    if (!before) return null;
    if (await addressTaken(row.email, row.userId, tx)) return "taken";
    await tx.update(users).set({ email: row.email, emailVerifiedAt: sql`now()` }).where(eq(users.id, row.userId));
    const locale = isLocale(before.locale) ? before.locale : "en";
    await sendAccountEmail(before.email, emailChangedNoticeEmail({ locale, email: row.email, url: `${env.appUrl}/login` }), tx);
    return { email: row.email, userId: row.userId };
  }).catch((error: unknown) => {
    // Another account took the address between our check and our update.
    if (isUniqueViolation(error)) return "taken" as const;
    throw error;
  });
  if (result === null || result === "taken") return result;
  forgetApiTokens(result.userId);
  return { email: result.email };
}
