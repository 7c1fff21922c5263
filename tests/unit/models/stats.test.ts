import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { addComment } from "~/models/comments.server";
import { getStats } from "~/models/stats.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { setVote } from "~/models/votes.server";
import { loader as statsLoader } from "~/routes/api.v1.stats";
import { loader as dashboardLoader } from "~/routes/admin.dashboard";
import { call, contextFor, ORIGIN } from "../../setup/remix";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters, processNotifications } from "../../setup/notifications";

const DAY = 86_400_000;

/** A board of its own, so the figures count only what the test made. */
async function fixture() {
  const board = await createTestBoard({ name: "Mobile ‹app›" });
  const staff = await createTestUser({ role: "staff", name: "Sam" });
  const member = await createTestUser({ name: "Mia" });
  return { board, staff, member };
}

describe("the dashboard's figures", () => {
  it("counts this week's ideas, votes and comments on the board, and ideas by status", async () => {
    const { board, staff, member } = await fixture();
    const a = await createTestIdea({ author: member, board });
    const b = await createTestIdea({ author: member, board });
    await setVote({ actor: staff, number: a.number, voted: true });
    await addComment({ actor: member, number: a.number, body: "Please" });
    // An internal note is staff talking among themselves: not a comment on the board.
    await addComment({ actor: staff, number: a.number, body: "Check with sales first", internal: true });
    await setIdeaStatus({ actor: staff, number: b.number, status: "planned", notify: false });
    const stats = await getStats({ actor: staff, raw: { board: board.slug, weeks: "4" }, locale: "en" });
    expect(stats.board).toEqual({ slug: board.slug, name: board.name });
    expect(stats.activity).toHaveLength(4);
    // Each author's own vote counts as a vote: two ideas, three votes, one comment this week.
    expect(stats.activity.at(-1)).toMatchObject({ ideas: 2, votes: 3, comments: 1 });
    expect(stats.activity.slice(0, 3).every((w) => w.ideas === 0 && w.votes === 0 && w.comments === 0)).toBe(true);
    expect(Object.fromEntries(stats.byStatus.map((s) => [s.status, s.count]))).toEqual({ open: 1, under_review: 0, planned: 1, in_progress: 0, shipped: 0, declined: 0 });
  });

  it("measures the first staff answer and counts ideas waiting more than 7 days", async () => {
    const { board, staff, member } = await fixture();
    const now = Date.now();
    const answeredByComment = await createTestIdea({ author: member, board, createdAt: new Date(now - 10 * 3_600_000) });
    const answeredByStatus = await createTestIdea({ author: member, board, createdAt: new Date(now - 30 * 3_600_000) });
    await createTestIdea({ author: member, board, createdAt: new Date(now - 9 * DAY) });
    await createTestIdea({ author: member, board, createdAt: new Date(now - 2 * DAY) });
    // Staff's own ideas are not waiting for anyone.
    await createTestIdea({ author: staff, board, createdAt: new Date(now - 20 * DAY) });
    await addComment({ actor: member, number: answeredByComment.number, body: "A member's comment is no answer" });
    await addComment({ actor: staff, number: answeredByComment.number, body: "Thanks, looking at it" });
    await setIdeaStatus({ actor: staff, number: answeredByStatus.number, status: "under_review", notify: false });
    const { response } = await getStats({ actor: staff, raw: { board: board.slug }, locale: "en" });
    expect(response.answered).toBe(2);
    expect(response.medianHours).toBeGreaterThan(19.9);
    expect(response.medianHours).toBeLessThan(20.2);
    expect(response.waitingOver7Days).toBe(1);
  });

  it("says which shipped ideas closed the loop: all told, still sending, shipped quietly, and the failures", async () => {
    const { board, staff, member } = await fixture();
    const told = await createTestIdea({ author: member, board, title: "Told" });
    const failing = await createTestIdea({ author: member, board, title: "Failing" });
    const quiet = await createTestIdea({ author: member, board, title: "Quiet" });
    await addVoters(told.id, 3);
    await addVoters(told.id, 1, { emailOnStatusChange: false });
    await addVoters(failing.id, 2);
    await setIdeaStatus({ actor: staff, number: told.number, status: "planned", notify: false });
    await setIdeaStatus({ actor: staff, number: told.number, status: "shipped" });
    await setIdeaStatus({ actor: staff, number: failing.number, status: "shipped" });
    await setIdeaStatus({ actor: staff, number: quiet.number, status: "shipped", notify: false });

    const before = await getStats({ actor: staff, raw: { board: board.slug }, locale: "en" });
    expect(before.loop).toMatchObject({ shipped: 3, closed: 0, pending: 2, quiet: 1 });

    await processNotifications();
    await db.execute(sql`UPDATE email_deliveries SET state = 'failed', last_error = '550 mailbox unavailable'
      WHERE id = (SELECT min(d.id) FROM email_deliveries d JOIN notification_events e ON e.id = d.event_id WHERE e.idea_id = ${failing.id}::int)`);
    const after = await getStats({ actor: staff, raw: { board: board.slug }, locale: "en" });
    expect(after.loop).toMatchObject({ shipped: 3, closed: 2, pending: 0, quiet: 1, share: 2 / 3 });
    const byTitle = Object.fromEntries(after.loop.ideas.map((i) => [i.title, i]));
    // The author follows too: four voters and the author hear of "Told", one of them in the app only.
    expect(byTitle.Told).toMatchObject({ state: "closed", recipients: 5, emailed: 4, suppressed: 1, failed: 0 });
    expect(byTitle.Failing).toMatchObject({ state: "closed", recipients: 3, emailed: 2, failed: 1 });
    expect(byTitle.Quiet).toMatchObject({ state: "quiet", recipients: 0 });
    expect(after.loop.failures.map((i) => i.title)).toEqual(["Failing"]);
    expect(after.shipping.medianPlannedToShippedDays).toBeGreaterThanOrEqual(0);
    expect(after.shipping.medianPlannedToShippedDays).toBeLessThan(0.01);
    expect(after.shipping.months).toHaveLength(12);
    expect(after.shipping.months.at(-1)!.shipped).toBe(3);
  });

  it("answers staff only (401, 403), 404 for an unknown board and 422 for a period out of range", async () => {
    const { staff, member } = await fixture();
    expect((await errorOf(getStats({ actor: null, raw: {}, locale: "en" }))).status).toBe(401);
    expect((await errorOf(getStats({ actor: member, raw: {}, locale: "en" }))).status).toBe(403);
    expect((await errorOf(getStats({ actor: staff, raw: { board: "no-such-board" }, locale: "en" }))).status).toBe(404);
    const bad = await errorOf(getStats({ actor: staff, raw: { weeks: "0" }, locale: "en" }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.weeks).toBe("Choose a period of 1 to 104 weeks.");
  });
});

describe("GET /api/v1/stats and /admin/dashboard", () => {
  it("gives staff the figures as JSON and a page of charts with their tables; members get 403", async () => {
    const { board, staff, member } = await fixture();
    await createTestIdea({ author: member, board, title: "Charted" });
    const api = await call(statsLoader, { request: new Request(`${ORIGIN}/api/v1/stats?board=${board.slug}&weeks=2`), context: contextFor(staff) });
    expect(api.status).toBe(200);
    expect(api.headers.get("cache-control")).toBe("private, no-store");
    const { stats } = await api.json();
    expect(stats).toMatchObject({ weeks: 2, board: { slug: board.slug }, response: { waitingOver7Days: 0 }, loop: { shipped: 0, share: null } });
    expect(stats.activity.at(-1)).toMatchObject({ ideas: 1, votes: 1, comments: 0 });

    const refused = await call(statsLoader, { request: new Request(`${ORIGIN}/api/v1/stats`), context: contextFor(member) });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");

    const page = await call(dashboardLoader, { request: new Request(`${ORIGIN}/admin/dashboard?board=${board.slug}&weeks=999`), context: contextFor(staff) });
    const data = await page.json();
    // A period the form does not offer falls back to the default.
    expect(data.weeks).toBe(12);
    expect(data.activity.labels).toHaveLength(12);
    expect(data.activity.series.map((s: { label: string }) => s.label)).toEqual(["Ideas", "Votes", "Comments"]);
    expect(data.activity.series[0].values.at(-1)).toBe(1);
    expect((await call(dashboardLoader, { request: new Request(`${ORIGIN}/admin/dashboard`), context: contextFor(member) })).status).toBe(403);
  });
});

it("is not affected by rows of other boards (the board filter)", async () => {
  const { board, staff, member } = await fixture();
  const other = await createTestBoard();
  await createTestIdea({ author: member, board: other });
  const stats = await getStats({ actor: staff, raw: { board: board.slug }, locale: "en" });
  expect(stats.activity.reduce((n, w) => n + w.ideas, 0)).toBe(0);
  const [all] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ideas WHERE created_at >= ${stats.since}::timestamptz`);
  const everything = await getStats({ actor: staff, raw: {}, locale: "en" });
  expect(everything.activity.reduce((n, w) => n + w.ideas, 0)).toBe(Number(all!.n));
});
