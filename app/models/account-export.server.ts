/**
 * "Download my data": everything Loopboard keeps that the person gave it, as one JSON document.
 * Only their own rows, and only what they could see anyway: no other person's email or settings,
 * nothing staff-only (follower counts, deliveries, other people's votes), no secrets (password
 * hash, token hashes, sessions).
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { apiTokens, boards, comments, ideas, notifications, subscriptions, users, votes } from "../../db/schema";
import { ideaUrl } from "../idea-links";
import type { SessionUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { env } from "../lib/env.server";
import { unauthorized } from "../lib/errors.server";
import { canSeeInternalNotes } from "../permissions";

/** Bumped when the document's shape changes, so a reader can tell versions apart. */
export const EXPORT_FORMAT = 1;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const link = (row: { number: number; slug: string }) => env.appUrl + ideaUrl(row);

export async function exportAccountData(input: { actor: SessionUser | null }) {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const userId = actor.id;
  const [profile] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!profile || profile.deletedAt) throw unauthorized();
  const ideaRows = await db
    .select({ number: ideas.number, slug: ideas.slug, title: ideas.title, body: ideas.body, status: ideas.status, board: boards.slug, voteCount: ideas.voteCount, commentCount: ideas.commentCount, createdAt: ideas.createdAt, updatedAt: ideas.updatedAt })
    .from(ideas)
    .innerJoin(boards, eq(boards.id, ideas.boardId))
    .where(eq(ideas.authorId, userId))
    .orderBy(asc(ideas.number));
  const commentRows = await db
    .select({ id: comments.id, number: ideas.number, slug: ideas.slug, ideaTitle: ideas.title, parentId: comments.parentId, body: comments.body, createdAt: comments.createdAt, updatedAt: comments.updatedAt })
    .from(comments)
    .innerJoin(ideas, eq(ideas.id, comments.ideaId))
    // Internal notes are staff-only: someone who is no longer staff does not take theirs away.
    .where(and(eq(comments.authorId, userId), canSeeInternalNotes(actor) ? undefined : eq(comments.internal, false)))
    .orderBy(asc(comments.id));
  const voteRows = await db
    .select({ number: ideas.number, slug: ideas.slug, title: ideas.title, createdAt: votes.createdAt })
    .from(votes)
    .innerJoin(ideas, eq(ideas.id, votes.ideaId))
    .where(eq(votes.userId, userId))
    .orderBy(asc(votes.createdAt));
  const followRows = await db
    .select({ number: ideas.number, slug: ideas.slug, title: ideas.title, state: subscriptions.state, updatedAt: subscriptions.updatedAt })
    .from(subscriptions)
    .innerJoin(ideas, eq(ideas.id, subscriptions.ideaId))
    .where(eq(subscriptions.userId, userId))
    .orderBy(asc(ideas.number));
  const tokenRows = await db
    .select({ name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.id));
  const [{ n: notificationCount }] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(eq(notifications.userId, userId));

  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    site: env.appUrl,
    profile: {
      id: profile.id,
      name: profile.name,
      email: profile.email,
      emailVerifiedAt: iso(profile.emailVerifiedAt),
      role: profile.role,
      locale: profile.locale,
      hasPassword: profile.passwordHash !== null,
      createdAt: iso(profile.createdAt),
    },
    notificationSettings: {
      emailOnStatusChange: profile.emailOnStatusChange,
      emailOnStaffComment: profile.emailOnStaffComment,
      emailOnReply: profile.emailOnReply,
      emailOnComment: profile.emailOnComment,
      unsubscribedAllAt: iso(profile.emailUnsubscribedAllAt),
    },
    ideas: ideaRows.map((r) => ({ number: r.number, url: link(r), board: r.board, title: r.title, body: r.body, status: r.status, voteCount: r.voteCount, commentCount: r.commentCount, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })),
    comments: commentRows.map((r) => ({ id: r.id, idea: { number: r.number, title: r.ideaTitle, url: link(r) }, parentId: r.parentId, body: r.body, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })),
    votes: voteRows.map((r) => ({ idea: { number: r.number, title: r.title, url: link(r) }, createdAt: iso(r.createdAt) })),
    follows: followRows.map((r) => ({ idea: { number: r.number, title: r.title, url: link(r) }, state: r.state, updatedAt: iso(r.updatedAt) })),
    apiTokens: tokenRows.map((r) => ({ name: r.name, createdAt: iso(r.createdAt), lastUsedAt: iso(r.lastUsedAt) })),
    notificationCount,
  };
}

export type AccountExport = Awaited<ReturnType<typeof exportAccountData>>;
