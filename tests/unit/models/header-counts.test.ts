/**
 * The header's counts, asked in one statement: each equals what its own model counts, a staff
 * count is 0 for whoever may not see it, and a visitor costs no query.
 */
import { describe, expect, it } from "vitest";
import { countPendingIdeas } from "~/models/approval-queue.server";
import { headerCounts } from "~/models/header-counts.server";
import { countUnread } from "~/models/notifications.server";
import { countOpenReports, reportIdea } from "~/models/reports.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { countInbox } from "~/models/triage.server";
import { setVote } from "~/models/votes.server";
import type { SessionUser } from "~/lib/auth.server";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";
import { processNotifications } from "../../setup/notifications";

async function separately(actor: SessionUser) {
  return {
    unread: await countUnread({ actor }),
    inbox: (await countInbox({ actor })).count,
    reports: await countOpenReports({ actor }),
    pending: await countPendingIdeas({ actor }),
  };
}

describe("headerCounts", () => {
  it("gives each person the four counts their own models give, in one statement, and follows changes", async () => {
    const staff = await createTestUser({ role: "staff" });
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const author = await createTestUser();
    const board = await createTestBoard({ requiresApproval: true });

    const before = await headerCounts({ actor: staff });
    expect(before).toEqual(await separately(staff));

    // A waiting idea, one awaiting approval, a report, and two unread notifications for the member.
    const waiting = await createTestIdea({ author, board: await createTestBoard() });
    await createTestIdea({ author, board, approval: "pending" });
    await reportIdea({ actor: member, number: waiting.number, reason: "spam" });
    await setVote({ actor: member, number: waiting.number, voted: true });
    await setIdeaStatus({ actor: admin, number: waiting.number, status: "planned", note: "Soon" });
    await setIdeaStatus({ actor: admin, number: waiting.number, status: "in_progress", note: "Started" });
    await processNotifications();

    const after = await headerCounts({ actor: staff });
    expect(after).toEqual(await separately(staff));
    // The status answered the waiting idea: the inbox is back where it was, with one more report and one more pending idea.
    expect(after.reports).toBe(Math.min(before.reports + 1, 100));
    expect(after.pending).toBeGreaterThan(before.pending);

    const forMember = await headerCounts({ actor: member });
    expect(forMember).toEqual({ unread: 2, inbox: 0, reports: 0, pending: 0 });
    expect(forMember.unread).toBe(await countUnread({ actor: member }));
    expect(await headerCounts({ actor: admin })).toEqual(await separately(admin));
  });

  it("is all zero for a visitor", async () => {
    expect(await headerCounts({ actor: null })).toEqual({ unread: 0, inbox: 0, reports: 0, pending: 0 });
  });
});
