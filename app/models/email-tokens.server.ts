/**
 * Single-use links sent by email (sign-in, sign-up confirmation, password reset): only the
 * SHA-256 of a token is stored, and a token is used up by one conditional update, so of two
 * concurrent clicks one wins. The account rules that use them are in users.server.ts and
 * password-resets.server.ts.
 */
import { and, desc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { emailTokens } from "../../db/schema";
import type { RenderedEmail } from "../emails/layout";
import type { Locale } from "../i18n";
import { db, type Executor } from "../lib/db.server";
import { env } from "../lib/env.server";
import { randomToken, sha256Hex } from "../lib/hashing.server";
import { safeRedirectPath } from "../lib/http.server";
import { enqueue } from "../lib/queue.server";
import { parsePendingAction } from "../schemas/pending-action";

export type EmailTokenKind = "sign_in" | "password_reset" | "email_change";
export type EmailTokenRow = typeof emailTokens.$inferSelect;

/** Where a link takes the person afterwards: a same-origin path, and a pending action to finish. */
export interface NextStep {
  redirectTo?: string | null;
  then?: string | null;
}

/** A sign-up waiting for its confirmation stays recognisable (for "not confirmed yet") this long. */
const PENDING_SIGN_UP_DAYS = 7;

export async function issueEmailToken(
  executor: Executor,
  input: { kind: EmailTokenKind; email: string; userId: number | null; minutes: number; locale: Locale; pendingName?: string | null; pendingPasswordHash?: string | null } & NextStep,
): Promise<string> {
  const token = randomToken(32);
  const nextPath = input.redirectTo ? safeRedirectPath(input.redirectTo) : null;
  const pendingAction = parsePendingAction(input.then) ? (input.then as string) : null;
  await executor.insert(emailTokens).values({
    kind: input.kind,
    tokenHash: sha256Hex(token),
    email: input.email,
    userId: input.userId,
    locale: input.locale,
    pendingName: input.pendingName ?? null,
    pendingPasswordHash: input.pendingPasswordHash ?? null,
    nextPath: nextPath === "/" ? null : nextPath,
    pendingAction,
    expiresAt: new Date(Date.now() + input.minutes * 60_000),
  });
  return token;
}

const plausibleToken = (token: unknown): token is string => typeof token === "string" && token.length >= 20 && token.length <= 200;

const liveToken = (kind: EmailTokenKind, token: string) =>
  and(eq(emailTokens.tokenHash, sha256Hex(token)), eq(emailTokens.kind, kind), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, new Date()));

export async function findLiveToken(kind: EmailTokenKind, token: string): Promise<EmailTokenRow | null> {
  if (!plausibleToken(token)) return null;
  const [row] = await db.select().from(emailTokens).where(liveToken(kind, token)).limit(1);
  return row ?? null;
}

/** Marks a live token used and returns it; null when it is unknown, used or expired. */
export async function useEmailToken(executor: Executor, kind: EmailTokenKind, token: string): Promise<EmailTokenRow | null> {
  if (!plausibleToken(token)) return null;
  const [row] = await executor.update(emailTokens).set({ usedAt: new Date() }).where(liveToken(kind, token)).returning();
  return row ?? null;
}

/**
 * The newest unused sign-up confirmation for an address (expired or not, within a week): the
 * account it would create does not exist yet.
 */
export async function findPendingSignUp(email: string, executor: Executor = db): Promise<EmailTokenRow | null> {
  const since = new Date(Date.now() - PENDING_SIGN_UP_DAYS * 24 * 3600_000);
  const [row] = await executor
    .select()
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.email, email),
        eq(emailTokens.kind, "sign_in"),
        isNull(emailTokens.userId),
        isNull(emailTokens.usedAt),
        isNotNull(emailTokens.pendingPasswordHash),
        gt(emailTokens.createdAt, since),
      ),
    )
    .orderBy(desc(emailTokens.id))
    .limit(1);
  return row ?? null;
}

export async function sendAccountEmail(to: string, email: RenderedEmail, executor: Executor): Promise<void> {
  await enqueue("send-email", { to, ...email, messageKey: `account:${to}:${randomToken(8)}` }, { tx: executor });
}

export const signInLinkUrl = (token: string) => `${env.appUrl}/auth/link/${token}`;
export const resetLinkUrl = (token: string) => `${env.appUrl}/reset-password/${token}`;
export const emailChangeUrl = (token: string) => `${env.appUrl}/email-change/${token}`;
