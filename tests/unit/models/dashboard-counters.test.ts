import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { reconcileCounts } from "~/jobs/reconcile-counts.server";
import { addComment, deleteComment } from "~/models/comments.server";
import { approveIdea, rejectIdea } from "~/models/idea-approval.server";
import { upsertCompany, setPersonCompany } from "~/models/companies.server";
import { findDashboardCounterDrift } from "~/models/dashboard-counters.server";
import { deleteIdea } from "~/models/ideas.server";
import { moveIdea } from "~/models/idea-moves.server";
import { mergeIdea, unmergeIdea } from "~/models/merges.server";
import { hideComment, hideIdea, restoreIdea } from "~/models/moderation.server";
import { getStats } from "~/models/stats.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { addVoteOnBehalf, removeVoteOnBehalf } from "~/models/votes-on-behalf.server";
import { setVote } from "~/models/votes.server";
import { activityFromRows, periodStart } from "~/models/weekly-activity.server";
import { loader as statsLoader } from "~/routes/api.v1.stats";
import { call, contextFor, ORIGIN } from "../../setup/remix";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The first-answer figures as the dashboard computed them per request before the counters: from every status change and staff comment. */
async function responseFromRows(boardId: number, since: string) {
  const [row] = await queryRows<{ answered: number; median_hours: number | null; waiting: number }>(
    db,
    sql`WITH firsts AS (
          SELECT idea_id, min(created_at) AS at FROM (
            SELECT idea_id, created_at FROM status_changes
            UNION ALL SELECT idea_id, created_at FROM comments WHERE is_staff AND NOT internal) x
          GROUP BY idea_id),
        asked AS (
          SELECT i.created_at, f.at AS answered_at
          FROM ideas i JOIN users u ON u.id = i.author_id LEFT JOIN firsts f ON f.idea_id = i.id
          WHERE i.merged_into_id IS NULL AND i.hidden_at IS NULL AND u.role = 'member' AND i.board_id = ${boardId}::int)
        SELECT count(*) FILTER (WHERE answered_at IS NOT NULL AND created_at >= ${since}::timestamptz) AS answered,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at) / 3600)
                 FILTER (WHERE answered_at IS NOT NULL AND created_at >= ${since}::timestamptz) AS median_hours,
               count(*) FILTER (WHERE answered_at IS NULL AND created_at < now() - interval '7 days') AS waiting
        FROM asked`,
  );
  return { answered: Number(row!.answered), medianHours: row!.median_hours === null ? null : Number(row!.median_hours), waitingOver7Days: Number(row!.waiting) };
}

/** A board with a little of everything, spread over the last weeks. */
async function busyBoard() {
  const board = await createTestBoard();
  const other = await createTestBoard();
  const staff = await createTestUser({ role: "staff" });
  const mia = await createTestUser();
  const max = await createTestUser();
  const now = Date.now();
  const old = await createTestIdea({ author: mia, board, createdAt: new Date(now - 20 * DAY) });
  const recent = await createTestIdea({ author: max, board, createdAt: new Date(now - 30 * HOUR) });
  const waiting = await createTestIdea({ author: mia, board, createdAt: new Date(now - 9 * DAY) });
  const dup = await createTestIdea({ author: max, board });
  const gone = await createTestIdea({ author: mia, board });
  return { board, other, staff, mia, max, old, recent, waiting, dup, gone };
}

