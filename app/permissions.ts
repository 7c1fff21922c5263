/**
 * Who may do what, as pure predicates. Models call them to enforce (throwing forbidden()), and
 * components call the same functions to hide controls a person cannot use.
 */
import type { Role } from "./roles";

export type { Role } from "./roles";
export interface Actor {
  id: number;
  role: Role;
  /** Blocked by an admin (see canTakePart). */
  blocked?: boolean;
}

export const isStaff = (user: Actor | null | undefined): boolean => user?.role === "admin" || user?.role === "staff";
export const isAdmin = (user: Actor | null | undefined): boolean => user?.role === "admin";

export const canManageBoards = (user: Actor | null | undefined) => isAdmin(user);
/** Admins search people, change their roles and block or unblock them (/admin/people). */
export const canManageUsers = (user: Actor | null | undefined) => isAdmin(user);

// ---------------------------------------------------------------- ideas, votes, comments
// Any signed-in person who is not blocked may post, vote and comment; authors edit their own ideas and comments,
// staff edit anything and are the only ones who delete ideas. Once staff have given an idea a
// status other than open, its author can no longer change its title, body or screenshots: what
// people voted for stays what they voted for.

/** Signed in and not blocked by an admin: may post, comment and vote. */
export const canTakePart = (user: Actor | null | undefined): boolean => !!user && !user.blocked;
export const canPostIdea = (user: Actor | null | undefined): boolean => canTakePart(user);
export const canVote = (user: Actor | null | undefined): boolean => canTakePart(user);
export const canComment = (user: Actor | null | undefined): boolean => canTakePart(user);
export const canEditIdea = (user: Actor | null | undefined, idea: { authorId: number; status: string; statusKind?: string }): boolean =>
  isStaff(user) || (!!user && user.id === idea.authorId && !isLockedForAuthor(idea));
/**
 * The author's edits are locked: staff have answered the idea with a status not of kind open
 * (ADR 0029; without its kind, any status but the default "open").
 */
export const isLockedForAuthor = (idea: { status: string; statusKind?: string }): boolean => (idea.statusKind ?? (idea.status === "open" ? "open" : "active")) !== "open";
export const canDeleteIdea = (user: Actor | null | undefined, _idea?: { authorId: number }): boolean => isStaff(user);
export const canEditComment = (user: Actor | null | undefined, comment: { authorId: number }): boolean =>
  !!user && (user.id === comment.authorId || isStaff(user));
export const canDeleteComment = (user: Actor | null | undefined, comment: { authorId: number }): boolean =>
  !!user && (user.id === comment.authorId || isStaff(user));

/** Internal notes (comments marked internal) are written and read by staff only. */
export const canSeeInternalNotes = (user: Actor | null | undefined): boolean => isStaff(user);
export const canWriteInternalNote = (user: Actor | null | undefined): boolean => isStaff(user);
/** Canned replies: staff read them (to insert them), admins write them. */
export const canUseCannedReplies = (user: Actor | null | undefined): boolean => isStaff(user);
export const canManageCannedReplies = (user: Actor | null | undefined): boolean => isAdmin(user);

/** Tags: admins define them; staff put them on ideas and alone see the private ones. */
export const canManageTags = (user: Actor | null | undefined): boolean => isAdmin(user);
/** Statuses are data (ADR 0029): admins shape the list; staff also see the retired ones. */
export const canManageStatuses = (user: Actor | null | undefined): boolean => isAdmin(user);
export const canSeeRetiredStatuses = (user: Actor | null | undefined): boolean => isStaff(user);
export const canTagIdeas = (user: Actor | null | undefined): boolean => isStaff(user);
export const canSeePrivateTags = (user: Actor | null | undefined): boolean => isStaff(user);

// ---------------------------------------------------------------- statuses, follows, notifications

