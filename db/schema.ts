/**
 * Every table, enum and relation Loopboard stores: the single source of truth for data.
 * Migrations in db/migrations are generated from this file by drizzle-kit.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { ROLES } from "../app/roles";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------- accounts

export const roleEnum = pgEnum("role", ROLES);

export const users = pgTable("users", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  /** Stored lowercased and trimmed; the schema layer normalises before it gets here. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** argon2id PHC string; null for people who only ever sign in by email link. */
  passwordHash: text("password_hash"),
  role: roleEnum("role").notNull().default("member"),
  /** The language chosen in Settings → Language; null: never chosen, the visitor's rule applies. */
  locale: text("locale"),
  /** The language the person last used the site in: their emails' language while `locale` is null. */
  lastLocale: text("last_locale").notNull().default("en"),
  emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
  // Email preferences (see "statuses, follows, notifications" below). In-app notifications are
  // never switched off by these.
  emailOnStatusChange: boolean("email_on_status_change").notNull().default(true),
  emailOnStaffComment: boolean("email_on_staff_comment").notNull().default(true),
  emailOnReply: boolean("email_on_reply").notNull().default(true),
  emailOnComment: boolean("email_on_comment").notNull().default(false),
  /** Set by "unsubscribe from all Loopboard email": no notification email at all while set. */
  emailUnsubscribedAllAt: timestamp("email_unsubscribed_all_at", { withTimezone: true }),
  /**
   * Set when the person deleted their account. The row stays, emptied (no email, name, password
   * or settings), so what they wrote and kept can still point at an author: pages show it as
   * "deleted user".
   */
  deletedAt: timestamp("deleted_at", { withTimezone: true }),
  /**
   * Set while an admin has blocked the person: they still read and sign in, but post, comment
   * and vote no more. Cleared by unblocking.
   */
  blockedAt: timestamp("blocked_at", { withTimezone: true }),
  /**
   * A contact: someone staff voted for on their behalf who has no account. No password and no
   * sign-in; they still hear about what they voted for. Signing up with the address (or using a
   * sign-in link sent to it) turns this same row into their account, votes and all.
   */
  isContact: boolean("is_contact").notNull().default(false),
  /** The company this person belongs to (by their email's domain, or set by staff). */
  companyId: integer("company_id").references((): AnyPgColumn => companies.id, { onDelete: "set null" }),
  /** Set by staff by hand: a domain added or removed later leaves this person where staff put them. */
  companyByHand: boolean("company_by_hand").notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  index("users_company_idx").on(t.companyId).where(sql`company_id IS NOT NULL`),
  // The few staff and admins: the dashboard leaves the ideas they posted out of its answer times.
  index("users_staff_idx").on(t.id).where(sql`role <> 'member'`),
]);

// ---------------------------------------------------------------- customers and companies
// See docs/decisions/0022-companies-and-votes-on-behalf.md.

/**
 * A customer company. Revenue is a whole number of minor units (cents) of the one currency the
 * installation reports in (REVENUE_CURRENCY): sums never round and never mix currencies.
 */
export const companies = pgTable(
  "companies",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** The key the company has in the CRM or billing system; PUT /api/v1/companies/:externalId. */
    externalId: text("external_id").notNull().unique(),
    name: text("name").notNull(),
    plan: text("plan").notNull().default(""),
    monthlyRevenueCents: bigint("monthly_revenue_cents", { mode: "number" }).notNull().default(0),
    segment: text("segment").notNull().default(""),
    /** Values of the attributes admins defined (company_attributes), checked against their types. */
    attributes: jsonb("attributes").$type<Record<string, string | number | boolean>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("companies_segment_idx").on(t.segment)],
);

/** An email domain belongs to at most one company: people with an address there join it. */
export const companyDomains = pgTable(
  "company_domains",
  {
    domain: text("domain").primaryKey(),
    companyId: integer("company_id").notNull().references(() => companies.id, { onDelete: "cascade" }),
  },
  (t) => [index("company_domains_company_idx").on(t.companyId)],
);

