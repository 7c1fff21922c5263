import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, queryRows } from "~/lib/db.server";
import { importData } from "~/models/data-import.server";
import { listFollowers } from "~/models/followers.server";
import { deleteIdea } from "~/models/ideas.server";
import { parseMapping } from "~/models/import-rows.server";
import { voteWeight } from "~/models/votes.server";
import { createTestUser } from "../../setup/factories";
import { errorOf } from "../../setup/errors";

const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, "../../fixtures/import", name), "utf8");
let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;

interface IdeaRow { id: number; number: number; title: string; body: string; status: string; board: string; author: string; vote_count: number; comment_count: number; triaged: boolean }
async function ideaTitled(title: string): Promise<IdeaRow | undefined> {
  const [row] = await queryRows<IdeaRow>(
    db,
    sql`SELECT i.id, i.number, i.title, i.body, i.status, b.name AS board, u.email AS author, i.vote_count, i.comment_count, i.triaged_at IS NOT NULL AS triaged
        FROM ideas i JOIN boards b ON b.id = i.board_id JOIN users u ON u.id = i.author_id WHERE i.title = ${title}`,
  );
  return row;
}
const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(db, query))[0].n);

describe("importing a Canny export", () => {
  it("brings ideas with their boards, statuses, authors and voters (who follow them), then votes and comments; a second run changes nothing", async () => {
    const admin = await createTestUser({ role: "admin" });
    const events = await count(sql`SELECT count(*)::int AS n FROM notification_events`);
    const seen: number[] = [];
    const posts = await importData({ actor: admin, text: fixture("canny-posts.csv"), format: "canny", onProgress: (done) => seen.push(done) });
    expect(posts).toMatchObject({ ok: true, dryRun: false, ignoredColumns: [] });
    expect(posts.ok && posts.counts).toEqual({ ideas: 3, votes: 3, comments: 0, unchanged: 0, boards: 2, statuses: 2, people: 3, contacts: 3 });
    expect(posts.ok && posts.preview.map((r) => [r.line, r.type])).toEqual([[3, "idea"], [4, "idea"], [5, "idea"]]);
    expect(seen).toEqual([3]);

    const dark = (await ideaTitled("Dark mode"))!;
    expect(dark).toMatchObject({ body: "Our team works at night.\nPlease add a dark theme.", status: "planned", board: "Feature Requests", author: "ann@acme.example", vote_count: 3, triaged: true });
    expect(await ideaTitled("Export to PDF, with logos")).toMatchObject({ status: "shipped", board: "Reports", vote_count: 2 });
    expect(await ideaTitled("=SUM(A1) in the title")).toMatchObject({ status: "open", vote_count: 1 });
    // The status is on record, told to nobody; voters without an account are contacts, and follow.
    const [change] = await queryRows<{ to_status: string; notified: boolean; actor_id: number }>(db, sql`SELECT to_status, notified, actor_id FROM status_changes WHERE idea_id = ${dark.id}`);
    expect(change).toEqual({ to_status: "planned", notified: false, actor_id: admin.id });
    expect(await count(sql`SELECT count(*)::int AS n FROM notification_events`)).toBe(events);
    const [cid] = await queryRows<{ is_contact: boolean; name: string }>(db, sql`SELECT is_contact, name FROM users WHERE email = 'cid@acme.example'`);
    expect(cid).toEqual({ is_contact: true, name: "cid" });
    const followers = await listFollowers({ actor: admin, number: dark.number });
    expect(followers.followers.map((f) => f.email).sort()).toEqual(["ann@acme.example", "bob@beta.example", "cid@acme.example"]);

    const more = await importData({ actor: admin, text: fixture("canny-votes-comments.csv"), format: "canny" });
    expect(more).toMatchObject({ ok: true, counts: { ideas: 0, votes: 1, comments: 2, unchanged: 0 } });
    expect(await ideaTitled("=SUM(A1) in the title")).toMatchObject({ vote_count: 2 });
    expect(await ideaTitled("Dark mode")).toMatchObject({ comment_count: 1 });
    const comments = await queryRows<{ body: string; email: string; created_at: Date | string }>(
      db,
      sql`SELECT c.body, u.email, c.created_at FROM comments c JOIN users u ON u.id = c.author_id JOIN ideas i ON i.id = c.idea_id WHERE i.title IN ('Dark mode', 'Export to PDF, with logos') ORDER BY c.id`,
    );
    expect(comments.map((c) => [c.body, c.email])).toEqual([["Still needed, \"badly\".", "ann@acme.example"], ["Shipped in 4.2.", admin.email]]);
    expect(new Date(comments[0].created_at).toISOString()).toBe("2026-03-05T12:00:00.000Z");

    const again = await importData({ actor: admin, text: fixture("canny-posts.csv"), format: "canny" });
    expect(again).toMatchObject({ ok: true, counts: { ideas: 0, votes: 0, comments: 0, unchanged: 6, boards: 0 } });
    expect(await importData({ actor: admin, text: fixture("canny-votes-comments.csv"), format: "canny" })).toMatchObject({ ok: true, counts: { votes: 0, comments: 0, unchanged: 3 } });
    expect(await count(sql`SELECT count(*)::int AS n FROM ideas WHERE title = 'Dark mode'`)).toBe(1);
  });
});

