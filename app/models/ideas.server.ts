/**
 * Ideas, one at a time: posting, editing, deleting and reading one (with its comments), and the
 * shapes an idea is shown in (IdeaSummary on lists, IdeaDetail on its page, ideaToJson in the
 * API). Lists and search are in idea-listing.server.ts.
 */
import { eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { boards, ideas, users, votes, type IdeaApproval } from "../../db/schema";
import { ideaUrl, slugify } from "../idea-links";
import { translate } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db, keptStatements, type Executor, type Transaction } from "../lib/db.server";
import { blocked, forbidden, localMessage, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { excerptOf, renderMarkdown, RENDERER_VERSION } from "../lib/markdown.server";
import { consume } from "../lib/rate-limit.server";
import { canDeleteIdea, canEditIdea, canPostIdea, canSeePrivateTags, isLockedForAuthor, isStaff } from "../permissions";
import { IdeaForm, IdeaUpdateForm, isPositiveInt4 } from "../schemas/ideas";
import type { IdeaDetail, IdeaSummary, TagView } from "../shapes";
import type { IdeaStatus } from "../statuses";
import { findBoardBySlug } from "./boards.server";
import { listComments, type CommentView } from "./comments.server";
import { recordIdeaActivity } from "./idea-activity.server";
import { canOpenIdea } from "./idea-visibility.server";
import { finalIdea } from "./merge-chain.server";
import { cancelIdeaNotifications } from "./notification-events.server";
import { applyVote } from "./votes.server";
import { kindOf, newIdeaStatus } from "./status-catalog.server";
import { tagsColumn } from "./tags.server";

export type { IdeaDetail, IdeaSummary } from "../shapes";
export { ideaToJson, type IdeaJson } from "./idea-json.server";

const html = (row: { body: string; bodyHtml: string; htmlVersion: number }) =>
  row.htmlVersion === RENDERER_VERSION ? row.bodyHtml : renderMarkdown(row.body);

// ---------------------------------------------------------------- reading

/** The columns an IdeaSummary is made from (board and author joined). */
export const summaryColumns = {
  id: ideas.id,
  number: ideas.number,
  slug: ideas.slug,
  title: ideas.title,
  status: ideas.status,
  voteCount: ideas.voteCount,
  commentCount: ideas.commentCount,
  trendingScore: ideas.trendingScore,
  createdAt: ideas.createdAt,
  updatedAt: ideas.updatedAt,
  body: ideas.body,
  bodyHtml: ideas.bodyHtml,
  htmlVersion: ideas.htmlVersion,
  authorId: ideas.authorId,
  authorName: users.name,
  pinnedAt: ideas.pinnedAt,
  boardSlug: boards.slug,
  boardName: boards.name,
};

export type SummaryRow = {
  id: number;
  number: number;
  slug: string;
  title: string;
  status: IdeaStatus;
  voteCount: number;
  commentCount: number;
  trendingScore: number;
  createdAt: Date;
  updatedAt: Date;
  body: string;
  bodyHtml: string;
  htmlVersion: number;
  authorId: number;
  authorName: string;
  pinnedAt: Date | null;
  boardSlug: string;
  boardName: string;
};

/** A summary row as one reader sees it: whether they voted, and the tags they may see. */
export type ReaderRow = SummaryRow & { votedByMe: boolean; tags: TagView[] };

export function toSummary(row: ReaderRow): IdeaSummary {
  return {
    id: row.id,
    number: row.number,
    slug: row.slug,
    url: ideaUrl(row),
    title: row.title,
    status: row.status,
    voteCount: row.voteCount,
    commentCount: row.commentCount,
    votedByMe: Boolean(row.votedByMe),
    board: { slug: row.boardSlug, name: row.boardName },
    author: { id: row.authorId, name: row.authorName },
    pinned: row.pinnedAt !== null,
    createdAt: row.createdAt,
    excerpt: excerptOf(row.body),
    body: row.body,
    bodyHtml: html(row),
    tags: row.tags,
  };
}

type DetailRow = ReaderRow & { commentsLockedAt: Date | null; approval: IdeaApproval; approvalReason: string | null; statusKind?: string };

function toDetail(row: DetailRow, actor: SessionUser | null, mergedInto: IdeaDetail["mergedInto"], hidden: IdeaDetail["hidden"]): IdeaDetail {
  return {
    ...toSummary(row),
    updatedAt: row.updatedAt,
    mergedInto,
    hidden,
    approval: { state: row.approval, reason: row.approval === "rejected" ? row.approvalReason : null },
    commentsLocked: row.commentsLockedAt !== null,
    canEdit: canEditIdea(actor, row),
    canDelete: canDeleteIdea(actor, { authorId: row.authorId }),
  };
}

/**
 * Whether `actor` voted for the idea of the row, as a column of the same statement; `actorId`
 * stands in for their id in a statement prepared once for every reader (board-page.server.ts).
 */
export const votedBy = (actor: SessionUser | null, actorId: number | SQLWrapper = actor?.id ?? 0): SQL<boolean> =>
  actor
    ? sql<boolean>`exists (select 1 from ${votes} where ${votes.userId} = ${actorId} and ${votes.ideaId} = ${ideas.id})`
    : sql<boolean>`false`;

/**
 * The columns of a summary for `actor`: whether they voted and the tags they may see come in the
 * same statement, so a list of ideas is one round trip (docs/decisions/0013-rendering-cost.md).
 */
export const readerColumns = (actor: SessionUser | null, actorId?: number | SQLWrapper) => ({ ...summaryColumns, votedByMe: votedBy(actor, actorId), tags: tagsColumn(actor) });

/** The statement reading one idea for `actor` (`actorId`: their id, or a placeholder for it). */
function ideaQuery(executor: Executor, actor: SessionUser | null, where: SQL, actorId?: number | SQLWrapper) {
  return executor
    .select({ ...readerColumns(actor, actorId), mergedIntoId: ideas.mergedIntoId, hiddenAt: ideas.hiddenAt, hiddenReason: ideas.hiddenReason, commentsLockedAt: ideas.commentsLockedAt, approval: ideas.approval, approvalReason: ideas.approvalReason })
    .from(ideas)
    .innerJoin(boards, eq(boards.id, ideas.boardId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(where)
    .limit(1);
}
type IdeaRow = Awaited<ReturnType<typeof ideaQuery>>[number];

/** An idea page's first statement, by number, built once per kind of reader (visitor, member, staff). */
const ideaByNumber = keptStatements("idea_by_number", (actor: SessionUser | null) =>
  ideaQuery(db, actor, eq(ideas.number, sql.placeholder("number")), actor ? sql.placeholder("actorId") : undefined),
);
/** What decides the text of a statement read for `actor` (their votes, the tags they may see). */
export const readerKind = (actor: SessionUser | null) => (!actor ? "visitor" : canSeePrivateTags(actor) ? "staff" : "member");

async function loadIdea(actor: SessionUser | null, where: SQL | { number: number }, executor: Executor = db): Promise<IdeaDetail | null> {
  const [row]: IdeaRow[] =
    "number" in where ? await ideaByNumber(readerKind(actor), actor).execute({ number: where.number, actorId: actor?.id }) : await ideaQuery(executor, actor, where);
  if (!row) return null;
  // A hidden idea is staff's alone, an unapproved one its author's and staff's: to anyone else it does not exist.
  if (!canOpenIdea(actor, row)) return null;
  const hidden = row.hiddenAt === null ? null : { at: row.hiddenAt, reason: row.hiddenReason ?? "" };
  const target = row.mergedIntoId === null ? null : await finalIdea(executor, row.id);
  return toDetail({ ...(row as DetailRow), statusKind: (await kindOf(row.status, executor)) ?? undefined }, actor, target && target.id !== row.id ? { number: target.number, url: ideaUrl(target) } : null, hidden);
}

export async function getIdea(input: { actor: SessionUser | null; number: number }): Promise<IdeaDetail | null> {
  // Public numbers are positive int4; anything else cannot exist (and must not reach SQL).
  if (!isPositiveInt4(input.number)) return null;
  return loadIdea(input.actor, { number: input.number });
}

/** An idea's page: the idea and its comments (replies nested), or null. */
export type IdeaWithComments = { idea: IdeaDetail; comments: CommentView[] };

export async function getIdeaWithComments(input: { actor: SessionUser | null; number: number }): Promise<IdeaWithComments | null> {
  const idea = await getIdea(input);
  if (!idea) return null;
  return { idea, comments: await listComments({ actor: input.actor, ideaId: idea.id }) };
}

// ---------------------------------------------------------------- writing

/**
 * Inserts an idea and its author's vote in one transaction, without permission checks, rate
 * limits or validation: for createIdea() (which does those first) and for seeding.
 */
export async function insertIdea(
  executor: Executor,
  input: { authorId: number; boardId: number; title: string; body: string; createdAt?: Date; approval?: IdeaApproval },
): Promise<{ id: number; number: number; slug: string }> {
  const bodyHtml = renderMarkdown(input.body);
  const status = await newIdeaStatus(executor);
  const write = async (tx: Transaction) => {
    const [row] = await tx
      .insert(ideas)
      .values({
        boardId: input.boardId,
        authorId: input.authorId,
        title: input.title,
        slug: slugify(input.title),
        body: input.body,
        bodyHtml,
        htmlVersion: RENDERER_VERSION,
        approval: input.approval ?? "approved",
        status,
        ...(input.createdAt ? { createdAt: input.createdAt, updatedAt: input.createdAt } : {}),
      })
      .returning({ id: ideas.id, number: ideas.number, slug: ideas.slug });
    await applyVote(tx, { ideaId: row.id, userId: input.authorId, voted: true, at: input.createdAt });
    return row;
  };
  // A transaction of its own, or a savepoint inside the caller's.
  return executor.transaction(write);
}

/** Posts an idea from raw input (a form or a JSON body): validated here, once, by IdeaForm. */
export async function createIdea(input: { actor: SessionUser | null; board: unknown; title: unknown; body?: unknown }): Promise<IdeaDetail> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (actor.blocked) throw blocked();
  if (!canPostIdea(actor)) throw forbidden();
  const { board: slug, title, body } = parseOrRefuse(IdeaForm, { board: input.board, title: input.title, body: input.body ?? "" }, actor.locale);
  const board = await findBoardBySlug(slug);
  if (!board) throw unprocessable({ board: translate(actor.locale, "idea.error.boardUnknown") });
  if (board.archivedAt) throw unprocessable({ board: translate(actor.locale, "idea.error.boardArchived") });
  await consume("idea", String(actor.id));
  // On a board that requires approval a member's idea waits for staff; staff's own ideas do not.
  const approval = board.requiresApproval && !isStaff(actor) ? "pending" : "approved";
  const created = await insertIdea(db, { authorId: actor.id, boardId: board.id, title, body, approval });
  const idea = await loadIdea(actor, eq(ideas.id, created.id));
  if (!idea) throw notFound(); // deleted by staff in the instant since it was posted
  return idea;
}

async function findForWrite(number: number): Promise<{ id: number; authorId: number; status: IdeaStatus; statusKind?: string } | null> {
  if (!isPositiveInt4(number)) return null;
  const [row] = await db.select({ id: ideas.id, authorId: ideas.authorId, status: ideas.status }).from(ideas).where(eq(ideas.number, number)).limit(1);
  return row ? { ...row, statusKind: (await kindOf(row.status)) ?? undefined } : null;
}

/** The refusal of an edit: its author is told why when staff have answered the idea with a status. */
export function editRefusal(actor: SessionUser, idea: { authorId: number; status: IdeaStatus; statusKind?: string }) {
  return actor.id === idea.authorId && isLockedForAuthor(idea) ? forbidden(localMessage("idea.error.editLocked")) : forbidden();
}

/**
 * Edits an idea from raw input, validated here by IdeaUpdateForm. Its author may not once staff
 * have given it a status other than open (403 saying so); staff always may.
 */
export async function updateIdea(input: { actor: SessionUser | null; number: number; title?: unknown; body?: unknown }): Promise<IdeaDetail> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const existing = await findForWrite(input.number);
  if (!existing) throw notFound();
  if (!canEditIdea(actor, existing)) throw editRefusal(actor, existing);
  const { title, body } = parseOrRefuse(IdeaUpdateForm, { title: input.title, body: input.body }, actor.locale);
  if (title !== undefined || body !== undefined) {
    await db.transaction(async (tx) => {
      await tx
        .update(ideas)
        .set({
          ...(title !== undefined ? { title, slug: slugify(title) } : {}),
          ...(body !== undefined ? { body, bodyHtml: renderMarkdown(body), htmlVersion: RENDERER_VERSION } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(ideas.id, existing.id));
      // Someone else's words changed: the audit trail says who changed them.
      if (existing.authorId !== actor.id) await recordIdeaActivity(tx, { ideaId: existing.id, actorId: actor.id, kind: "edited" });
    });
  }
  const idea = await loadIdea(actor, eq(ideas.id, existing.id));
  if (!idea) throw notFound();
  return idea;
}

/**
 * Deletes an idea with its votes and comments (the foreign keys cascade). Its notifications stay,
 * saying the idea was deleted; emails about it that have not gone out are cancelled.
 */
export async function deleteIdea(input: { actor: SessionUser | null; number: number }): Promise<void> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const existing = await findForWrite(input.number);
  if (!existing) throw notFound();
  if (!canDeleteIdea(actor, existing)) throw forbidden();
  await db.transaction(async (tx) => {
    // Locked first: a send run about to mail this idea's followers waits, then finds it gone.
    const [locked] = await tx.select({ id: ideas.id, title: ideas.title }).from(ideas).where(eq(ideas.id, existing.id)).for("update");
    if (!locked) return;
    await cancelIdeaNotifications(tx, locked);
    await tx.delete(ideas).where(eq(ideas.id, locked.id));
  });
}