export const companyAttributeTypeEnum = pgEnum("company_attribute_type", ["text", "number", "boolean", "date"]);

/** A custom attribute admins define for companies: its key (in `companies.attributes`), label and type. */
export const companyAttributes = pgTable("company_attributes", {
  key: text("key").primaryKey(),
  label: text("label").notNull(),
  type: companyAttributeTypeEnum("type").notNull(),
  createdAt: createdAt(),
});

/** Lucia sessions. `id` is the SHA-256 (hex) of the session id in the cookie, never the id itself. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId), index("sessions_expires_at_idx").on(t.expiresAt)],
);

export const emailTokenKindEnum = pgEnum("email_token_kind", ["sign_in", "password_reset", "email_change"]);

/**
 * Single-use links sent by email (sign-in links, password resets, new-address confirmations).
 * Only the SHA-256 of the token is stored. A sign-in link for an address with no account carries
 * the address and creates the account when it is used; an email_change link carries the new
 * address (`email`) of the account `user_id`.
 */
export const emailTokens = pgTable(
  "email_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    kind: emailTokenKindEnum("kind").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** For a sign-up awaiting confirmation: the account is created only when the link is used. */
    pendingName: text("pending_name"),
    pendingPasswordHash: text("pending_password_hash"),
    /**
     * Where the person was and what they were doing when asked to sign in (a same-origin path and
     * a pending action such as "vote:42", both validated when read), so using the link takes them
     * back there with it done.
     */
    nextPath: text("next_path"),
    pendingAction: text("pending_action"),
    locale: text("locale").notNull().default("en"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("email_tokens_email_idx").on(t.email)],
);

/** Personal API tokens: `Authorization: Bearer lb_…`. Only the SHA-256 of the token is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("api_tokens_user_id_idx").on(t.userId)],
);

// ---------------------------------------------------------------- boards and ideas

export const boards = pgTable("boards", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  /** Set by admins: a member's new idea waits for staff approval before anyone else sees it. */
  requiresApproval: boolean("requires_approval").notNull().default(false),
  createdAt: createdAt(),
});

/**
 * What a signed-out person typed into "Post an idea", kept while they sign in or confirm a new
 * account, so the form comes back filled in. Found by the SHA-256 of a random token in the
 * address they are sent back to; short-lived.
 */
export const ideaDrafts = pgTable(
  "idea_drafts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text("token_hash").notNull().unique(),
    board: text("board").notNull().default(""),
    title: text("title").notNull().default(""),
    body: text("body").notNull().default(""),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("idea_drafts_expires_at_idx").on(t.expiresAt)],
);

/** What a status means (app/statuses.ts STATUS_KINDS): the roadmap, the changelog and the emails go by it. */
export const statusKindEnum = pgEnum("status_kind", ["open", "active", "done", "declined"]);

/**
 * The idea statuses, as data (ADR 0029). The six defaults keep their keys; a custom status's key is
 * a slug of its English name. `labels` holds admin-given names per locale ({} for a default: the
 * catalogs' label); a retired status stays, so history keeps its name, but nothing new gets it.
 */
export const statuses = pgTable("statuses", {
  key: text("key").primaryKey(),
  kind: statusKindEnum("kind").notNull(),
  color: text("color").notNull(),
  position: integer("position").notNull(),
  labels: jsonb("labels").$type<Partial<Record<"en" | "ar" | "sl", string>>>().notNull().default({}),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
  createdAt: createdAt(),
});

export const ideaNumberSeq = pgSequence("idea_number_seq", { startWith: 1 });

/** Whether an idea passed staff approval (boards that require it); every idea before that was approved. */
export const ideaApprovalEnum = pgEnum("idea_approval", ["pending", "approved", "rejected"]);
export type IdeaApproval = (typeof ideaApprovalEnum.enumValues)[number];

