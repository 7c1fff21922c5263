/**
 * The shapes models return and pages render, defined once. Types only, so components can take
 * them without reaching server code: a model builds the value on the server, and a component
 * receives its JSON form, `Serialized<T>` (dates as ISO strings), as the loader sent it.
 */
import type { SerializeFrom } from "@remix-run/node";
import type { IdeaStatus } from "./statuses";
import type { TagColour } from "./tags";

/** What a value of type T looks like after a loader's json(): Dates become strings, and so on. */
export type Serialized<T> = SerializeFrom<T>;

/** A tag as an idea shows it (a private one only ever to staff). */
export type TagView = { slug: string; name: string; colour: TagColour; private: boolean };

/** An idea as lists show it. */
export type IdeaSummary = {
  id: number;
  number: number;
  slug: string;
  /** Path of the canonical page, e.g. "/ideas/42/dark-mode" (the slug percent-encoded). */
  url: string;
  title: string;
  status: IdeaStatus;
  voteCount: number;
  commentCount: number;
  votedByMe: boolean;
  board: { slug: string; name: string };
  author: { id: number; name: string };
  /** Staff pinned it to the top of its board (app/models/pinned-ideas.server.ts). */
  pinned: boolean;
  createdAt: Date;
  /** Plain text from the start of the body, at most 200 characters. */
  excerpt: string;
  /** Markdown as written; the JSON API returns it for every idea, list included. */
  body: string;
  bodyHtml: string;
  /** Its tags as the reader may see them (private ones for staff only), by name. */
  tags: TagView[];
};

/** An idea in the staff triage inbox: what a row shows (models/triage.server.ts). */
export type InboxIdea = Pick<IdeaSummary, "id" | "number" | "slug" | "url" | "title" | "status" | "voteCount" | "commentCount" | "board" | "author" | "createdAt" | "tags">;

/** An idea waiting in the staff moderation queue for approval (ADR 0021). */
export type PendingIdea = Pick<IdeaSummary, "number" | "url" | "title" | "excerpt" | "board" | "author" | "createdAt">;

/** One of the reader's own ideas that is not on its board: still pending, or rejected with a reason. */
export type UnapprovedIdea = Pick<IdeaSummary, "number" | "url" | "title" | "board"> & { state: "pending" | "rejected"; reason: string | null };

/** An idea as its own page shows it, to a given reader. */
export type IdeaDetail = IdeaSummary & {
  updatedAt: Date;
  /** Set when this idea was merged into another: the idea it finally lives on. */
  mergedInto: { number: number; url: string } | null;
  /** Hidden by staff (only staff are ever shown a hidden idea): when, and why. */
  hidden: { at: Date; reason: string } | null;
  /**
   * Staff approval on a board that requires it: "pending" and "rejected" ideas reach only their
   * author and staff. `reason`: a rejection's, told to the author.
   */
  approval: { state: "pending" | "approved" | "rejected"; reason: string | null };
  /** Staff locked its comments: members can no longer comment or reply (staff still can). */
  commentsLocked: boolean;
  canEdit: boolean;
  canDelete: boolean;
};

/** A comment with its replies (one level deep), as a given reader sees it. */
export type CommentView = {
  id: number;
  ideaNumber: number;
  parentId: number | null;
  body: string;
  bodyHtml: string;
  author: { id: number; name: string };
  /** The author was staff when posting: shown with a "Staff" badge. */
  isStaff: boolean;
  createdAt: Date;
  updatedAt: Date;
  edited: boolean;
  /** The last edit was made by staff, not by the author. */
  editedByStaff: boolean;
  /** A staff-only internal note (only staff are ever given one). */
  internal: boolean;
  canEdit: boolean;
  canDelete: boolean;
  /** Shown on the idea another was merged into: the number of the idea it was posted on. */
  fromNumber?: number;
  /** Hidden by staff (set only for staff, who alone see hidden comments): when, and why. */
  hidden: { at: Date; reason: string } | null;
  /** A member's stand-in for a hidden comment that visible replies answer: no body, no author. */
  removed?: true;
  replies: CommentView[];
};

/** A canned reply as staff pick it on an idea: its name and its text filled in for that idea. */
export type CannedReplyChoice = { id: number; name: string; text: string };

/** A screenshot attached to an idea or a comment (models/attachments.server.ts). */
export type AttachmentView = {
  key: string;
  /** The comment it is attached to; null: the idea itself. */
  commentId: number | null;
  /** The full-size image, on this site (relative). */
  url: string;
  thumbnailUrl: string;
  contentType: string;
  width: number;
  height: number;
};

/** What the screenshot field says about the limits (ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_POST). */
export type AttachmentLimits = { maxMegabytes: number; perPost: number };

/** A merge or unmerge involving an idea: the audit entries on its timeline. */
export type MergeEntry = {
  id: number;
  /** "merged": this idea was merged into `other`; "mergedIn": `other` was merged into this idea. */
  kind: "merged" | "mergedIn" | "unmerged" | "unmergedOut";
  other: { number: number; title: string; url: string };
  actor: { id: number; name: string };
  at: Date;
  /** A merge into this idea still in effect, and the reader may undo it. */
  canUnmerge: boolean;
};

/**
 * What staff did to an idea, as its timeline's audit trail names it (`activity.<kind>` in the
 * catalogs). Each feature that records an action adds its kind here and its sentence there.
 */
export const IDEA_ACTIVITY_KINDS = ["edited", "scored", "votedOnBehalf", "removedVoteOnBehalf", "moved", "reviewed", "hidden", "restored", "commentHidden", "commentRestored", "commentsLocked", "commentsUnlocked", "pinned", "unpinned", "tagged", "untagged", "reportsHidden", "reportsDismissed", "commentReportsHidden", "commentReportsDismissed", "approved", "rejected"] as const;
export type IdeaActivityKind = (typeof IDEA_ACTIVITY_KINDS)[number];

/** One entry of an idea's audit trail (staff only). */
export type IdeaActivityEntry = {
  id: number;
  kind: IdeaActivityKind;
  /** The sentence's other placeholders: names and reasons as they were at the time. */
  detail: Record<string, string>;
  actor: { id: number; name: string };
  at: Date;
};

/** A comment as the idea page shows it: serialised, with its date written out and its screenshots. */
export type CommentData = Omit<Serialized<CommentView>, "replies"> & { date: string; attachments?: AttachmentView[]; replies: CommentData[] };

/** What an import created, or would (data-import.server.ts; shown by the admin page's ImportSteps). */
export interface ImportCounts {
  ideas: number;
  votes: number;
  comments: number;
  /** Rows already brought in by an earlier run (or votes already there): left as they are. */
  unchanged: number;
  boards: number;
  /** Ideas brought with a status other than Open. */
  statuses: number;
  /** Everyone the rows name as author or voter, and those of them who had no account (made contacts). */
  people: number;
  contacts: number;
}
