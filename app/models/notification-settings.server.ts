/**
 * Email settings: what each person wants by email, and the signed unsubscribe links in every
 * notification email, which work signed out (the token is the credential).
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { ideas, users } from "../../db/schema";
import { ideaUrl } from "../idea-links";
import type { SessionUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { parseOrRefuse, unauthorized } from "../lib/errors.server";
import { verifyUnsubscribeToken } from "../lib/signed-links.server";
import { NotificationSettingsInput } from "../schemas/statuses";
import { isFollowing, setSubscription } from "./subscriptions.server";

export interface NotificationSettings {
  emailOnStatusChange: boolean;
  emailOnStaffComment: boolean;
  emailOnReply: boolean;
  emailOnComment: boolean;
  /** "Unsubscribe from all Loopboard email" is in effect. */
  unsubscribedAll: boolean;
}

const settingsColumns = {
  emailOnStatusChange: users.emailOnStatusChange,
  emailOnStaffComment: users.emailOnStaffComment,
  emailOnReply: users.emailOnReply,
  emailOnComment: users.emailOnComment,
  unsubscribedAllAt: users.emailUnsubscribedAllAt,
};

function toSettings(row: { unsubscribedAllAt: Date | null } & Omit<NotificationSettings, "unsubscribedAll">): NotificationSettings {
  const { unsubscribedAllAt, ...rest } = row;
  return { ...rest, unsubscribedAll: unsubscribedAllAt !== null };
}

export async function getNotificationSettings(input: { actor: SessionUser | null }): Promise<NotificationSettings> {
  if (!input.actor) throw unauthorized();
  const [row] = await db.select(settingsColumns).from(users).where(eq(users.id, input.actor.id)).limit(1);
  if (!row) throw unauthorized();
  return toSettings(row);
}

export async function updateNotificationSettings(input: {
  actor: SessionUser | null;
  emailOnStatusChange?: boolean | string;
  emailOnStaffComment?: boolean | string;
  emailOnReply?: boolean | string;
  emailOnComment?: boolean | string;
  unsubscribedAll?: boolean | string;
}): Promise<NotificationSettings> {
  const { actor, ...fields } = input;
  if (!actor) throw unauthorized();
  const { unsubscribedAll, ...flags } = parseOrRefuse(NotificationSettingsInput, fields, actor.locale);
  const set: Partial<typeof users.$inferInsert> = {};
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) (set as Record<string, unknown>)[key] = value;
  if (unsubscribedAll !== undefined) {
    (set as Record<string, unknown>).emailUnsubscribedAllAt = unsubscribedAll ? sql`coalesce(${users.emailUnsubscribedAllAt}, now())` : null;
  }
  if (Object.keys(set).length > 0) await db.update(users).set(set).where(eq(users.id, actor.id));
  return getNotificationSettings({ actor });
}

export interface UnsubscribeLink {
  userId: number;
  /** What the email was about: one idea (null below once it is deleted), or all email. */
  scope: "idea" | "all";
  idea: { id: number; number: number; title: string; url: string } | null;
  /** This person already gets no email about the idea. */
  unsubscribedIdea: boolean;
  unsubscribedAll: boolean;
  /** Which kinds of email their settings let through (whatever unsubscribedAll says). */
  settings: Omit<NotificationSettings, "unsubscribedAll">;
}

/** What an unsubscribe token stands for, or null when it does not verify (or its user is gone). */
export async function readUnsubscribeLink(input: { token: string }): Promise<UnsubscribeLink | null> {
  const link = verifyUnsubscribeToken(input.token);
  if (!link) return null;
  const [user] = await db.select({ id: users.id, ...settingsColumns }).from(users).where(and(eq(users.id, link.userId), isNull(users.deletedAt))).limit(1);
  if (!user) return null;
  const { unsubscribedAll: _all, ...settings } = toSettings(user);
  let idea: UnsubscribeLink["idea"] = null;
  let unsubscribedIdea = false;
  if (link.scope !== "all") {
    const [row] = await db.select({ id: ideas.id, number: ideas.number, title: ideas.title, slug: ideas.slug }).from(ideas).where(eq(ideas.id, link.scope)).limit(1);
    if (row) {
      idea = { id: row.id, number: row.number, title: row.title, url: ideaUrl(row) };
      unsubscribedIdea = !(await isFollowing({ userId: user.id, ideaId: row.id }));
    }
  }
  return { userId: user.id, scope: link.scope === "all" ? "all" : "idea", idea, unsubscribedIdea, unsubscribedAll: user.unsubscribedAllAt !== null, settings };
}

/**
 * Acts on an unsubscribe link: "idea" unfollows the idea the email was about (an explicit
 * "unfollowed" row, so voting again later does not resubscribe), "all" stops every Loopboard
 * email; with `undo`, the same page takes it back (an explicit follow; email back on). The signed
 * token is the credential: no session needed. Null when the token is invalid.
 */
export async function unsubscribeWithLink(input: { token: string; from: "idea" | "all"; undo?: boolean }): Promise<UnsubscribeLink | null> {
  const link = await readUnsubscribeLink({ token: input.token });
  if (!link) return null;
  const unsubscribed = !input.undo;
  if (input.from === "idea" && link.scope === "idea") {
    // An idea deleted since the email was sent sends nothing more anyway.
    if (!link.idea) return link;
    await setSubscription({ userId: link.userId, ideaId: link.idea.id, state: unsubscribed ? "unfollowed" : "following" });
    return { ...link, unsubscribedIdea: unsubscribed };
  }
  await db
    .update(users)
    .set({ emailUnsubscribedAllAt: unsubscribed ? sql`coalesce(${users.emailUnsubscribedAllAt}, now())` : null })
    .where(eq(users.id, link.userId));
  return { ...link, unsubscribedAll: unsubscribed };
}