export const ideas = pgTable(
  "ideas",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** The public, sequential number in /ideas/:number/:slug. */
    number: integer("number").notNull().unique().default(sql`nextval('idea_number_seq')`),
    boardId: integer("board_id").notNull().references(() => boards.id),
    authorId: integer("author_id").notNull().references(() => users.id),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    body: text("body").notNull().default(""),
    bodyHtml: text("body_html").notNull().default(""),
    /** renderMarkdown()'s RENDERER_VERSION when body_html was produced. */
    htmlVersion: integer("html_version").notNull().default(0),
    status: text("status").notNull().default("open").references(() => statuses.key),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    voteCount: integer("vote_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    /** Σ 2^((vote time − 2025-01-01) / 7 days) over current votes; see docs/decisions. */
    trendingScore: doublePrecision("trending_score").notNull().default(0),
    /**
     * Set while this idea is merged into another (the idea it was merged into, which may itself be
     * merged later: follow the chain to the final one). A merged idea leaves every list.
     */
    mergedIntoId: integer("merged_into_id").references((): AnyPgColumn => ideas.id, { onDelete: "set null" }),
    /**
     * When staff first answered the idea (a status change or a staff comment) or marked it
     * reviewed. Null: it waits in the triage inbox (/admin/inbox). See docs/decisions/0020-triage-inbox.md.
     */
    triagedAt: timestamp("triaged_at", { withTimezone: true }),
    /**
     * When staff first answered: the earliest status change or public staff comment on the idea.
     * Kept by triggers (migration 0024) as those rows are written or deleted; the dashboard's
     * response figures read it instead of searching every idea's history (decisions/0027).
     */
    firstStaffResponseAt: timestamp("first_staff_response_at", { withTimezone: true }),
    /**
     * Set while staff hide the idea (with `hidden_reason`, by `hidden_by_id`): it leaves every
     * list, search, feed and count, and only staff open its page. Restoring clears all three.
     */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReason: text("hidden_reason"),
    hiddenById: integer("hidden_by_id").references(() => users.id, { onDelete: "set null" }),
    /** Hidden because its author was blocked with their content: unblocking may restore exactly these. */
    hiddenByBlock: boolean("hidden_by_block").notNull().default(false),
    /** Set while staff have locked its comments: members cannot comment or reply (staff still can). */
    commentsLockedAt: timestamp("comments_locked_at", { withTimezone: true }),
    /** Set while staff pin the idea to the top of its board: it comes first in every sort (not in a search). */
    pinnedAt: timestamp("pinned_at", { withTimezone: true }),
    /**
     * "pending" (a member's idea on a board that requires approval) and "rejected" ideas are seen
     * by their author and staff only, like hidden ones (app/models/idea-visibility.server.ts).
     * Who decided, when, and a rejection's reason are kept with it.
     */
    approval: ideaApprovalEnum("approval").notNull().default("approved"),
    approvalReason: text("approval_reason"),
    approvalDecidedById: integer("approval_decided_by_id").references(() => users.id, { onDelete: "set null" }),
    approvalDecidedAt: timestamp("approval_decided_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ideas_merged_into_idx").on(t.mergedIntoId).where(sql`merged_into_id IS NOT NULL`),
    // The triage inbox, oldest first, all boards or one: only waiting ideas are in these indexes,
    // so the inbox and the header's count read a few pages however many ideas were answered.
    index("ideas_inbox_idx").on(t.createdAt, t.id).where(sql`triaged_at IS NULL AND merged_into_id IS NULL`),
    index("ideas_inbox_board_idx").on(t.boardId, t.createdAt, t.id).where(sql`triaged_at IS NULL AND merged_into_id IS NULL`),
    // DESC NULLS FIRST is what a plain `ORDER BY … DESC` means; an index built NULLS LAST would
    // not be used for it (PostgreSQL does not infer the match from NOT NULL columns).
    index("ideas_top_idx").on(t.voteCount.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // Newest first needs no index of its own: the primary key read backwards is that order.
    index("ideas_trending_idx").on(t.trendingScore.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("ideas_board_top_idx").on(t.boardId, t.voteCount.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("ideas_board_new_idx").on(t.boardId, t.id.desc().nullsFirst()),
    index("ideas_board_trending_idx").on(t.boardId, t.trendingScore.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("ideas_status_top_idx").on(t.status, t.voteCount.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("ideas_status_new_idx").on(t.status, t.id.desc().nullsFirst()),
    index("ideas_status_trending_idx").on(t.status, t.trendingScore.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // Board and status together (a board page filtered by status): one index per sort keeps every
    // listing an ordered index scan, whatever the filter's selectivity.
    index("ideas_board_status_top_idx").on(t.boardId, t.status, t.voteCount.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("ideas_board_status_new_idx").on(t.boardId, t.status, t.id.desc().nullsFirst()),
    index("ideas_board_status_trending_idx").on(t.boardId, t.status, t.trendingScore.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The few pinned ideas, read before the page of the others (which the sort indexes serve).
    index("ideas_pinned_idx").on(t.boardId).where(sql`pinned_at IS NOT NULL`),
    index("ideas_author_idx").on(t.authorId),
    // The moderation queue and its header count, oldest first: only pending ideas are in it.
    index("ideas_pending_idx").on(t.createdAt, t.id).where(sql`approval = 'pending'`),
    // Shipped lately (the roadmap's Shipped column counts a range of it) and the changelog's order.
    index("ideas_status_changed_idx").on(t.status, t.statusChangedAt.desc().nullsLast(), t.id.desc().nullsFirst()),
    // The staff dashboard's ideas by status and first-answer figures, read from the index alone
    // (a few MB) instead of the whole table: the published ideas; decisions/0027 and 0028.
    index("ideas_dashboard_idx")
      .on(t.boardId, t.status, t.createdAt, t.firstStaffResponseAt, t.authorId, t.id)
      .where(sql`merged_into_id IS NULL AND hidden_at IS NULL AND approval = 'approved'`),
    // The few hidden or rejected ideas, which the dashboard's per-segment counts leave out.
    index("ideas_uncounted_idx").on(t.id).where(sql`hidden_at IS NOT NULL OR approval = 'rejected'`),
  ],
);

/**
 * The staff dashboard's weekly activity, counted as it happens: per board, UTC day and shard,
 * the ideas posted, votes cast (not the copies a merge makes) and public comments (not internal
 * notes, not hidden ones) whose idea is not hidden. Kept by the triggers of migration 0024 in the
 * transaction of every write, whatever path it takes; `shard` (the idea id modulo 16) spreads a
 * busy board's votes over several rows so concurrent votes rarely wait on one counter row.
 * reconcile-counts proves it against the rows. See docs/decisions/0027-dashboard-counters.md.
 */
export const dailyActivity = pgTable(
  "daily_activity",
  {
    boardId: integer("board_id").notNull().references(() => boards.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    shard: smallint("shard").notNull(),
    ideas: integer("ideas").notNull().default(0),
    votes: integer("votes").notNull().default(0),
    comments: integer("comments").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.day, t.shard] }), index("daily_activity_day_idx").on(t.day)],
);

/**
 * What search reads, one row per idea, kept by the trigger ideas_sync_search (migrations
 * 0002, 0008) whenever an idea's title or body is written; folded and stemmed by the SQL
 * functions of migration 0008 (docs/decisions/0014-search-folding.md). It lives apart from `ideas` because every
 * vote rewrites the idea's row (vote_count and trending_score are in the sort indexes, so the
 * update cannot be HOT): with the GIN indexes on `ideas`, each vote also added a title's worth of
 * trigrams and a body's worth of words to them. See docs/decisions/0008-search-table.md.
 */
export const ideaSearch = pgTable(
  "idea_search",
  {
    ideaId: integer("idea_id")
      .primaryKey()
      .references(() => ideas.id, { onDelete: "cascade" }),
    /** search_fold(title): what the trigram index and title substrings are matched against. */
    title: text("title").notNull(),
    /** idea_search_vector(title, body): the folded title (weight A) and body (weight B), stemmed. */
    searchVector: tsvector("search_vector").notNull(),
  },
  (t) => [
    index("idea_search_vector_idx").using("gin", t.searchVector),
    index("idea_search_title_trgm_idx").using("gin", t.title.op("gin_trgm_ops")),
  ],
);

export const voteImportanceEnum = pgEnum("vote_importance", ["nice_to_have", "important", "must_have"]);

export const votes = pgTable(
  "votes",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    ideaId: integer("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /**
     * A vote this idea received when another idea was merged into it (a copy of that idea's vote,
     * with its time); unmerging deletes exactly these. Null for a vote cast here. See
     * docs/decisions/0016-merging-ideas.md.
     */
    mergedFrom: integer("merged_from").references((): AnyPgColumn => ideas.id, { onDelete: "set null" }),
    /** Staff who added this vote on the person's behalf (staff only, never shown to members). */
    addedById: integer("added_by_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    /** What the person said and where, written by staff ("call with Acme, 2026-12-01"); staff only. */
    note: text("note"),
    /** How much it matters to the voter; null until they say. Staff only. */
    importance: voteImportanceEnum("importance"),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.ideaId] }),
    index("votes_idea_user_idx").on(t.ideaId, t.userId),
    // Unmerging finds an idea's copies; deleting an idea finds the copies made from it.
    index("votes_merged_from_idx").on(t.mergedFrom, t.ideaId).where(sql`merged_from IS NOT NULL`),
  ],
);

export const comments = pgTable(
  "comments",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    ideaId: integer("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    authorId: integer("author_id").notNull().references(() => users.id),
    /** Replies are one level deep: a reply's parent is always a top-level comment. */
    parentId: integer("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    htmlVersion: integer("html_version").notNull().default(0),
    /** The author was staff or admin when posting: the "Staff" badge. */
    isStaff: boolean("is_staff").notNull().default(false),
    /** The last edit was made by staff, not the author: shown as "edited by staff". */
    editedByStaff: boolean("edited_by_staff").notNull().default(false),
    /**
     * A staff-only internal note: shown to staff, never to members or visitors, not in the
     * public comment_count, and it tells no follower (docs/decisions/0019-internal-notes.md).
     */
    internal: boolean("internal").notNull().default(false),
    /**
     * Set while staff hide the comment: members no longer see it (its replies stay, under a
     * placeholder) and the idea's comment_count does not count it. See ideas.hidden_at.
     */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReason: text("hidden_reason"),
    hiddenById: integer("hidden_by_id").references(() => users.id, { onDelete: "set null" }),
    /** Hidden because its author was blocked with their content (see ideas.hidden_by_block). */
    hiddenByBlock: boolean("hidden_by_block").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("comments_idea_idx").on(t.ideaId, t.id),
    index("comments_author_idx").on(t.authorId, t.ideaId),
    // An idea's commenters in user-id order: the notification fan-out walks it in batches.
    index("comments_idea_author_idx").on(t.ideaId, t.authorId),
    // Deleting a comment deletes its replies (and the cascade looks them up by parent).
    index("comments_parent_idx").on(t.parentId),
  ],
);

/**
 * A screenshot attached to an idea (comment_id null) or to one of its comments. Only the
 * re-encoded image is kept (metadata stripped, see app/lib/images.server.ts), in the database
 * rather than under DATA_DIR: deleting the idea or comment deletes it in the same statement,
 * and every process behind one PostgreSQL sees it (docs/decisions/0015-attachments.md).
 */
export const attachments = pgTable(
  "attachments",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Random, in the address (/attachments/:key): addresses cannot be guessed from one another. */
    key: text("key").notNull().unique(),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    commentId: integer("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    uploaderId: integer("uploader_id").references(() => users.id, { onDelete: "set null" }),
    contentType: text("content_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    data: bytea("data").notNull(),
    thumbnail: bytea("thumbnail").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_idea_idx").on(t.ideaId, t.commentId, t.id), index("attachments_comment_idx").on(t.commentId)],
);

// ---------------------------------------------------------------- infrastructure

/** Shared rate-limit counters (RATE_LIMIT_STORE=database), read by rate-limiter-flexible's drizzle store. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true }),
});

// ---- statuses, follows, notifications
// Followers of an idea are derived, never stored: its author ∪ voters ∪ commenters ∪ explicit
// follows − explicit unfollows. Removing a vote therefore removes the follow it implied, and an
// explicit "unfollowed" row keeps a later vote or comment from silently re-subscribing someone.
// See docs/decisions/0005-exactly-once-delivery.md for how events reach people.

export const subscriptionStateEnum = pgEnum("subscription_state", ["following", "unfollowed"]);

/** Explicit Follow / Unfollow presses (an idea-level unsubscribe is an "unfollowed" row). */
export const subscriptions = pgTable(
  "subscriptions",
  {
    ideaId: integer("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    state: subscriptionStateEnum("state").notNull(),
    /** Written by merging that idea into this one (unmerging deletes it); null once the person presses Follow or Unfollow here. */
    mergedFrom: integer("merged_from").references((): AnyPgColumn => ideas.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ideaId, t.userId] }),
    index("subscriptions_user_idx").on(t.userId),
    index("subscriptions_merged_from_idx").on(t.mergedFrom, t.ideaId).where(sql`merged_from IS NOT NULL`),
  ],
);

/** Every status change, kept: who, when, from, to, and the public note. */
export const statusChanges = pgTable(
  "status_changes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    ideaId: integer("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").notNull().references(() => users.id),
    fromStatus: text("from_status").notNull().references(() => statuses.key),
    toStatus: text("to_status").notNull().references(() => statuses.key),
    /** Markdown source of the public note ("" when none). */
    note: text("note").notNull().default(""),
    noteHtml: text("note_html").notNull().default(""),
    htmlVersion: integer("html_version").notNull().default(0),
    /** Whether followers were told (the staff member may change a status quietly). */
    notified: boolean("notified").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index("status_changes_idea_idx").on(t.ideaId, t.id),
    index("status_changes_to_status_idx").on(t.toStatus, t.createdAt.desc().nullsFirst()),
  ],
);

/**
 * Canned replies: admin-managed response templates that staff insert into a status note or a
 * comment. The body may name {title}, {author}, {board}, {number} and {url}, filled in for the
 * idea it is inserted on (app/canned-replies.ts).
 */
export const cannedReplies = pgTable("canned_replies", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull().unique(),
  body: text("body").notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Tags admins define and staff put on ideas. `colour` is a name from the fixed palette in
 * app/tags.ts (each a pair of colours with enough contrast); a private tag is staff's alone and
 * never reaches a member by any door. The slug is made from the first name and kept on rename,
 * so links (?tag=) keep working. See docs/decisions/0025-tags.md.
 */
export const tags = pgTable("tags", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull().unique(),
  colour: text("colour").notNull(),
  private: boolean("private").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Which ideas carry which tag; (tag_id, idea_id) serves the ?tag= filters. */
export const ideaTags = pgTable(
  "idea_tags",
  {
    ideaId: integer("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    tagId: integer("tag_id").notNull().references(() => tags.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.tagId] }), index("idea_tags_tag_idx").on(t.tagId, t.ideaId)],
);

/**
 * Merges, kept for the audit trail on both ideas' timelines: who merged which idea into which,
 * when, and who undid it when.
 */
export const ideaMerges = pgTable(
  "idea_merges",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    ideaId: integer("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    intoIdeaId: integer("into_idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").notNull().references(() => users.id),
    /** Votes the target gained (people who had voted only for the merged idea). */
    votesAdded: integer("votes_added").notNull().default(0),
    unmergedAt: timestamp("unmerged_at", { withTimezone: true }),
    unmergedById: integer("unmerged_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("idea_merges_idea_idx").on(t.ideaId, t.id), index("idea_merges_into_idx").on(t.intoIdeaId, t.id)],
);

/**
 * The staff audit trail on an idea's timeline: who did what to it and when, for the actions that
 * have no table of their own (status changes and merges keep theirs). `kind` names the action
 * (the timeline says it through the catalog key `activity.<kind>`); `detail` holds the words the
 * sentence needs (a board's name, a reason), as they were at the time. Staff only.
 */
export const ideaActivity = pgTable(
  "idea_activity",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    ideaId: integer("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").notNull().references(() => users.id),
    kind: text("kind").notNull(),
    detail: jsonb("detail").$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("idea_activity_idea_idx").on(t.ideaId, t.id)],
);

export const reportReasonEnum = pgEnum("report_reason", ["spam", "offensive", "off_topic", "other"]);

/**
 * A member's report of an idea (comment_id null) or of one of its comments, queued for staff
 * (/admin/reports) until resolved: hidden or dismissed, by whom and when. One per person per item,
 * however many times they press the button. See docs/decisions/0021-moderation.md.
 */
export const reports = pgTable(
  "reports",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    ideaId: integer("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    commentId: integer("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    reporterId: integer("reporter_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    reason: reportReasonEnum("reason").notNull(),
    detail: text("detail").notNull().default(""),
    createdAt: createdAt(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedById: integer("resolved_by_id").references(() => users.id, { onDelete: "set null" }),
    /** "hidden" or "dismissed", once resolved. */
    outcome: text("outcome"),
  },
  (t) => [
    uniqueIndex("reports_reporter_idea_key").on(t.reporterId, t.ideaId).where(sql`comment_id IS NULL`),
    uniqueIndex("reports_reporter_comment_key").on(t.reporterId, t.commentId).where(sql`comment_id IS NOT NULL`),
    // The queue and the header's count read only the open reports, oldest first.
    index("reports_open_idx").on(t.createdAt, t.id).where(sql`resolved_at IS NULL`),
    index("reports_idea_idx").on(t.ideaId, t.commentId),
    index("reports_comment_idx").on(t.commentId),
  ],
);

export const scoringKindEnum = pgEnum("scoring_kind", ["impact", "effort"]);

/**
 * What staff score ideas by (admins define them): impact factors (reach, value, confidence…) and
 * effort factors, each with a weight. An idea's priority is its weighted impact over its weighted
 * effort; the matrix plots the two (docs/decisions/0024-prioritisation.md).
 */
export const scoringFactors = pgTable("scoring_factors", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  /** "" for the two factors every install starts with: shown as "Impact" and "Effort" in the reader's language. */
  name: text("name").notNull(),
  kind: scoringKindEnum("kind").notNull(),
  /** How much the factor counts beside the others of its kind (1–100). */
  weight: integer("weight").notNull().default(1),
  position: integer("position").notNull().default(0),
  /** Retired factors keep their scores but no longer count. */
  retiredAt: timestamp("retired_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/** One staff score (0–10) of one idea on one factor; the last one given stands. */
export const ideaScores = pgTable(
  "idea_scores",
  {
    ideaId: integer("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    factorId: integer("factor_id").notNull().references(() => scoringFactors.id, { onDelete: "cascade" }),
    value: integer("value").notNull(),
    scoredById: integer("scored_by_id").notNull().references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.factorId] })],
);

export const notificationKindEnum = pgEnum("notification_kind", ["status_changed", "staff_comment", "reply", "comment", "merged", "approved", "rejected"]);
export type NotificationKind = (typeof notificationKindEnum.enumValues)[number];

/**
 * Something that happened and whom it concerns: written in the same transaction as the change
 * itself, then fanned out by a job into one `notifications` row (and at most one
 * `email_deliveries` row) per recipient.
 */
export const notificationEvents = pgTable(
  "notification_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    kind: notificationKindEnum("kind").notNull(),
    /**
     * Null once the idea is deleted: its status events stay, so their notifications can say so
     * (with deletedIdeaTitle) and their unsent emails stay on record as cancelled. (Comment events
     * go with the idea's comments.)
     */
    ideaId: integer("idea_id").references(() => ideas.id, { onDelete: "set null" }),
    /** The deleted idea's title, written when it is deleted. */
    deletedIdeaTitle: text("deleted_idea_title"),
    actorId: integer("actor_id").notNull().references(() => users.id),
    statusChangeId: integer("status_change_id").references(() => statusChanges.id, { onDelete: "set null" }),
    /** A merge: the idea merged into `idea_id`, whose followers are the recipients. */
    sourceIdeaId: integer("source_idea_id").references(() => ideas.id, { onDelete: "cascade" }),
    // A deleted comment takes its events (notifications, unsent emails) with it.
    commentId: integer("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    /** A reply's one recipient (the parent comment's author); null means "the idea's followers". */
    recipientId: integer("recipient_id").references(() => users.id, { onDelete: "cascade" }),
    /** Left out of the followers because they hear about this event another way (as a reply). */
    excludeUserId: integer("exclude_user_id"),
    /** Fan-out progress: every recipient with a user id ≤ cursor has had their rows written. */
    cursor: integer("cursor").notNull().default(0),
    recipientCount: integer("recipient_count").notNull().default(0),
    /** The worker instance that last wrote a batch (see app/lib/worker-instance.server.ts). */
    claimedBy: integer("claimed_by"),
    fanOutDoneAt: timestamp("fan_out_done_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notification_events_unfinished_idx").on(t.id).where(sql`fan_out_done_at IS NULL`),
    index("notification_events_idea_idx").on(t.ideaId),
    index("notification_events_source_idx").on(t.sourceIdeaId).where(sql`source_idea_id IS NOT NULL`),
  ],
);

/** In-app notifications: one per (event, recipient), whatever happens to the jobs. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer("event_id").notNull().references(() => notificationEvents.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notifications_event_user_key").on(t.eventId, t.userId),
    // A person has at most one notification per event, so (user, event) orders their list by
    // when things happened, whatever order the fan-outs ran in.
    index("notifications_user_event_idx").on(t.userId, t.eventId.desc().nullsFirst()),
    index("notifications_unread_idx").on(t.userId).where(sql`read_at IS NULL`),
  ],
);

/** cancelled: the person unsubscribed (or turned the kind off) between the event and the send. */
export const emailDeliveryStateEnum = pgEnum("email_delivery_state", ["pending", "sending", "sent", "failed", "cancelled"]);

/**
 * One notification email per (event, recipient). "sending" rows are claimed by a worker instance
 * until lease_expires_at; a claim whose worker died, or whose lease ran out, is handed back (the
 * only at-least-once window).
 */
export const emailDeliveries = pgTable(
  "email_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer("event_id").notNull().references(() => notificationEvents.id, { onDelete: "cascade" }),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    state: emailDeliveryStateEnum("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    claimedBy: integer("claimed_by"),
    /** Until when a "sending" claim holds; after it, recovery hands the row back for a retry. */
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_deliveries_event_user_key").on(t.eventId, t.userId),
    index("email_deliveries_open_idx").on(t.eventId, t.id).where(sql`state IN ('pending', 'sending')`),
    index("email_deliveries_failed_idx").on(t.updatedAt.desc().nullsFirst()).where(sql`state = 'failed'`),
  ],
);

/**
 * What an import brought in, by the id it had where it came from (a Canny post id, a Fider post
 * number, a CSV's own id): running the same import again finds these and adds nothing twice.
 * See docs/decisions/0026-import-export.md.
 */
export const importedRecords = pgTable(
  "imported_records",
  {
    /** The format the row came from: canny, fider or csv. */
    source: text("source").notNull(),
    /** idea or comment. */
    kind: text("kind").notNull(),
    externalId: text("external_id").notNull(),
    /** The idea's or comment's id here. One deleted since stays deleted: a re-run skips its row. */
    recordId: integer("record_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.source, t.kind, t.externalId] })],
);