describe("the dashboard's counters", () => {
  it("equal a recount from the rows after votes, unvotes, comments, hiding, moving, merging and deleting", async () => {
    const { board, other, staff, mia, max, old, recent, dup, gone } = await busyBoard();
    await setVote({ actor: max, number: old.number, voted: true });
    await setVote({ actor: staff, number: old.number, voted: true });
    await setVote({ actor: staff, number: old.number, voted: false });
    await addVoteOnBehalf({ actor: staff, number: recent.number, email: "cara@customer.test", name: "Cara" });
    await addVoteOnBehalf({ actor: staff, number: recent.number, email: "dan@customer.test" });
    await removeVoteOnBehalf({ actor: staff, number: recent.number, email: "dan@customer.test" });
    await addComment({ actor: mia, number: old.number, body: "Still wanted" });
    const removed = await addComment({ actor: max, number: old.number, body: "Me too" });
    await addComment({ actor: staff, number: old.number, body: "Internal", internal: true });
    await addComment({ actor: max, number: recent.number, body: "Spam" }).then((c) => hideComment({ actor: staff, id: c.id, reason: "Spam" }));
    await deleteComment({ actor: staff, id: removed.id });
    await hideIdea({ actor: staff, number: gone.number, reason: "Off topic" });
    await setVote({ actor: max, number: dup.number, voted: true });
    await mergeIdea({ actor: staff, number: dup.number, into: old.number });
    await unmergeIdea({ actor: staff, number: dup.number });
    await mergeIdea({ actor: staff, number: dup.number, into: old.number });
    await moveIdea({ actor: staff, number: recent.number, board: other.slug });
    const doomed = await createTestIdea({ author: max, board });
    await addComment({ actor: mia, number: doomed.number, body: "Soon gone" });
    await deleteIdea({ actor: staff, number: doomed.number });

    expect(await findDashboardCounterDrift()).toEqual({ days: [], responseIdeaIds: [] });
    // The counters' figures are the rows' figures, for the board, the other board and every board.
    const since = await periodStart(4);
    for (const boardId of [board.id, other.id]) {
      const fast = await getStats({ actor: staff, raw: { board: boardId === board.id ? board.slug : other.slug, weeks: "4" }, locale: "en" });
      expect(fast.activity).toEqual(await activityFromRows({ boardId, tagId: null, segment: null }, since));
    }
    const everything = await getStats({ actor: staff, raw: { weeks: "4" }, locale: "en" });
    expect(everything.activity).toEqual(await activityFromRows({ boardId: null, tagId: null, segment: null }, since));
    // This week on the board: old's votes (mia's own, max's) and dup's copies are not counted twice; the hidden idea and its vote are gone.
    const week = (await getStats({ actor: staff, raw: { board: board.slug, weeks: "4" }, locale: "en" })).activity.at(-1)!;
    expect(week).toMatchObject({ ideas: 1, comments: 1 });
    // Restoring brings the hidden idea and its vote back, still equal to the rows.
    await restoreIdea({ actor: staff, number: gone.number });
    const restored = (await getStats({ actor: staff, raw: { board: board.slug, weeks: "4" }, locale: "en" })).activity.at(-1)!;
    expect(restored.ideas).toBe(week.ideas + 1);
    expect(restored.votes).toBe(week.votes + 1);
    expect(await findDashboardCounterDrift()).toEqual({ days: [], responseIdeaIds: [] });
  });

  it("give the same first-answer figures as computing them from every status change and staff comment", async () => {
    const { board, staff, mia, old, recent } = await busyBoard();
    await addComment({ actor: mia, number: old.number, body: "A member's comment is no answer" });
    const answer = await addComment({ actor: staff, number: old.number, body: "Thanks" });
    await addComment({ actor: staff, number: recent.number, body: "Internal notes answer nobody", internal: true });
    await setIdeaStatus({ actor: staff, number: recent.number, status: "under_review", notify: false });
    const stats = await getStats({ actor: staff, raw: { board: board.slug, weeks: "4" }, locale: "en" });
    expect(stats.response).toEqual(await responseFromRows(board.id, stats.since));
    expect(stats.response).toMatchObject({ answered: 2, waitingOver7Days: 1 });
    // Deleting the only answer puts the idea back among the unanswered.
    await deleteComment({ actor: staff, id: answer.id });
    const after = await getStats({ actor: staff, raw: { board: board.slug, weeks: "4" }, locale: "en" });
    expect(after.response).toEqual(await responseFromRows(board.id, after.since));
    expect(after.response).toMatchObject({ answered: 1, waitingOver7Days: 2 });
  });

  it("leave hidden ideas out of every figure", async () => {
    const { board, staff, waiting } = await busyBoard();
    const before = await getStats({ actor: staff, raw: { board: board.slug }, locale: "en" });
    await hideIdea({ actor: staff, number: waiting.number, reason: "Spam" });
    const after = await getStats({ actor: staff, raw: { board: board.slug }, locale: "en" });
    expect(after.byStatus.find((s) => s.status === "open")!.count).toBe(before.byStatus.find((s) => s.status === "open")!.count - 1);
    expect(after.response.waitingOver7Days).toBe(before.response.waitingOver7Days - 1);
    expect(after.activity.reduce((n, w) => n + w.ideas, 0)).toBe(before.activity.reduce((n, w) => n + w.ideas, 0) - 1);
  });

  it("count an idea waiting for approval as posted but not among published ideas; a rejected one nowhere; approving and rejecting move it, still equal to a recount", async () => {
    const board = await createTestBoard({ requiresApproval: true });
    const staff = await createTestUser({ role: "staff" });
    const mia = await createTestUser();
    const now = Date.now();
    await createTestIdea({ author: mia, board, createdAt: new Date(now - 9 * DAY) });
    const waiting = await createTestIdea({ author: mia, board, approval: "pending", createdAt: new Date(now - 9 * DAY) });
    const spam = await createTestIdea({ author: mia, board, approval: "pending" });
    await addComment({ actor: mia, number: spam.number, body: "More details" });
    const figures = async () => {
      const stats = await getStats({ actor: staff, raw: { board: board.slug, weeks: "4" }, locale: "en" });
      expect(stats.activity).toEqual(await activityFromRows({ boardId: board.id, tagId: null, segment: null }, stats.since));
      expect(await findDashboardCounterDrift()).toEqual({ days: [], responseIdeaIds: [] });
      const total = (key: "ideas" | "votes" | "comments") => stats.activity.reduce((n, w) => n + w[key], 0);
      return {
        posted: { ideas: total("ideas"), votes: total("votes"), comments: total("comments") },
        open: stats.byStatus.find((s) => s.status === "open")!.count,
        waitingOver7Days: stats.response.waitingOver7Days,
      };
    };
    // Incoming: three ideas with their authors' votes and a comment; published: one, waiting for an answer as in the inbox.
    expect(await figures()).toEqual({ posted: { ideas: 3, votes: 3, comments: 1 }, open: 1, waitingOver7Days: 1 });
    // Rejected: the idea, its vote and its comment leave every figure.
    await rejectIdea({ actor: staff, number: spam.number, reason: "Spam" });
    expect(await figures()).toEqual({ posted: { ideas: 2, votes: 2, comments: 0 }, open: 1, waitingOver7Days: 1 });
    // Approved: already counted as posted; now on the board, and waiting for a staff answer.
    await approveIdea({ actor: staff, number: waiting.number });
    expect(await figures()).toEqual({ posted: { ideas: 2, votes: 2, comments: 0 }, open: 2, waitingOver7Days: 2 });
    // A rejected idea approved after all comes back with its vote and comment.
    await approveIdea({ actor: staff, number: spam.number });
    expect(await figures()).toEqual({ posted: { ideas: 3, votes: 3, comments: 1 }, open: 3, waitingOver7Days: 2 });
  });

  it("are proved and repaired by reconcile-counts", async () => {
    const { board, staff, old } = await busyBoard();
    await setIdeaStatus({ actor: staff, number: old.number, status: "planned", notify: false });
    // Something went around the triggers: a counter row and a first answer changed by hand.
    await db.execute(sql`UPDATE daily_activity SET votes = votes + 3 WHERE (board_id, day, shard) =
      (SELECT board_id, day, shard FROM daily_activity WHERE board_id = ${board.id}::int ORDER BY day DESC, shard LIMIT 1)`);
    await db.execute(sql`UPDATE ideas SET first_staff_response_at = NULL WHERE id = ${old.id}::int`);
    const drift = await findDashboardCounterDrift();
    expect(drift.responseIdeaIds).toEqual([old.id]);
    expect(drift.days).toHaveLength(1);
    expect(drift.days[0]!.boardId).toBe(board.id);
    expect(drift.days[0]!.stored.votes - drift.days[0]!.actual.votes).toBe(3);
    const report = await reconcileCounts();
    expect(report.dashboardRepaired).toBe(2);
    expect(await findDashboardCounterDrift()).toEqual({ days: [], responseIdeaIds: [] });
  });
});

