/**
 * The idea page's reading side: what its loader answers, assembled from the models that own each
 * part (the idea, attachments, status history, merges, the audit trail, follow state).
 */
import { formatDate, formatNumber } from "../i18n/format";
import type { Locale } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { env } from "../lib/env.server";
import { canChangeStatus, canCommentOn, canLockComments, canMergeIdeas, canModerate, canMoveIdea, canReport, canScoreIdeas, canSeeFollowers, canTagIdeas, canWriteInternalNote, isStaff } from "../permissions";
import { STATUS_NOTE_MAX } from "../schemas/statuses";
import type { AttachmentView, CommentData, CommentView } from "../shapes";
import { attachmentLimits, listAttachments } from "./attachments.server";
import { listBoards } from "./boards.server";
import { cannedRepliesFor } from "./canned-replies.server";
import { getIdeaFollowState } from "./followers.server";
import { getDemandPanel } from "./idea-demand.server";
import { listIdeaActivity } from "./idea-activity.server";
import { findSimilarIdeas } from "./idea-listing.server";
import type { IdeaWithComments } from "./ideas.server";
import { listMergeEntries } from "./merges.server";
import { listMyReports } from "./reports.server";
import { ideaScoreSummary } from "./priorities.server";
import { listStatusChanges } from "./statuses.server";
import { listTags, tagView } from "./tags.server";
import { myVoteImportance } from "./votes-on-behalf.server";

function withDates(comment: CommentView, locale: Locale, attachments: Record<number, AttachmentView[]>): CommentData {
  return {
    ...comment,
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
    hidden: comment.hidden ? { ...comment.hidden, at: comment.hidden.at.toISOString() } : null,
    date: formatDate(locale, comment.createdAt),
    // A member's stand-in for a hidden comment shows nothing of it.
    attachments: comment.removed ? [] : (attachments[comment.id] ?? []),
    replies: comment.replies.map((reply) => withDates(reply, locale, attachments)),
  };
}

/** What staff may merge this idea into: the ideas whose title or words look like its title. */
async function similarForMerge(actor: SessionUser | null, idea: { number: number; title: string }) {
  const found = await findSimilarIdeas({ actor, q: idea.title, limit: 6 });
  return found
    .filter((s) => s.number !== idea.number)
    .slice(0, 5)
    .map((s) => ({ number: s.number, title: s.title, url: s.url, status: s.status, voteCount: s.voteCount, board: s.board.name }));
}

/**
 * Everything the idea page shows, in one object, for the reader: the idea with its comments (as
 * getIdeaWithComments found them), its history, follow state and what the reader may do. A feature
 * that adds to the page adds its part here (the route module is at its size limit).
 */
export async function ideaPageData(input: { actor: SessionUser | null; found: IdeaWithComments; url: URL; locale: Locale }) {
  const { actor, url, locale } = input;
  const { idea, comments } = input.found;
  const statusChanges = await listStatusChanges({ ideaId: idea.id });
  const follow = await getIdeaFollowState({ actor, ideaId: idea.id });
  const attachments = await listAttachments({ actor, ideaId: idea.id });
  const merges = await listMergeEntries({ actor, ideaId: idea.id });
  const activity = await listIdeaActivity({ actor, ideaId: idea.id });
  const scores = canScoreIdeas(actor) ? await ideaScoreSummary({ actor, number: idea.number, locale }) : null;
  const mergedParam = Number(url.searchParams.get("merged"));
  const data = {
    idea: { ...idea, date: formatDate(locale, idea.createdAt), attachments: attachments.idea },
    // Absolute, from the configured public address: link previews fetch it from elsewhere.
    shareUrl: env.appUrl + idea.url,
    comments: comments.map((comment) => withDates(comment, locale, attachments.byComment)),
    attachmentLimits: attachmentLimits(),
    // The comments shown, those of ideas merged into this one included.
    // Hidden comments (and a member's stand-ins for them) are not counted, as comment_count does not.
    commentTotal: comments.reduce((n, c) => n + (c.removed || c.hidden ? 0 : 1) + c.replies.filter((r) => !r.hidden).length, 0),
    editingCommentId: Number(url.searchParams.get("edit")) || null,
    // Staff who just changed the status: which change to confirm ("Shipped — 3 people will be told").
    changedId: canChangeStatus(actor) ? Number(url.searchParams.get("changed")) || null : null,
    // Not on an idea whose comments staff locked (staff still may): the page says they are locked.
    canComment: canCommentOn(actor, idea),
    canLockComments: canLockComments(actor),
    // Signed in but blocked: the comment box says why it is not there.
    blocked: actor?.blocked ?? false,
    canModerate: canModerate(actor),
    // Members who may report: what they already reported here (no Report control on their own words).
    reporting: actor && canReport(actor, { authorId: 0 }) ? { userId: actor.id, ...(await listMyReports({ actor, ideaId: idea.id })) } : null,
    statusChanges: statusChanges.map(({ note: _note, ideaId: _ideaId, ...change }) => ({
      ...change,
      createdAt: change.createdAt.toISOString(),
      date: formatDate(locale, change.createdAt),
    })),
    merges: merges.map((e) => ({ ...e, createdAt: e.at.toISOString(), date: formatDate(locale, e.at) })),
    scores,
    activity: activity.map((e) => ({ ...e, createdAt: e.at.toISOString(), date: formatDate(locale, e.at) })),
    // Arrived from a merged idea's address: say where its votes and comments went.
    mergedNotice: merges.some((e) => e.kind === "mergedIn" && e.other.number === mergedParam) ? mergedParam : null,
    unmergedNotice: canMergeIdeas(actor) ? Number(url.searchParams.get("unmerged")) || null : null,
    canMerge: canMergeIdeas(actor),
    // Staff: ideas that look like this one, each with "merge into this".
    similar: canMergeIdeas(actor) ? await similarForMerge(actor, idea) : [],
    // Staff: the boards it can move to, and the one it just moved to.
    boards: canMoveIdea(actor) ? (await listBoards()).map((b) => ({ slug: b.slug, name: b.name })) : null,
    movedNotice: canMoveIdea(actor) && url.searchParams.get("moved") === idea.board.slug ? idea.board.name : null,
    // Staff: every tag to choose from (private ones too), and whether they just saved the idea's.
    tagChoices: canTagIdeas(actor) ? (await listTags({ actor })).map(tagView) : null,
    taggedNotice: canTagIdeas(actor) && url.searchParams.get("tagged") === "1",
    follow: {
      ...follow,
      followerCountText: follow.followerCount === null ? null : formatNumber(locale, follow.followerCount),
      notifyCountText: follow.notifyCount === null ? null : formatNumber(locale, follow.notifyCount),
      canSeeFollowers: canSeeFollowers(actor),
    },
    // Staff: the status form (and the "notify followers" tick box on their comments).
    canChangeStatus: canChangeStatus(actor),
    isStaff: isStaff(actor),
    statusNoteMax: STATUS_NOTE_MAX,
    // Staff only: who asked, and the on-behalf form. Never loaded for anyone else.
    staffDemand: await getDemandPanel({ actor, ideaId: idea.id, locale, search: url.searchParams }),
    // A voter's own "how much does it matter" (shown only to them and to staff).
    importance: idea.votedByMe ? { current: await myVoteImportance({ actor, ideaId: idea.id }), saved: url.searchParams.has("importance") } : null,
    canWriteInternalNote: canWriteInternalNote(actor),
    // Staff: canned replies, filled in for this idea, to insert into the note and comment boxes.
    cannedReplies: await cannedRepliesFor({ actor, number: idea.number }),
  };
  return data;
}

