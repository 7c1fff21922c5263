/** Password resets by emailed link; an unknown address gets nothing, and the caller answers the same. */
import { eq, sql } from "drizzle-orm";
import { users } from "../../db/schema";
import { passwordResetEmail } from "../emails/account";
import type { Locale } from "../i18n";
import { endAllSessions, type SessionUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { hashPassword } from "../lib/passwords.server";
import { prepareQueues } from "../lib/queue.server";
import { sessionUserColumns, toSessionUser } from "../lib/session-user.server";
import type { FieldErrors } from "../schemas/parse";
import { findLiveToken, issueEmailToken, resetLinkUrl, sendAccountEmail, useEmailToken } from "./email-tokens.server";
import { findUserByEmail, passwordProblem } from "./users.server";

export const RESET_LINK_MINUTES = 60;

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
      locale: existing.chosenLocale ?? input.locale,
    });
    await sendAccountEmail(existing.email, passwordResetEmail({ locale: existing.chosenLocale ?? input.locale, url: resetLinkUrl(token) }), tx);
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
    const row = await useEmailToken(tx, "password_reset", input.token);
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