describe("the segment filter", () => {
  it("counts what people of the segment's companies did, and the ideas they asked for", async () => {
    const { board, staff, mia, max, old, recent } = await busyBoard();
    const segment = `Enterprise ${board.id}`;
    await upsertCompany({ actor: staff, externalId: `acme-${board.id}`, body: { name: "Acme", segment } });
    await upsertCompany({ actor: staff, externalId: `tiny-${board.id}`, body: { name: "Tiny", segment: `SMB ${board.id}` } });
    await setPersonCompany({ actor: staff, userId: mia.id, externalId: `acme-${board.id}` });
    await setPersonCompany({ actor: staff, userId: max.id, externalId: `tiny-${board.id}` });
    await setVote({ actor: mia, number: recent.number, voted: true });
    await setVote({ actor: max, number: old.number, voted: true });
    await addComment({ actor: mia, number: recent.number, body: "We need this" });
    await addComment({ actor: max, number: old.number, body: "So do we" });
    await setIdeaStatus({ actor: staff, number: recent.number, status: "planned", notify: false });

    const stats = await getStats({ actor: staff, raw: { board: board.slug, segment, weeks: "4" }, locale: "en" });
    expect(stats.segment).toBe(segment);
    const total = (key: "ideas" | "votes" | "comments") => stats.activity.reduce((n, w) => n + w[key], 0);
    // Mia posted three ideas (old, waiting, gone) with their authors' votes and voted for recent; she wrote one comment.
    expect({ ideas: total("ideas"), votes: total("votes"), comments: total("comments") }).toEqual({ ideas: 3, votes: 4, comments: 1 });
    expect(stats.activity).toEqual(await activityFromRows({ boardId: board.id, tagId: null, segment }, stats.since));
    // The ideas she asked for: her three and the one she voted for.
    expect(Object.fromEntries(stats.byStatus.filter((s) => s.count > 0).map((s) => [s.status, s.count]))).toEqual({ open: 3, planned: 1 });
    // Her two ideas older than a week (old, waiting) have had no answer.
    expect(stats.response.waitingOver7Days).toBe(2);

    const api = await call(statsLoader, { request: new Request(`${ORIGIN}/api/v1/stats?board=${board.slug}&segment=${encodeURIComponent(segment)}`), context: contextFor(staff) });
    expect(api.status).toBe(200);
    expect((await api.json()).stats.segment).toBe(segment);
  });

  it("answers 404 for a segment no company is in, 422 for one too long, and 403 to members", async () => {
    const { staff, mia } = await busyBoard();
    expect((await errorOf(getStats({ actor: staff, raw: { segment: "No such segment" }, locale: "en" }))).status).toBe(404);
    const long = await errorOf(getStats({ actor: staff, raw: { segment: "x".repeat(61) }, locale: "en" }));
    expect(long.status).toBe(422);
    expect(long.body.error.fields.segment).toBe("Enter a segment of up to 60 characters.");
    const refused = await call(statsLoader, { request: new Request(`${ORIGIN}/api/v1/stats?segment=Enterprise`), context: contextFor(mia) });
    expect(refused.status).toBe(403);
  });
});