describe("importing Fider's export and any CSV", () => {
  it("Fider: its statuses read as ours, the importing admin stands in for authors it names without an address", async () => {
    const admin = await createTestUser({ role: "admin" });
    const result = await importData({ actor: admin, text: fixture("fider-posts.csv"), format: "fider" });
    expect(result).toMatchObject({ ok: true, counts: { ideas: 3, votes: 0 }, ignoredColumns: ["votes_count", "comments_count", "responded_by", "responded_at", "response", "original_number", "original_title", "tags"] });
    expect(await ideaTitled("Go is fast")).toMatchObject({ status: "declined", author: admin.email, board: expect.stringMatching(/^feature requests$/i), vote_count: 1 });
    expect(await ideaTitled("Go is easy")).toMatchObject({ status: "in_progress" });
  });

  it("a CSV mapped column by column with column=field", async () => {
    const admin = await createTestUser({ role: "admin" });
    const mapping = parseMapping("Ticket=id, Summary=title, Text=body, Requester=email, Stage=status, Upvoters=voters");
    expect(mapping.ok).toBe(true);
    const result = await importData({ actor: admin, text: fixture("generic.csv"), format: "csv", mapping: mapping.ok ? mapping.mapping : {} });
    expect(result).toMatchObject({ ok: true, counts: { ideas: 2, votes: 2 } });
    expect(await ideaTitled("Single sign-on")).toMatchObject({ status: "under_review", author: "ops@gamma.example", body: "SAML please.", vote_count: 3 });
    expect(parseMapping("Ticket=nothing")).toEqual({ ok: false, message: expect.stringContaining('"nothing" is not a field') });
  });
});

describe("a file larger than a batch", () => {
  it("is written batch by batch, ideas before a vote and a comment that come earlier in the file, with counters equal to the rows", async () => {
    const admin = await createTestUser({ role: "admin" });
    const k = uniq();
    const text = [
      "type,id,idea,title,body,email,voters",
      `vote,,b-${k}-1,,,early-${k}@example.com,`,
      `comment,c-${k},b-${k}-3,,Before its idea,,`,
      ...[1, 2, 3, 4, 5].map((i) => `idea,b-${k}-${i},,Batch ${k} ${i},,,v-${k}@example.com`),
    ].join("\n");
    const seen: number[] = [];
    const result = await importData({ actor: admin, text, format: "csv", batchSize: 2, onProgress: (done, total) => seen.push(done, total) });
    expect(result).toMatchObject({ ok: true, counts: { ideas: 5, votes: 6, comments: 1, unchanged: 0, people: 2, contacts: 2 } });
    // Five ideas in batches of two, then the vote and the comment: each call says rows done and rows in all.
    expect(seen).toEqual([2, 7, 4, 7, 5, 7, 7, 7]);
    const first = (await ideaTitled(`Batch ${k} 1`))!;
    expect(first).toMatchObject({ vote_count: 3 });
    expect(await ideaTitled(`Batch ${k} 3`)).toMatchObject({ comment_count: 1, vote_count: 2 });
    const drift = await count(sql`SELECT count(*)::int AS n FROM ideas i WHERE i.title LIKE ${`Batch ${k} %`}
      AND (i.vote_count <> (SELECT count(*) FROM votes v WHERE v.idea_id = i.id) OR i.comment_count <> (SELECT count(*) FROM comments c WHERE c.idea_id = i.id)
           OR abs(i.trending_score - (SELECT sum(${voteWeight(sql`v.created_at`)}) FROM votes v WHERE v.idea_id = i.id)) > 1e-9 * i.trending_score)`);
    expect(drift).toBe(0);
    const numbers = await queryRows<{ number: number }>(db, sql`SELECT number FROM ideas WHERE title LIKE ${`Batch ${k} %`} ORDER BY title`);
    expect(numbers.map((r) => r.number)).toEqual([...numbers.map((r) => r.number)].sort((a, b) => a - b));
  });
});

