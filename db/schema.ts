/**
 * Every table, enum and relation Loopboard stores: the single source of truth for data.
 * Migrations in db/migrations are generated from this file by drizzle-kit.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------- accounts

export const roleEnum = pgEnum("role", ["admin", "staff", "member"]);

export const users = pgTable("users", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  /** Stored lowercased and trimmed; the schema layer normalises before it gets here. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** argon2id PHC string; null for people who only ever sign in by email link. */
  passwordHash: text("password_hash"),
  role: roleEnum("role").notNull().default("member"),
  locale: text("locale").notNull().default("en"),
  emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
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

export const emailTokenKindEnum = pgEnum("email_token_kind", ["sign_in", "password_reset"]);

/**
 * Single-use links sent by email (sign-in links and password resets). Only the SHA-256 of the
 * token is stored. A sign-in link for an address with no account carries the address and
 * creates the account when it is used.
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
  createdAt: createdAt(),
});

export const ideaStatusEnum = pgEnum("idea_status", [
  "open",
  "under_review",
  "planned",
  "in_progress",
  "shipped",
  "declined",
]);

export const ideaNumberSeq = pgSequence("idea_number_seq", { startWith: 1 });

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
    status: ideaStatusEnum("status").notNull().default("open"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    voteCount: integer("vote_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    /** Σ 2^((vote time − 2025-01-01) / 7 days) over current votes; see docs/decisions. */
    trendingScore: doublePrecision("trending_score").notNull().default(0),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(body, '')), 'B')`,
    ),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ideas_top_idx").on(t.voteCount.desc(), t.id.desc()),
    index("ideas_new_idx").on(t.id.desc()),
    index("ideas_trending_idx").on(t.trendingScore.desc(), t.id.desc()),
    index("ideas_board_top_idx").on(t.boardId, t.voteCount.desc(), t.id.desc()),
    index("ideas_board_new_idx").on(t.boardId, t.id.desc()),
    index("ideas_status_top_idx").on(t.status, t.voteCount.desc(), t.id.desc()),
    index("ideas_author_idx").on(t.authorId),
    index("ideas_search_idx").using("gin", t.searchVector),
    index("ideas_title_trgm_idx").using("gin", t.title.op("gin_trgm_ops")),
  ],
);

export const votes = pgTable(
  "votes",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    ideaId: integer("idea_id").notNull().references(() => ideas.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ideaId] }), index("votes_idea_user_idx").on(t.ideaId, t.userId)],
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
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("comments_idea_idx").on(t.ideaId, t.id), index("comments_author_idx").on(t.authorId, t.ideaId)],
);

// ---------------------------------------------------------------- infrastructure

/** Shared rate-limit counters (RATE_LIMIT_STORE=database), read by rate-limiter-flexible's drizzle store. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true }),
});
