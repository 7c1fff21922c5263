/**
 * Members reporting an idea or a comment to staff: once per person per item (the unique keys on
 * `reports` decide, so two presses at the same moment still leave one row), never their own and
 * never staff, who hide things themselves. The queue staff work through is report-queue.server.ts.
 * See docs/decisions/0021-moderation.md.
 */
import { sql, type SQL } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows, type Executor } from "../lib/db.server";
import { blocked, conflict, forbidden, localMessage, notFound, parseOrRefuse, unauthorized } from "../lib/errors.server";
import { consume } from "../lib/rate-limit.server";
import { canReport, canReviewReports } from "../permissions";
import { isPositiveInt4 } from "../schemas/limits";
import { ReportInput, type ReportOutcome } from "../schemas/reports";
import { recordIdeaActivity } from "./idea-activity.server";

/** What was reported: the idea, or one of its comments. */
type Target = { ideaId: number; commentId: number | null; authorId: number };

type ReportRequest = { actor: SessionUser | null; reason: unknown; detail?: unknown };

function refuseUnlessMember(actor: SessionUser | null): asserts actor is SessionUser {
  if (!actor) throw unauthorized();
  if (actor.blocked) throw blocked();
}

async function fileReport(actor: SessionUser, input: ReportRequest, find: () => Promise<Target | undefined>): Promise<{ id: number }> {
  const report = parseOrRefuse(ReportInput, { reason: input.reason, detail: input.detail ?? undefined }, actor.locale);
  const target = await find();
  if (!target) throw notFound();
  if (!canReport(actor, target)) throw forbidden(localMessage(target.authorId === actor.id ? "report.error.own" : "error.forbidden.body"));
  await consume("report", String(actor.id));
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`INSERT INTO reports (idea_id, comment_id, reporter_id, reason, detail)
        VALUES (${target.ideaId}::int, ${target.commentId}::int, ${actor.id}::int, ${report.reason}, ${report.detail})
        ON CONFLICT DO NOTHING RETURNING id`,
  );
  if (!row) throw conflict(localMessage("report.error.already"));
  return { id: Number(row.id) };
}

/** Reports idea `number` (visible to members: not hidden, not awaiting approval). 409 when this person already did. */
export async function reportIdea(input: ReportRequest & { number: number }): Promise<{ id: number }> {
  const { actor } = input;
  refuseUnlessMember(actor);
  return fileReport(actor, input, async () => {
    if (!isPositiveInt4(input.number)) return undefined;
    const [idea] = await queryRows<{ id: number; author_id: number }>(db, sql`SELECT id, author_id FROM ideas WHERE number = ${input.number}::int AND hidden_at IS NULL AND approval = 'approved'`);
    return idea && { ideaId: Number(idea.id), commentId: null, authorId: Number(idea.author_id) };
  });
}

/** Reports comment `id` (one members can read: not hidden, not an internal note, on a visible idea). */
export async function reportComment(input: ReportRequest & { id: number }): Promise<{ id: number }> {
  const { actor } = input;
  refuseUnlessMember(actor);
  return fileReport(actor, input, async () => {
    if (!isPositiveInt4(input.id)) return undefined;
    const [comment] = await queryRows<{ idea_id: number; author_id: number }>(
      db,
      sql`SELECT c.idea_id, c.author_id FROM comments c JOIN ideas i ON i.id = c.idea_id
          WHERE c.id = ${input.id}::int AND c.hidden_at IS NULL AND NOT c.internal AND i.hidden_at IS NULL AND i.approval = 'approved'`,
    );
    return comment && { ideaId: Number(comment.idea_id), commentId: input.id, authorId: Number(comment.author_id) };
  });
}

/** What the reader already reported on this idea page: the idea itself, and which comments. */
export async function listMyReports(input: { actor: SessionUser | null; ideaId: number }): Promise<{ idea: boolean; comments: number[] }> {
  const { actor } = input;
  if (!actor || !canReport(actor, { authorId: 0 })) return { idea: false, comments: [] };
  const rows = await queryRows<{ comment_id: number | null }>(db, sql`SELECT comment_id FROM reports WHERE reporter_id = ${actor.id}::int AND idea_id = ${input.ideaId}::int`);
  return { idea: rows.some((r) => r.comment_id === null), comments: rows.filter((r) => r.comment_id !== null).map((r) => Number(r.comment_id)) };
}

/** The most open reports the header counts: reading more would cost every staff page more. */
export const REPORT_COUNT_CAP = 100;

/** How many reports wait (up to REPORT_COUNT_CAP, read from the open reports' partial index); 0 for anyone but staff. */
export async function countOpenReports(input: { actor: SessionUser | null }): Promise<number> {
  if (!canReviewReports(input.actor)) return 0;
  const [row] = await queryRows<{ n: number }>(db, openReportsCountQuery());
  return Number(row?.n ?? 0);
}

/** The statement behind countOpenReports(), also one column of the header's counts. */
export function openReportsCountQuery(): SQL {
  return sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM reports WHERE resolved_at IS NULL ORDER BY created_at, id LIMIT ${REPORT_COUNT_CAP}::int) open`;
}

/**
 * Resolves the open reports on an item (an idea: `commentId` null) in the caller's transaction,
 * with who, when and the outcome, and puts one line on the idea's audit trail when there were any.
 * Called when staff act on the queue, and when they hide the item directly.
 */
export async function resolveReportsIn(
  tx: Executor,
  input: { ideaId: number; commentId: number | null; actorId: number; outcome: ReportOutcome },
): Promise<Array<{ id: number; reason: string; detail: string }>> {
  const rows = await queryRows<{ id: number; reason: string; detail: string }>(
    tx,
    sql`UPDATE reports SET resolved_at = now(), resolved_by_id = ${input.actorId}::int, outcome = ${input.outcome}
        WHERE idea_id = ${input.ideaId}::int AND comment_id IS NOT DISTINCT FROM ${input.commentId}::int AND resolved_at IS NULL
        RETURNING id, reason, detail`,
  );
  if (rows.length > 0) {
    const kind = `${input.commentId === null ? "reports" : "commentReports"}${input.outcome === "hidden" ? "Hidden" : "Dismissed"}` as const;
    const detail: Record<string, string> = { count: String(rows.length), ...(input.commentId === null ? {} : { comment: `#${input.commentId}` }) };
    await recordIdeaActivity(tx, { ideaId: input.ideaId, actorId: input.actorId, kind, detail });
  }
  return rows.sort((a, b) => Number(a.id) - Number(b.id)).map((r) => ({ id: Number(r.id), reason: r.reason, detail: r.detail }));
}
