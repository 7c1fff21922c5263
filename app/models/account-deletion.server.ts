/**
 * Deleting an account, by its owner. The users row stays as an empty tombstone (no email, name,
 * password or settings; `deleted_at` set) because status changes and notification events keep
 * pointing at their actor, and because kept content needs an author: pages show it as "deleted
 * user". Everything personal goes: votes (the ideas' counters drop by the rows deleted, in the
 * same statement), follows, notifications, emails not yet sent, links, API tokens, sessions. With
 * "remove", the person's ideas and comments (and the replies to them) go too, the counters of the
 * ideas they were on dropping by the rows deleted. See docs/decisions/0017-account-deletion.md.
 */
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { apiTokens, emailDeliveries, emailTokens, ideas, notificationEvents, notifications, sessions, subscriptions, users } from "../../db/schema";
import { translate } from "../i18n";
import { forgetApiTokens } from "../lib/api-tokens.server";
import type { SessionUser } from "../lib/auth.server";
import { db, type Executor } from "../lib/db.server";
import { parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { verifyPassword } from "../lib/passwords.server";
import { consume } from "../lib/rate-limit.server";
import { DeleteAccountForm, type DeletionChoice } from "../schemas/account";
import { loadPasswordHash } from "./account-settings.server";
import { cancelIdeaNotifications } from "./notification-events.server";
import { voteWeight } from "./votes.server";

/** The address a deleted account keeps: unique, and undeliverable by definition (RFC 2606). */
export const deletedAddress = (userId: number) => `deleted-${userId}@account.invalid`;

/** Withdraws every vote of the person; each idea's vote_count and trending_score drop by what was deleted. */
async function removeVotes(tx: Executor, userId: number): Promise<void> {
  await tx.execute(sql`
    WITH deleted AS (
      DELETE FROM votes WHERE user_id = ${userId}::int RETURNING idea_id, created_at
    ),
    per_idea AS (
      SELECT idea_id, count(*)::int AS n, sum(${voteWeight(sql`created_at`)}) AS weight FROM deleted GROUP BY idea_id
    )
    UPDATE ideas SET
      vote_count = ideas.vote_count - per_idea.n,
      -- Exactly zero once the last vote is gone, as when a vote is withdrawn.
      trending_score = CASE WHEN ideas.vote_count - per_idea.n <= 0 THEN 0 ELSE greatest(0, ideas.trending_score - per_idea.weight) END
    FROM per_idea
    WHERE ideas.id = per_idea.idea_id`);
}

/** Deletes the person's ideas, each as deleteIdea does (its pending notification emails cancelled). */
async function removeIdeas(tx: Executor, userId: number): Promise<void> {
  const own = await tx.select({ id: ideas.id, title: ideas.title }).from(ideas).where(eq(ideas.authorId, userId)).orderBy(ideas.id).for("update");
  for (const idea of own) {
    await cancelIdeaNotifications(tx, idea);
    await tx.delete(ideas).where(eq(ideas.id, idea.id));
  }
}

/** Deletes the person's comments and the replies to them; each idea's comment_count drops by the rows deleted. */
async function removeComments(tx: Executor, userId: number): Promise<void> {
  // The ideas' rows first, in id order, as deleteComment does: a reply being posted meanwhile
  // either committed (and is deleted and counted here) or fails on its missing parent.
  await tx.execute(sql`
    SELECT id FROM ideas WHERE id IN (SELECT idea_id FROM comments WHERE author_id = ${userId}::int) ORDER BY id FOR NO KEY UPDATE`);
  await tx.execute(sql`
    WITH deleted AS (
      DELETE FROM comments
      WHERE author_id = ${userId}::int
         OR parent_id IN (SELECT id FROM comments WHERE author_id = ${userId}::int)
      RETURNING idea_id, internal, hidden_at
    ),
    -- comment_count is the public count: internal notes and hidden comments were never in it.
    per_idea AS (SELECT idea_id, count(*)::int AS n FROM deleted WHERE NOT internal AND hidden_at IS NULL GROUP BY idea_id)
    UPDATE ideas SET comment_count = ideas.comment_count - per_idea.n
    FROM per_idea
    WHERE ideas.id = per_idea.idea_id`);
}

/**
 * Followers are derived (author ∪ voters ∪ commenters ∪ follows), so kept ideas and comments
 * would still make the tombstone a follower: an explicit "unfollowed" row on each of those ideas
 * leaves it out of every fan-out and follower count.
 */
async function unfollowEverything(tx: Executor, userId: number): Promise<void> {
  await tx.delete(subscriptions).where(eq(subscriptions.userId, userId));
  await tx.execute(sql`
    INSERT INTO subscriptions (idea_id, user_id, state)
    SELECT id, ${userId}::int, 'unfollowed'::subscription_state FROM ideas WHERE author_id = ${userId}::int
    UNION
    SELECT idea_id, ${userId}::int, 'unfollowed'::subscription_state FROM comments WHERE author_id = ${userId}::int
    ON CONFLICT DO NOTHING`);
}

/** Checks what the person typed to confirm: their password, or (without one) their email address. */
async function checkConfirmation(actor: SessionUser, passwordHash: string | null, confirmation: string): Promise<void> {
  const ok = passwordHash ? await verifyPassword(passwordHash, confirmation) : confirmation.trim().toLowerCase() === actor.email;
  if (!ok) throw unprocessable({ confirmation: translate(actor.locale, "account.delete.wrong") });
}

export async function deleteAccount(input: { actor: SessionUser | null; content: unknown; confirmation: unknown }): Promise<{ content: DeletionChoice }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const { content, confirmation } = parseOrRefuse(DeleteAccountForm, { content: input.content, confirmation: input.confirmation }, actor.locale);
  const stored = await loadPasswordHash(actor.id);
  if (!stored) throw unauthorized();
  // A password check is a way to guess: it shares the account's sign-in limit.
  await consume("signInAccount", actor.email);
  await checkConfirmation(actor, stored.passwordHash, confirmation);
  const userId = actor.id;
  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.deletedAt))).for("update");
    if (!locked) throw unauthorized();
    if (content === "remove") {
      await removeIdeas(tx, userId);
      await removeComments(tx, userId);
    }
    await removeVotes(tx, userId);
    await unfollowEverything(tx, userId);
    await tx.delete(notifications).where(eq(notifications.userId, userId));
    await tx.delete(emailDeliveries).where(eq(emailDeliveries.userId, userId));
    // Replies meant for them alone.
    await tx.delete(notificationEvents).where(eq(notificationEvents.recipientId, userId));
    await tx.delete(emailTokens).where(or(eq(emailTokens.userId, userId), eq(emailTokens.email, actor.email)));
    await tx.delete(apiTokens).where(eq(apiTokens.userId, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx
      .update(users)
      .set({
        email: deletedAddress(userId),
        name: "",
        passwordHash: null,
        role: "member",
        locale: "en",
        emailVerifiedAt: null,
        emailOnStatusChange: false,
        emailOnStaffComment: false,
        emailOnReply: false,
        emailOnComment: false,
        emailUnsubscribedAllAt: sql`now()`,
        deletedAt: sql`now()`,
        companyId: null,
        companyByHand: false,
      })
      .where(eq(users.id, userId));
  });
  forgetApiTokens(userId);
  return { content };
}