describe("what an import refuses", () => {
  it("reports every bad row with its line and writes nothing", async () => {
    const admin = await createTestUser({ role: "admin" });
    const result = await importData({ actor: admin, text: fixture("bad.csv"), format: "csv" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7]);
    expect(result.problems[1].message).toMatch(/^email:/);
    expect(result.problems[2].message).toMatch(/^status: "someday"/);
    expect(result.problems[4].message).toBe('The idea id "a1" is already on line 2.');
    expect(await ideaTitled("Fine idea")).toBeUndefined();

    const orphan = await importData({ actor: admin, text: `type,idea,email\nvote,nowhere-${uniq()},x@example.com\n`, format: "csv" });
    expect(orphan).toEqual({ ok: false, problems: [{ line: 2, code: "unknownIdea", params: { id: expect.stringMatching(/^nowhere-/) }, message: expect.stringMatching(/^idea: no idea with the id "nowhere-/) }] });
  });

  it("all or nothing: a row the writing refuses takes back the rows before it", async () => {
    const admin = await createTestUser({ role: "admin" });
    const gone = `gone-${uniq()}`;
    expect(await importData({ actor: admin, text: `id,title\n${gone},Soon deleted ${gone}\n`, format: "csv" })).toMatchObject({ ok: true });
    await deleteIdea({ actor: admin, number: (await ideaTitled(`Soon deleted ${gone}`))!.number });
    const fresh = `fresh-${uniq()}`;
    const result = await importData({ actor: admin, text: `type,id,idea,title,body\nidea,${fresh},,New ${fresh},\ncomment,c-${fresh},${gone},,Hello\n`, format: "csv" });
    expect(result).toEqual({ ok: false, problems: [{ line: 3, code: "deletedIdea", params: { id: gone }, message: `idea: the idea "${gone}" was deleted since it was imported.` }] });
    expect(await ideaTitled(`New ${fresh}`)).toBeUndefined();
  });

  it("a dry run counts what it would do and leaves nothing", async () => {
    const admin = await createTestUser({ role: "admin" });
    const id = `dry-${uniq()}`;
    const result = await importData({ actor: admin, text: `id,title,voters\n${id},Dry ${id},v-${id}@example.com\n`, format: "csv", dryRun: true });
    expect(result).toMatchObject({ ok: true, dryRun: true, counts: { ideas: 1, votes: 1 } });
    expect(await ideaTitled(`Dry ${id}`)).toBeUndefined();
    expect(await count(sql`SELECT count(*)::int AS n FROM users WHERE email = ${`v-${id}@example.com`}`)).toBe(0);
  });

  it("is for admins: staff and members 403, nobody 401", async () => {
    for (const role of ["staff", "member"] as const) {
      expect((await errorOf(importData({ actor: await createTestUser({ role }), text: "id,title\nx,y\n", format: "csv" }))).status).toBe(403);
    }
    expect((await errorOf(importData({ actor: null, text: "id,title\nx,y\n", format: "csv" }))).status).toBe(401);
  });
});
