import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { findCountDrift } from "~/jobs/reconcile-counts.server";
import { addComment, getComment } from "~/models/comments.server";
import { listIdeaActivity } from "~/models/idea-activity.server";
import { getIdea, getIdeaWithComments } from "~/models/ideas.server";
import { hideComment } from "~/models/moderation.server";
import { listOpenReports, resolveReport } from "~/models/report-queue.server";
import { countOpenReports, listMyReports, reportComment, reportIdea } from "~/models/reports.server";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

afterAll(() => releaseWorkerInstance());

async function setup() {
  const staff = await createTestUser({ role: "staff" });
  const author = await createTestUser();
  const reporter = await createTestUser({ name: "Ria Reporter" });
  const board = await createTestBoard();
  const idea = await createTestIdea({ author, board, title: "Buy cheap watches here" });
  const comment = await addComment({ actor: author, number: idea.number, body: "Visit my shop for watches" });
  return { staff, author, reporter, board, idea, comment };
}

const openRows = (where: ReturnType<typeof sql>) => queryRows<{ id: number; outcome: string | null; resolved_by_id: number | null; resolved_at: Date | null }>(db, sql`SELECT id, outcome, resolved_by_id, resolved_at FROM reports WHERE ${where} ORDER BY id`);

describe("reporting an idea or a comment", () => {
  it("a member reports once per item (the second time 409 with a clear message); the author and staff cannot; reasons are checked", async () => {
    const { staff, author, reporter, idea, comment } = await setup();
    const first = await reportIdea({ actor: reporter, number: idea.number, reason: "spam", detail: "  watches  everywhere " });
    expect(first.id).toBeGreaterThan(0);
    const again = await errorOf(reportIdea({ actor: reporter, number: idea.number, reason: "offensive" }));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("You have already reported this: the team will look at it.");
    // The comment is another item: reporting it is a report of its own.
    await reportComment({ actor: reporter, id: comment.id, reason: "off_topic" });
    expect((await errorOf(reportComment({ actor: reporter, id: comment.id, reason: "spam" }))).status).toBe(409);

    const own = await errorOf(reportIdea({ actor: author, number: idea.number, reason: "spam" }));
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe("You cannot report what you wrote yourself.");
    expect((await errorOf(reportComment({ actor: author, id: comment.id, reason: "spam" }))).status).toBe(403);
    expect((await errorOf(reportIdea({ actor: staff, number: idea.number, reason: "spam" }))).status).toBe(403);
    expect((await errorOf(reportIdea({ actor: null, number: idea.number, reason: "spam" }))).status).toBe(401);

    const other = await createTestUser();
    const noReason = await errorOf(reportIdea({ actor: other, number: idea.number, reason: "" }));
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.fields.reason).toBe("Choose a reason.");
    const bareOther = await errorOf(reportIdea({ actor: other, number: idea.number, reason: "other", detail: "   " }));
    expect(bareOther.body.error.fields.detail).toBe("Say what is wrong: it is needed with “Something else”.");
    await reportIdea({ actor: other, number: idea.number, reason: "other", detail: "Looks like an advert" });

    const [row] = await queryRows<{ detail: string; reason: string }>(db, sql`SELECT detail, reason FROM reports WHERE id = ${first.id}::int`);
    expect(row).toEqual({ detail: "watches everywhere", reason: "spam" });
    expect(await listMyReports({ actor: reporter, ideaId: idea.id })).toEqual({ idea: true, comments: [comment.id] });
  });

  it("unknown or invisible items are 404: no such idea or comment, a hidden comment, an internal note", async () => {
    const { staff, reporter, idea } = await setup();
    expect((await errorOf(reportIdea({ actor: reporter, number: 99999999, reason: "spam" }))).status).toBe(404);
    expect((await errorOf(reportComment({ actor: reporter, id: 99999999, reason: "spam" }))).status).toBe(404);
    const note = await addComment({ actor: staff, number: idea.number, body: "Internal", internal: true });
    expect((await errorOf(reportComment({ actor: reporter, id: note.id, reason: "spam" }))).status).toBe(404);
    const rude = await addComment({ actor: await createTestUser(), number: idea.number, body: "Rude" });
    await hideComment({ actor: staff, id: rude.id, reason: "rude" });
    expect((await errorOf(reportComment({ actor: reporter, id: rude.id, reason: "spam" }))).status).toBe(404);
  });

  it("the same member reporting twice at the same moment leaves one row", async () => {
    const { reporter, idea, comment } = await setup();
    const ideaTries = await Promise.allSettled([0, 1, 2].map(() => reportIdea({ actor: reporter, number: idea.number, reason: "spam" })));
    const commentTries = await Promise.allSettled([0, 1].map(() => reportComment({ actor: reporter, id: comment.id, reason: "spam" })));
    expect(ideaTries.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(commentTries.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of [...ideaTries, ...commentTries]) if (r.status === "rejected") expect(r.reason.status).toBe(409);
    const [n] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM reports WHERE reporter_id = ${reporter.id}::int`);
    expect(Number(n.n)).toBe(2);
  });
});

describe("the reports queue", () => {
  it("groups open reports per item, oldest first, with reporters' names and reasons; staff only; counts them", async () => {
    const { staff, reporter, idea, comment } = await setup();
    const second = await createTestUser({ name: "Sam Second" });
    const before = await countOpenReports({ actor: staff });
    await reportComment({ actor: reporter, id: comment.id, reason: "spam", detail: "shop link" });
    await reportIdea({ actor: reporter, number: idea.number, reason: "off_topic" });
    await reportComment({ actor: second, id: comment.id, reason: "offensive" });
    expect(await countOpenReports({ actor: staff })).toBe(before + 3);
    expect(await countOpenReports({ actor: reporter })).toBe(0);
    const groups = (await listOpenReports({ actor: staff })).filter((g) => g.idea.number === idea.number);
    expect(groups.map((g) => g.commentId)).toEqual([comment.id, null]);
    expect(groups[0]).toMatchObject({ count: 2, excerpt: "Visit my shop for watches", hidden: false, url: `/ideas/${idea.number}/${idea.slug}#comment-${comment.id}` });
    expect(groups[0].reports.map((r) => [r.reporter, r.reason, r.detail])).toEqual([["Ria Reporter", "spam", "shop link"], ["Sam Second", "offensive", ""]]);
    expect((await errorOf(listOpenReports({ actor: reporter }))).status).toBe(403);
    expect((await errorOf(resolveReport({ actor: reporter, id: groups[0].id, action: "dismiss" }))).status).toBe(403);
    expect((await errorOf(resolveReport({ actor: staff, id: 99999999, action: "dismiss" }))).status).toBe(404);
    expect((await errorOf(resolveReport({ actor: staff, id: groups[0].id, action: "delete" }))).status).toBe(422);
  });

  it("hide from the queue hides the comment with the report's reason and resolves every report on it, on the audit trail; members no longer see it", async () => {
    const { staff, author, reporter, idea, comment } = await setup();
    const second = await createTestUser();
    const { id } = await reportComment({ actor: reporter, id: comment.id, reason: "spam", detail: "shop link" });
    await reportComment({ actor: second, id: comment.id, reason: "offensive" });
    const ideaReport = await reportIdea({ actor: reporter, number: idea.number, reason: "spam" });
    const result = await resolveReport({ actor: staff, id, action: "hide" });
    expect(result).toEqual({ outcome: "hidden", resolved: 2, ideaNumber: idea.number, commentId: comment.id });
    expect((await getComment({ actor: staff, id: comment.id }))?.hidden?.reason).toBe("Spam: shop link");
    expect(await getComment({ actor: reporter, id: comment.id })).toBeNull();
    expect((await getIdea({ actor: reporter, number: idea.number }))?.commentCount).toBe(0);
    const rows = await openRows(sql`comment_id = ${comment.id}::int`);
    expect(rows.map((r) => [r.outcome, r.resolved_by_id])).toEqual([["hidden", staff.id], ["hidden", staff.id]]);
    expect(rows.every((r) => r.resolved_at !== null)).toBe(true);
    // The idea's own report is another item, still open.
    expect((await openRows(sql`id = ${ideaReport.id}::int`))[0].outcome).toBeNull();
    const kinds = (await listIdeaActivity({ actor: staff, ideaId: idea.id })).map((e) => [e.kind, e.detail]);
    expect(kinds).toEqual(expect.arrayContaining([["commentHidden", { comment: `#${comment.id}`, reason: "Spam: shop link" }], ["commentReportsHidden", { comment: `#${comment.id}`, count: "2" }]]));
    expect((await errorOf(resolveReport({ actor: staff, id, action: "dismiss" }))).status).toBe(409);
    expect((await findCountDrift()).drifted).toEqual([]);
    void author;
  });

  it("hide on an idea hides it; dismiss resolves without touching the item; a direct hide resolves the item's reports too", async () => {
    const { staff, reporter, idea, board } = await setup();
    const { id } = await reportIdea({ actor: reporter, number: idea.number, reason: "offensive" });
    expect((await resolveReport({ actor: staff, id, action: "hide" })).outcome).toBe("hidden");
    expect(await getIdea({ actor: reporter, number: idea.number })).toBeNull();
    expect((await getIdea({ actor: staff, number: idea.number }))?.hidden?.reason).toBe("Offensive or abusive");

    const other = await createTestIdea({ author: await createTestUser(), board, title: "A fair idea" });
    const fair = await reportIdea({ actor: reporter, number: other.number, reason: "spam" });
    expect(await resolveReport({ actor: staff, id: fair.id, action: "dismiss" })).toMatchObject({ outcome: "dismissed", resolved: 1 });
    expect(await getIdea({ actor: reporter, number: other.number })).not.toBeNull();
    expect((await openRows(sql`id = ${fair.id}::int`))[0]).toMatchObject({ outcome: "dismissed", resolved_by_id: staff.id });
    expect((await listIdeaActivity({ actor: staff, ideaId: other.id })).map((e) => e.kind)).toEqual(["reportsDismissed"]);

    // Reported, then hidden from the idea page: the queue no longer lists it.
    const comment = await addComment({ actor: await createTestUser(), number: other.number, body: "Off topic" });
    const c = await reportComment({ actor: reporter, id: comment.id, reason: "spam" });
    await hideComment({ actor: staff, id: comment.id, reason: "seen it" });
    expect((await openRows(sql`id = ${c.id}::int`))[0].outcome).toBe("hidden");
    expect((await listOpenReports({ actor: staff })).some((g) => g.commentId === comment.id)).toBe(false);
    expect((await getIdeaWithComments({ actor: staff, number: other.number }))?.idea.number).toBe(other.number);
  });
});
