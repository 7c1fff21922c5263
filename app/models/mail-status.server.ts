/**
 * The admins' view of outgoing mail (/admin/email): where it goes, the last error, how many
 * messages wait, retry or failed, and a test email sent on the spot — a self-hoster's first
 * stop when mail does not arrive.
 */
import { sql } from "drizzle-orm";
import { testEmail } from "../emails/account";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { env } from "../lib/env.server";
import { forbidden, unauthorized } from "../lib/errors.server";
import { mailMode, sendMail, type MailMode } from "../lib/mailer.server";
import { jobStateCounts } from "../lib/queue.server";
import { isLocale } from "../i18n/locales";
import { canManageEmail } from "../permissions";

export interface MailStatus {
  mode: MailMode;
  /** Notification emails (email_deliveries) and account emails (the send-email queue) together. */
  queued: number;
  retrying: number;
  failed: number;
  lastError: { message: string; at: Date } | null;
}

function authorize(actor: SessionUser | null): SessionUser {
  if (!actor) throw unauthorized();
  if (!canManageEmail(actor)) throw forbidden();
  return actor;
}

export async function getMailStatus(input: { actor: SessionUser | null }): Promise<MailStatus> {
  authorize(input.actor);
  // A pending or claimed row with an error on it has failed at least once and is waiting for another try.
  const [notifications] = await queryRows<{ queued: number; retrying: number; failed: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE state IN ('pending', 'sending') AND last_error IS NULL)::int AS queued,
               count(*) FILTER (WHERE state IN ('pending', 'sending') AND last_error IS NOT NULL)::int AS retrying,
               count(*) FILTER (WHERE state = 'failed')::int AS failed
        FROM email_deliveries WHERE state IN ('pending', 'sending', 'failed')`,
  );
  const [lastNotificationError] = await queryRows<{ message: string; at: Date | string }>(
    db,
    sql`SELECT last_error AS message, updated_at AS at FROM email_deliveries
        WHERE last_error IS NOT NULL ORDER BY updated_at DESC LIMIT 1`,
  );
  const account = await jobStateCounts("send-email");
  const errors = [account.lastError, lastNotificationError ? { message: lastNotificationError.message, at: new Date(lastNotificationError.at) } : null];
  const lastError = errors.filter((e) => e !== null).sort((a, b) => b.at.getTime() - a.at.getTime())[0] ?? null;
  return {
    mode: mailMode(),
    queued: Number(notifications?.queued ?? 0) + account.queued,
    retrying: Number(notifications?.retrying ?? 0) + account.retrying,
    failed: Number(notifications?.failed ?? 0) + account.failed,
    lastError,
  };
}

export type TestEmailResult = { ok: true; to: string; file?: string } | { ok: false; to: string; error: string };

/**
 * Sends the actor a test email now, through the same transport as every other email (within its
 * send budget), and reports what happened instead of queueing a retry.
 */
export async function sendTestEmail(input: { actor: SessionUser | null }): Promise<TestEmailResult> {
  const actor = authorize(input.actor);
  const locale = isLocale(actor.locale) ? actor.locale : "en";
  try {
    const sent = await sendMail({ to: actor.email, ...testEmail({ locale, url: `${env.appUrl}/admin/email` }) });
    return { ok: true, to: actor.email, ...(sent.file ? { file: sent.file } : {}) };
  } catch (error) {
    const e = error as { response?: string; message?: string };
    return { ok: false, to: actor.email, error: (e?.response || e?.message || String(error)).slice(0, 500) };
  }
}
