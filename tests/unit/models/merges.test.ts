import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { db, queryRows } from "~/lib/db.server";
import { AppError } from "~/lib/errors.server";
import { releaseWorkerInstance } from "~/lib/worker-instance.server";
import { findCountDrift, reconcileCounts } from "~/jobs/reconcile-counts.server";
import { listChangelog } from "~/models/changelog.server";
import { addComment } from "~/models/comments.server";
import { getIdea, getIdeaWithComments } from "~/models/ideas.server";
import { findSimilarIdeas, listIdeas } from "~/models/idea-listing.server";
import { listMergeEntries, mergeIdea, unmergeIdea } from "~/models/merges.server";
import { listNotifications } from "~/models/notifications.server";
import { listRoadmap } from "~/models/roadmap.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { followIdea, isFollowing, unfollowIdea } from "~/models/subscriptions.server";
import { setVote } from "~/models/votes.server";
import { updateNotificationSettings } from "~/models/notification-settings.server";
import { errorOf } from "../../setup/errors";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters as addVoterRows, processNotifications } from "../../setup/notifications";
import { testDriver } from "../../setup/db";
import { sinkPerTest, type SmtpSink } from "../../setup/smtp";

async function voterIds(ideaId: number): Promise<number[]> {
  const rows = await queryRows<{ user_id: number }>(db, sql`SELECT user_id FROM votes WHERE idea_id = ${ideaId}::int ORDER BY user_id`);
  return rows.map((r) => Number(r.user_id));
}

async function voteTimes(ideaId: number): Promise<Map<number, string>> {
  const rows = await queryRows<{ user_id: number; at: string }>(
    db,
    sql`SELECT user_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS at FROM votes WHERE idea_id = ${ideaId}::int`,
  );
  return new Map(rows.map((r) => [Number(r.user_id), r.at]));
}

/** Voters written directly, then the counters (trending included) put right, so drift checks start clean. */
async function addVoters(ideaId: number, count: number): Promise<number[]> {
  const ids = await addVoterRows(ideaId, count);
  await reconcileCounts();
  return ids;
}

const startSink = sinkPerTest();

/** Starts the test's SMTP server after sending what earlier tests left queued (to the outbox). */
async function useSink(): Promise<SmtpSink> {
  await processNotifications();
  return startSink();
}

afterAll(() => releaseWorkerInstance());

async function pair() {
  const staff = await createTestUser({ role: "staff", name: "Sam" });
  const annA = await createTestUser({ name: "Ann" });
  const bobB = await createTestUser({ name: "Bob" });
  const a = await createTestIdea({ author: annA, title: "Dark mode for the whole app" });
  const b = await createTestIdea({ author: bobB, title: "Please add a dark theme" });
  return { staff, annA, bobB, a, b };
}

