/**
 * The reports queue staff work through (/admin/reports, GET /api/v1/reports): open reports
 * grouped per reported item, oldest first, and resolving an item's reports by hiding it (the
 * moderation model's own hide, with the report's reason) or by dismissing them.
 * See docs/decisions/0021-moderation.md.
 */
import { sql } from "drizzle-orm";
import { translate } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { conflict, forbidden, localMessage, notFound, parseOrRefuse, unauthorized } from "../lib/errors.server";
import { ideaUrl } from "../idea-links";
import { canReviewReports } from "../permissions";
import { isPositiveInt4 } from "../schemas/limits";
import { HIDE_REASON_MAX } from "../schemas/moderation";
import { ResolveInput, type ReportOutcome, type ReportReason } from "../schemas/reports";
import { hideCommentIn, hideIdeaIn } from "./moderation.server";
import { resolveReportsIn } from "./reports.server";
import { forgetColumnTotals } from "./roadmap.server";

/** The most reported items one page of the queue shows. */
export const REPORT_QUEUE_PAGE = 50;
const EXCERPT_MAX = 280;

export interface ReportGroup {
  /** The oldest open report on the item: the id the resolve action takes. */
  id: number;
  idea: { number: number; title: string };
  commentId: number | null;
  url: string;
  excerpt: string;
  author: string;
  /** Hidden by a path that left its reports open: dismissing or hiding still resolves them. */
  hidden: boolean;
  count: number;
  firstAt: Date;
  reports: Array<{ id: number; reason: ReportReason; detail: string; reporter: string; at: Date }>;
}

function refuseUnlessReviewer(actor: SessionUser | null): asserts actor is SessionUser {
  if (!actor) throw unauthorized();
  if (!canReviewReports(actor)) throw forbidden();
}

type GroupRow = {
  idea_id: number; comment_id: number | null; number: number; slug: string; title: string; excerpt: string; author: string; hidden: boolean;
  reports: Array<{ id: number; reason: ReportReason; detail: string; reporter: string; at: string }>;
};

/** The reported items waiting for staff, the longest-waiting first, each with every open report on it. */
export async function listOpenReports(input: { actor: SessionUser | null }): Promise<ReportGroup[]> {
  refuseUnlessReviewer(input.actor);
  const rows = await queryRows<GroupRow>(
    db,
    sql`SELECT r.idea_id, r.comment_id, i.number, i.slug, i.title, left(coalesce(c.body, i.body), ${EXCERPT_MAX}::int) AS excerpt, a.name AS author,
          (CASE WHEN r.comment_id IS NULL THEN i.hidden_at ELSE c.hidden_at END) IS NOT NULL AS hidden,
          json_agg(json_build_object('id', r.id, 'reason', r.reason, 'detail', r.detail, 'reporter', u.name, 'at', r.created_at) ORDER BY r.id) AS reports
        FROM reports r
        JOIN ideas i ON i.id = r.idea_id
        LEFT JOIN comments c ON c.id = r.comment_id
        JOIN users u ON u.id = r.reporter_id
        JOIN users a ON a.id = coalesce(c.author_id, i.author_id)
        WHERE r.resolved_at IS NULL
        GROUP BY r.idea_id, r.comment_id, i.id, c.id, a.id
        ORDER BY min(r.created_at), min(r.id)
        LIMIT ${REPORT_QUEUE_PAGE}::int`,
  );
  return rows.map((row) => {
    const reports = (typeof row.reports === "string" ? JSON.parse(row.reports) : row.reports) as GroupRow["reports"];
    const commentId = row.comment_id === null ? null : Number(row.comment_id);
    const path = ideaUrl({ number: Number(row.number), slug: row.slug });
    return {
      id: Number(reports[0].id),
      idea: { number: Number(row.number), title: row.title },
      commentId,
      url: commentId === null ? path : `${path}#comment-${commentId}`,
      excerpt: row.excerpt.replace(/\s+/g, " ").trim(),
      author: row.author,
      hidden: Boolean(row.hidden),
      count: reports.length,
      firstAt: new Date(reports[0].at),
      reports: reports.map((r) => ({ id: Number(r.id), reason: r.reason, detail: r.detail, reporter: r.reporter, at: new Date(r.at) })),
    };
  });
}

/** The reason a hide from the queue is kept with: the oldest report's, as its reason reads in the actor's language. */
function hideReason(actor: SessionUser, report: { reason: string; detail: string }): string {
  const label = translate(actor.locale, `report.reason.${report.reason as ReportReason}`);
  return (report.detail ? `${label}: ${report.detail}` : label).slice(0, HIDE_REASON_MAX);
}

/**
 * Resolves every open report on the item report `id` is about: "hide" hides the item and
 * resolves them as hidden, "dismiss" resolves them as dismissed. The idea's row is locked before
 * the reports, the order a hide takes them, so a hide from the idea page at the same moment waits.
 * 409 when they were resolved meanwhile.
 */
export async function resolveReport(input: { actor: SessionUser | null; id: number; action: unknown }): Promise<{ outcome: ReportOutcome; resolved: number; ideaNumber: number; commentId: number | null }> {
  const { actor } = input;
  refuseUnlessReviewer(actor);
  const { action } = parseOrRefuse(ResolveInput, { action: input.action }, actor.locale);
  if (!isPositiveInt4(input.id)) throw notFound();
  const [report] = await queryRows<{ idea_id: number; comment_id: number | null; number: number }>(
    db,
    sql`SELECT r.idea_id, r.comment_id, i.number FROM reports r JOIN ideas i ON i.id = r.idea_id WHERE r.id = ${input.id}::int`,
  );
  if (!report) throw notFound();
  const ideaId = Number(report.idea_id);
  const commentId = report.comment_id === null ? null : Number(report.comment_id);
  const outcome: ReportOutcome = action === "hide" ? "hidden" : "dismissed";
  const resolved = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM ideas WHERE id = ${ideaId}::int FOR NO KEY UPDATE`);
    const open = await queryRows<{ reason: string; detail: string }>(
      tx,
      sql`SELECT reason, detail FROM reports WHERE idea_id = ${ideaId}::int AND comment_id IS NOT DISTINCT FROM ${commentId}::int AND resolved_at IS NULL ORDER BY id FOR UPDATE`,
    );
    if (open.length === 0) throw conflict(localMessage("report.error.resolved"));
    if (outcome === "dismissed") return (await resolveReportsIn(tx, { ideaId, commentId, actorId: actor.id, outcome })).length;
    const reason = hideReason(actor, open[0]);
    if (commentId === null) await hideIdeaIn(tx, { actorId: actor.id, number: Number(report.number), reason });
    else await hideCommentIn(tx, { actorId: actor.id, id: commentId, reason });
    return open.length;
  });
  if (outcome === "hidden" && commentId === null) forgetColumnTotals();
  return { outcome, resolved, ideaNumber: Number(report.number), commentId };
}

export function reportGroupToJson(group: ReportGroup) {
  return {
    ...group,
    firstAt: group.firstAt.toISOString(),
    reports: group.reports.map((r) => ({ ...r, at: r.at.toISOString() })),
  };
}