/** Staff and admins set an idea's status (with a public note). */
export const canChangeStatus = (user: Actor | null | undefined): boolean => isStaff(user);
/** Staff and admins merge duplicate ideas (and undo a merge). */
export const canMergeIdeas = (user: Actor | null | undefined): boolean => isStaff(user);
/** Staff and admins work the triage inbox: see it, mark ideas reviewed, act on several at once. */
export const canTriage = (user: Actor | null | undefined): boolean => isStaff(user);
/** Staff and admins move an idea to another board. */
export const canMoveIdea = (user: Actor | null | undefined): boolean => isStaff(user);
export const canFollow = (user: Actor | null | undefined): boolean => !!user;
/** Email delivery failures name recipients: admins only. */
/** Scoring ideas and the priorities view are for staff; defining what they score by is for admins. */
export const canScoreIdeas = (user: Actor | null | undefined): boolean => isStaff(user);
export const canManageScoring = (user: Actor | null | undefined): boolean => isAdmin(user);
/** The dashboard and GET /api/v1/stats: figures staff work from (they name no customer). */
export const canSeeStats = (user: Actor | null | undefined): boolean => isStaff(user);
export const canSeeDeliveries = (user: Actor | null | undefined): boolean => isAdmin(user);
/** The mail settings page shows the server's address and sends test emails: admins only. */
export const canManageEmail = (user: Actor | null | undefined): boolean => isAdmin(user);
/** Staff see how many people follow an idea (the status form says whom it will notify). */
export const canSeeFollowerCount = (user: Actor | null | undefined): boolean => isStaff(user);
/** The follower list names people and their addresses: admins only. */
export const canSeeFollowers = (user: Actor | null | undefined): boolean => isAdmin(user);

// ---------------------------------------------------------------- customers and companies

/** Staff create, edit and import companies, and see who belongs to which (the API's companies too). */
export const canManageCompanies = (user: Actor | null | undefined): boolean => isStaff(user);
/** Which custom attributes companies have is an admin's choice. */
export const canDefineCompanyAttributes = (user: Actor | null | undefined): boolean => isAdmin(user);
/** Staff add (and remove) a vote for a customer who asked by call, email or chat, with a note. */
export const canVoteOnBehalf = (user: Actor | null | undefined): boolean => isStaff(user);
/** Who asked, their companies, revenue and importance, the notes: staff only. */
export const canSeeDemand = (user: Actor | null | undefined): boolean => isStaff(user);
/** The CSV exports of ideas, votes and comments (voters' addresses, hidden ideas, internal notes): staff. */
export const canExportData = (user: Actor | null | undefined): boolean => isStaff(user);
/** Importing ideas, votes and comments from another board's export creates people and content in bulk: admins. */
export const canImportData = (user: Actor | null | undefined): boolean => isAdmin(user);
/** A person's profile (their ideas, votes, comments, follows, company): staff only. */
export const canSeePersonProfile = (user: Actor | null | undefined): boolean => isStaff(user);

// ---------------------------------------------------------------- moderation

/** Staff and admins hide and restore ideas and comments (with a reason, kept for the audit). */
export const canModerate = (user: Actor | null | undefined): boolean => isStaff(user);
/**
 * A signed-in member who may take part reports an idea or a comment to staff, never their own;
 * staff do not report, they hide.
 */
export const canReport = (user: Actor | null | undefined, item: { authorId: number }): boolean => canTakePart(user) && !isStaff(user) && user!.id !== item.authorId;
/** Staff work through the reports queue (/admin/reports). */
export const canReviewReports = (user: Actor | null | undefined): boolean => isStaff(user);
/** Staff lock an idea's comments (and unlock them); on a locked idea only staff still comment. */
export const canLockComments = (user: Actor | null | undefined): boolean => isStaff(user);
/** Staff pin an idea to the top of its board (and unpin it). */
export const canPinIdeas = (user: Actor | null | undefined): boolean => isStaff(user);
export const canCommentOn = (user: Actor | null | undefined, idea: { commentsLocked: boolean }): boolean =>
  canComment(user) && (!idea.commentsLocked || isStaff(user));