describe("mergeIdea", () => {
  it("counts each person who voted for A or B once, keeps the votes' times, and keeps B's rows untouched", async () => {
    const { staff, a, b, bobB } = await pair();
    const onlyA = await addVoters(a.id, 3);
    const onlyB = await addVoters(b.id, 4);
    const both = await createTestUser();
    await setVote({ actor: both, number: a.number, voted: true });
    await setVote({ actor: both, number: b.number, voted: true });
    const bTimes = await voteTimes(b.id);
    const before = await getIdea({ actor: null, number: a.number });
    expect(before!.voteCount).toBe(1 + 3 + 1);

    const { intoNumber, votesAdded } = await mergeIdea({ actor: staff, number: b.number, into: a.number });
    expect(intoNumber).toBe(a.number);
    // B's author and its 4 voters are new to A; the person who voted for both counts once.
    expect(votesAdded).toBe(1 + 4);
    const after = await getIdea({ actor: null, number: a.number });
    expect(after!.voteCount).toBe(1 + 3 + 1 + 1 + 4);
    const distinct = new Set([...(await voterIds(a.id))]);
    expect(after!.voteCount).toBe(distinct.size);
    for (const id of [...onlyA, ...onlyB, both.id, bobB.id]) expect(distinct.has(id)).toBe(true);
    // Original times: each copied vote has the time it was cast on B.
    const aTimes = await voteTimes(a.id);
    for (const id of [...onlyB, bobB.id]) expect(aTimes.get(id)).toBe(bTimes.get(id));
    // B keeps its own votes (and its counter equals them).
    expect(await voterIds(b.id)).toHaveLength(1 + 4 + 1);
    expect((await findCountDrift()).drifted).toEqual([]);
    // Trending stays honest: A's score is the sum of its votes' weights (what reconcile checks).
    expect((await reconcileCounts()).drifted).toEqual([]);
  });

  it("closes B: the API shape says mergedInto, and B leaves the board, search, similar ideas, roadmap and changelog", async () => {
    const { staff, a, b } = await pair();
    await setIdeaStatus({ actor: staff, number: b.number, status: "shipped", notify: false });
    await setIdeaStatus({ actor: staff, number: a.number, status: "shipped", notify: false });
    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    const closed = await getIdea({ actor: null, number: b.number });
    expect(closed!.mergedInto).toEqual({ number: a.number, url: a.url });
    expect((await getIdea({ actor: null, number: a.number }))!.mergedInto).toBeNull();

    const listed = (await listIdeas({ actor: null, sort: "new", limit: 100 })).ideas.map((i) => i.number);
    expect(listed).toContain(a.number);
    expect(listed).not.toContain(b.number);
    for (const searchWindow of [0, 2000]) {
      const found = (await listIdeas({ actor: null, sort: "top", q: "dark theme", limit: 100 }, { searchWindow })).ideas.map((i) => i.number);
      expect(found).not.toContain(b.number);
    }
    const similar = (await findSimilarIdeas({ actor: null, q: "Please add a dark theme" })).map((i) => i.number);
    expect(similar).not.toContain(b.number);
    const roadmap = await listRoadmap({});
    const shipped = roadmap.columns.find((c) => c.status === "shipped")!.ideas.map((i) => i.number);
    expect(shipped).toContain(a.number);
    expect(shipped).not.toContain(b.number);
    const changelog = (await listChangelog({ limit: 100 })).entries.map((e) => e.number);
    expect(changelog).toContain(a.number);
    expect(changelog).not.toContain(b.number);
  });

  it("shows B's comments on A, marked with B's number, and keeps them on B", async () => {
    const { staff, annA, bobB, a, b } = await pair();
    const onA = await addComment({ actor: annA, number: a.number, body: "On A" });
    const onB = await addComment({ actor: bobB, number: b.number, body: "On B" });
    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    const page = await getIdeaWithComments({ actor: null, number: a.number });
    const byId = new Map(page!.comments.map((c) => [c.id, c]));
    expect(byId.get(onA.id)!.fromNumber).toBeUndefined();
    expect(byId.get(onB.id)!.fromNumber).toBe(b.number);
    await unmergeIdea({ actor: staff, number: b.number });
    expect((await getIdeaWithComments({ actor: null, number: a.number }))!.comments.map((c) => c.id)).toEqual([onA.id]);
    expect((await getIdeaWithComments({ actor: null, number: b.number }))!.comments.map((c) => c.id)).toEqual([onB.id]);
  });

  it("makes B's followers follow A, except people who unfollowed A (or B)", async () => {
    const { staff, a, b, bobB } = await pair();
    const commenter = await createTestUser();
    await addComment({ actor: commenter, number: b.number, body: "Yes please" });
    const presser = await createTestUser();
    await followIdea({ actor: presser, number: b.number });
    const voter = await createTestUser();
    await setVote({ actor: voter, number: b.number, voted: true });
    const leftA = await createTestUser();
    await setVote({ actor: leftA, number: b.number, voted: true });
    await unfollowIdea({ actor: leftA, number: a.number });
    const leftB = await createTestUser();
    await setVote({ actor: leftB, number: b.number, voted: true });
    await unfollowIdea({ actor: leftB, number: b.number });

    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    for (const u of [bobB, commenter, presser, voter]) expect(await isFollowing({ userId: u.id, ideaId: a.id })).toBe(true);
    expect(await isFollowing({ userId: leftA.id, ideaId: a.id })).toBe(false);
    expect(await isFollowing({ userId: leftB.id, ideaId: a.id })).toBe(false);
  });

  it("merges into the final target of a merged idea; itself or a circle is a 422 with the API error shape", async () => {
    const { staff, a, b } = await pair();
    const c = await createTestIdea({ author: staff, title: "A third dark mode request" });
    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    const { intoNumber } = await mergeIdea({ actor: staff, number: c.number, into: b.number });
    expect(intoNumber).toBe(a.number);
    expect((await getIdea({ actor: null, number: c.number }))!.mergedInto!.number).toBe(a.number);

    const self = await errorOf(mergeIdea({ actor: staff, number: a.number, into: a.number }));
    expect(self.status).toBe(422);
    expect(self.body.error).toMatchObject({ code: "validation_failed", fields: { into: "An idea cannot be merged into itself." } });
    const circle = await errorOf(mergeIdea({ actor: staff, number: a.number, into: c.number }));
    expect(circle.status).toBe(422);
    expect(circle.body.error.fields.into).toMatch(/circle/);
    const again = await errorOf(mergeIdea({ actor: staff, number: b.number, into: a.number }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    expect((await errorOf(mergeIdea({ actor: staff, number: a.number, into: "x" }))).status).toBe(422);
    expect((await errorOf(mergeIdea({ actor: staff, number: a.number, into: 999999 }))).status).toBe(422);
    expect((await errorOf(mergeIdea({ actor: staff, number: 999999, into: a.number }))).status).toBe(404);
  });

  it("is staff only", async () => {
    const { annA, a, b } = await pair();
    expect((await errorOf(mergeIdea({ actor: annA, number: b.number, into: a.number }))).status).toBe(403);
    expect((await errorOf(mergeIdea({ actor: null, number: b.number, into: a.number }))).status).toBe(401);
    expect((await errorOf(unmergeIdea({ actor: annA, number: b.number }))).status).toBe(403);
  });

  it("keeps an audit trail on both timelines: who merged, who unmerged, when", async () => {
    const { staff, a, b } = await pair();
    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    await unmergeIdea({ actor: staff, number: b.number });
    const onA = await listMergeEntries({ ideaId: a.id });
    expect(onA.map((e) => [e.kind, e.other.number, e.actor.name])).toEqual([
      ["mergedIn", b.number, "Sam"],
      ["unmerged", b.number, "Sam"],
    ]);
    const onB = await listMergeEntries({ ideaId: b.id });
    expect(onB.map((e) => e.kind)).toEqual(["merged", "unmergedOut"]);
    expect(onB[0].at.getTime()).toBeLessThanOrEqual(onB[1].at.getTime());
  });

  it("sends a vote on B after the merge to A", async () => {
    const { staff, a, b } = await pair();
    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    const late = await createTestUser();
    const result = await setVote({ actor: late, number: b.number, voted: true });
    expect(result.voteCount).toBe(3);
    expect(await voterIds(a.id)).toContain(late.id);
    expect(await voterIds(b.id)).not.toContain(late.id);
  });
});

describe("unmergeIdea", () => {
  it("restores B exactly: A's count drops by the people who only voted for B; own votes, follows and comments stay", async () => {
    const { staff, a, b } = await pair();
    await addVoters(a.id, 2);
    await addVoters(b.id, 5);
    const both = await createTestUser();
    await setVote({ actor: both, number: a.number, voted: true });
    await setVote({ actor: both, number: b.number, voted: true });
    const presser = await createTestUser();
    await followIdea({ actor: presser, number: b.number });
    const aBefore = await voterIds(a.id);
    const bBefore = await voterIds(b.id);
    const aCount = (await getIdea({ actor: null, number: a.number }))!.voteCount;
    const bCount = (await getIdea({ actor: null, number: b.number }))!.voteCount;
    const [{ score: aScore }] = await queryRows<{ score: number }>(db, sql`SELECT trending_score AS score FROM ideas WHERE id = ${a.id}::int`);

    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    expect(await isFollowing({ userId: presser.id, ideaId: a.id })).toBe(true);
    const { votesRemoved } = await unmergeIdea({ actor: staff, number: b.number });
    expect(votesRemoved).toBe(1 + 5);

    expect(await voterIds(a.id)).toEqual(aBefore);
    expect(await voterIds(b.id)).toEqual(bBefore);
    expect((await getIdea({ actor: null, number: a.number }))!.voteCount).toBe(aCount);
    const reopened = await getIdea({ actor: null, number: b.number });
    expect(reopened!.voteCount).toBe(bCount);
    expect(reopened!.mergedInto).toBeNull();
    const [{ score }] = await queryRows<{ score: number }>(db, sql`SELECT trending_score AS score FROM ideas WHERE id = ${a.id}::int`);
    expect(Math.abs(Number(score) - Number(aScore)) / Number(aScore)).toBeLessThan(1e-9);
    expect(await isFollowing({ userId: presser.id, ideaId: a.id })).toBe(false);
    expect(await isFollowing({ userId: presser.id, ideaId: b.id })).toBe(true);
    expect((await listIdeas({ actor: null, sort: "new", limit: 100 })).ideas.map((i) => i.number)).toContain(b.number);
    expect((await findCountDrift()).drifted).toEqual([]);
    expect((await errorOf(unmergeIdea({ actor: staff, number: b.number }))).status).toBe(422);
  });

  it("keeps a person's own follow or unfollow of A pressed after the merge", async () => {
    const { staff, a, b } = await pair();
    const voter = await createTestUser();
    await setVote({ actor: voter, number: b.number, voted: true });
    const presser = await createTestUser();
    await followIdea({ actor: presser, number: b.number });
    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    await followIdea({ actor: presser, number: a.number });
    await unmergeIdea({ actor: staff, number: b.number });
    expect(await isFollowing({ userId: presser.id, ideaId: a.id })).toBe(true);
    expect(await isFollowing({ userId: voter.id, ideaId: a.id })).toBe(false);
  });

  it("refuses to unmerge C while the idea it was merged into is merged itself", async () => {
    const { staff, a, b } = await pair();
    const c = await createTestIdea({ author: staff });
    await mergeIdea({ actor: staff, number: c.number, into: b.number });
    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    const refused = await errorOf(unmergeIdea({ actor: staff, number: c.number }));
    expect(refused.status).toBe(422);
    await unmergeIdea({ actor: staff, number: b.number });
    await unmergeIdea({ actor: staff, number: c.number });
    expect((await findCountDrift()).drifted).toEqual([]);
  });
});

describe("merge notifications", () => {
  it("tell B's followers exactly once, in the app and by email per their settings, and unmerging tells nobody", async () => {
    const smtp = await useSink();
    const { staff, a, b, bobB } = await pair();
    const quiet = await createTestUser({ name: "Quinn" });
    await updateNotificationSettings({ actor: quiet, emailOnStatusChange: false });
    await setVote({ actor: quiet, number: b.number, voted: true });
    const onlyA = await createTestUser();
    await setVote({ actor: onlyA, number: a.number, voted: true });

    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    await processNotifications();
    await processNotifications();
    const messages = await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.map((m) => m.envelope.to[0])).toEqual([bobB.email]);
    const mail = messages[0];
    expect(mail.subject).toBe("“Please add a dark theme” was merged into “Dark mode for the whole app”");
    expect(mail.text).toContain("you will hear when it ships");
    expect(mail.text).toContain(`/ideas/${a.number}/`);

    const bobs = (await listNotifications({ actor: bobB })).notifications;
    expect(bobs).toHaveLength(1);
    expect(bobs[0]).toMatchObject({ kind: "merged", sourceTitle: "Please add a dark theme", idea: { number: a.number } });
    expect((await listNotifications({ actor: quiet })).notifications.map((n) => n.kind)).toEqual(["merged"]);
    expect((await listNotifications({ actor: onlyA })).notifications).toHaveLength(0);

    await unmergeIdea({ actor: staff, number: b.number });
    await processNotifications();
    expect((await listNotifications({ actor: bobB })).notifications).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  });

  it("when A ships, everyone who followed A or B gets exactly one email (a real SMTP server counts)", async () => {
    const smtp = await useSink();
    const { staff, a, b, annA, bobB } = await pair();
    const aVoters = await addVoters(a.id, 30);
    const bVoters = await addVoters(b.id, 30);
    const both = await createTestUser();
    await setVote({ actor: both, number: a.number, voted: true });
    await setVote({ actor: both, number: b.number, voted: true });
    const bCommenter = await createTestUser();
    await addComment({ actor: bCommenter, number: b.number, body: "Me too" });
    await mergeIdea({ actor: staff, number: b.number, into: a.number });
    await processNotifications();
    // Only the ship mail is counted below.
    await smtp.waitFor(1 + 30 + 1 + 1);
    await new Promise((r) => setTimeout(r, 300));
    const mergeMails = smtp.messages.length;

    await setIdeaStatus({ actor: staff, number: a.number, status: "shipped" });
    const expected = 2 + 30 + 30 + 1 + 1; // both authors, both voter sets, the person on both, B's commenter
    for (let i = 0; i < 5 && smtp.messages.length < mergeMails + expected; i++) await processNotifications();
    await smtp.waitFor(mergeMails + expected);
    await new Promise((r) => setTimeout(r, 500));
    const shipMails = smtp.messages.slice(mergeMails).filter((m) => m.subject?.startsWith("Shipped"));
    const counts = new Map<string, number>();
    for (const m of shipMails) counts.set(m.envelope.to[0], (counts.get(m.envelope.to[0]) ?? 0) + 1);
    expect(shipMails).toHaveLength(expected);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const emails = await queryRows<{ id: number; email: string }>(
      db,
      sql`SELECT id, email FROM users WHERE id IN (${sql.join([...aVoters, ...bVoters, both.id, bCommenter.id, annA.id, bobB.id].map((id) => sql`${id}::int`), sql`, `)})`,
    );
    expect(new Set(counts.keys())).toEqual(new Set(emails.map((e) => e.email)));
  });
});

describe("merging at the same time as other writes (real parallel transactions on PostgreSQL)", () => {
  it("two staff merging the same pair at once: one wins, the other gets a clean 409, counts right", async () => {
    const { staff, a, b } = await pair();
    const other = await createTestUser({ role: "staff" });
    await addVoters(a.id, 20);
    await addVoters(b.id, 20);
    const results = await Promise.allSettled([
      mergeIdea({ actor: staff, number: b.number, into: a.number }),
      mergeIdea({ actor: other, number: b.number, into: a.number }),
      mergeIdea({ actor: other, number: a.number, into: b.number }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason).toBeInstanceOf(AppError);
        expect([409, 422]).toContain((r.reason as AppError).status);
      }
    }
    const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM idea_merges WHERE unmerged_at IS NULL AND idea_id IN (${a.id}::int, ${b.id}::int)`);
    expect(Number(n)).toBe(1);
    const survivor = (await getIdea({ actor: null, number: a.number }))!.mergedInto ? b : a;
    expect((await getIdea({ actor: null, number: survivor.number }))!.voteCount).toBe(1 + 20 + 1 + 20);
    expect((await findCountDrift()).drifted).toEqual([]);
    const [{ events }] = await queryRows<{ events: number }>(db, sql`SELECT count(*)::int AS events FROM notification_events WHERE kind = 'merged' AND idea_id IN (${a.id}::int, ${b.id}::int)`);
    expect(Number(events)).toBe(1);
  });

  it("votes cast on A and on B while the merge runs are all counted once on A, and counts equal rows", async () => {
    const { staff, a, b } = await pair();
    await addVoters(a.id, 50);
    await addVoters(b.id, 50);
    const people = await Promise.all(Array.from({ length: 24 }, () => createTestUser()));
    const operations = [
      ...people.slice(0, 12).map((p) => () => setVote({ actor: p, number: b.number, voted: true })),
      ...people.slice(12).map((p) => () => setVote({ actor: p, number: a.number, voted: true })),
    ];
    const merge = mergeIdea({ actor: staff, number: b.number, into: a.number });
    const votes = operations.map((op) => op());
    const results = await Promise.allSettled([merge, ...votes]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);

    const onA = new Set(await voterIds(a.id));
    for (const p of people) expect(onA.has(p.id)).toBe(true);
    expect((await getIdea({ actor: null, number: a.number }))!.voteCount).toBe(onA.size);
    expect(onA.size).toBe(1 + 50 + 1 + 50 + 24);
    expect((await findCountDrift()).drifted).toEqual([]);
  });

  it.skipIf(testDriver() !== "postgres")(
    "a vote that arrives while the merge holds both ideas waits, then counts on A (postgres: the merge is held mid-way)",
    async () => {
      const { staff, a, b } = await pair();
      await addVoters(b.id, 10);
      const onB = await Promise.all(Array.from({ length: 3 }, () => createTestUser()));
      const onA = await Promise.all(Array.from({ length: 3 }, () => createTestUser()));
      const locker = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      const waitingOn = async (pattern: string) =>
        Number(
          (
            await queryRows<{ n: number }>(
              db,
              sql`SELECT count(*)::int AS n FROM pg_stat_activity
                  WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE ${pattern}`,
            )
          )[0].n,
        );
      const until = async (pattern: string, n: number) => {
        const deadline = Date.now() + 10_000;
        while ((await waitingOn(pattern)) < n) {
          if (Date.now() > deadline) throw new Error(`expected ${n} backend(s) waiting on a lock (${pattern})`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      try {
        // The merge locks A and B and copies B's votes, then waits to write its audit row.
        const held = await locker.reserve();
        await held`BEGIN`;
        await held`LOCK TABLE idea_merges IN SHARE MODE`;
        const merging = mergeIdea({ actor: staff, number: b.number, into: a.number });
        await until("%INSERT INTO idea_merges%", 1);
        // Votes on B and on A now, while the merge is uncommitted: they must wait for it.
        const voting = Promise.all([
          ...onB.map((p) => setVote({ actor: p, number: b.number, voted: true })),
          ...onA.map((p) => setVote({ actor: p, number: a.number, voted: true })),
        ]);
        await until("%votes%", onB.length + onA.length);
        await held`ROLLBACK`;
        held.release();
        await merging;
        await voting;
      } finally {
        await locker.end({ timeout: 5 });
      }
      const voters = new Set(await voterIds(a.id));
      for (const p of [...onB, ...onA]) expect(voters.has(p.id)).toBe(true);
      expect((await getIdea({ actor: null, number: a.number }))!.voteCount).toBe(voters.size);
      expect(voters.size).toBe(1 + 1 + 10 + 3 + 3);
      // The late votes on B went to A, not to the closed idea.
      for (const p of onB) expect(await voterIds(b.id)).not.toContain(p.id);
      expect((await findCountDrift()).drifted).toEqual([]);
    },
  );
});
