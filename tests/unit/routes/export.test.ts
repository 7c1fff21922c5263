import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "~/lib/csv";
import { addComment } from "~/models/comments.server";
import { upsertCompany } from "~/models/companies.server";
import { exportCsv } from "~/models/data-export.server";
import { hideIdea } from "~/models/moderation.server";
import { addVoteOnBehalf, setVoteImportance } from "~/models/votes-on-behalf.server";
import { setVote } from "~/models/votes.server";
import { loader as exportLoader } from "~/routes/api.v1.export.$file";
import { call, contextFor, ORIGIN } from "../../setup/remix";
import { testDriver } from "../../setup/db";
import { createTestIdea, createTestUser } from "../../setup/factories";

let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;
type User = Awaited<ReturnType<typeof createTestUser>>;

const download = (user: User | null, file: string) =>
  call(exportLoader, { request: new Request(`${ORIGIN}/api/v1/export/${file}`), context: contextFor(user), params: { file } });

/** The records of a CSV export, read back by csv-parse (an independent reader), keyed by header. */
function records(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true, relax_column_count: false });
}

describe("writing CSV", () => {
  it("quotes fields with commas, quotes and line breaks (RFC 4180), and ends records with CRLF", () => {
    expect(csvRecord(["plain", "a,b", 'say "hi"', "two\nlines", "cr\rhere", 7, null, true])).toBe('plain,"a,b","say ""hi""","two\nlines","cr\rhere",7,,true\r\n');
    expect(csvField(new Date("2026-12-01T10:00:00Z"))).toBe("2026-12-01T10:00:00.000Z");
  });

  it("puts an apostrophe before text a spreadsheet would compute (= + - @ tab CR), and leaves numbers alone", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+33 1 23")).toBe("'+33 1 23");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField("\r=1")).toBe("\"'\r=1\"");
    expect(csvField('=HYPERLINK("http://x.example","go")')).toBe('"\'=HYPERLINK(""http://x.example"",""go"")"');
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField(-2)).toBe("-2");
  });
});

describe("GET /api/v1/export/*.csv", () => {
  it("is for staff: 401 signed out, 403 for members, 404 for another file", async () => {
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    for (const file of ["ideas.csv", "votes.csv", "comments.csv"]) {
      expect((await download(null, file)).status).toBe(401);
      const refused = await download(member, file);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.code).toBe("forbidden");
    }
    expect((await download(staff, "users.csv")).status).toBe(404);
    expect((await download(staff, "ideas.json")).status).toBe(404);
  });

  it("ideas.csv: every idea with its markdown, board, status, author, counts and demand figures; hidden ones marked; formulas defused", async () => {
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const domain = `exp${uniq()}.example`;
    await upsertCompany({ actor: staff, externalId: `exp-${uniq()}`, body: { name: "Acme", monthlyRevenueCents: 1_250_50, domains: [domain] } });
    const customer = await createTestUser({ email: `ann@${domain}`, name: "Ann" });
    const author = await createTestUser({ name: "Bob, the \"builder\"" });
    const body = "# Why\n\n- one, two\n- \"three\"\n\nملاحظات العملاء";
    const idea = await createTestIdea({ author, title: '=HYPERLINK("http://evil.example","click")', body });
    await setVote({ actor: customer, number: idea.number, voted: true });
    await setVoteImportance({ actor: customer, number: idea.number, importance: "must_have" });
    await addVoteOnBehalf({ actor: staff, number: idea.number, email: `cid@${domain}`, name: "Cid" });
    const hidden = await createTestIdea({ author, title: "Spam here" });
    await hideIdea({ actor: staff, number: hidden.number, reason: "spam" });

    const response = await download(staff, "ideas.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="loopboard-ideas-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toBe("number,title,body,board,status,author,author_email,created_at,votes,comments,companies,monthly_revenue,must_haves,hidden,merged_into");
    const rows = records(text);
    const row = rows.find((r) => r.number === String(idea.number))!;
    expect(row).toMatchObject({
      title: `'=HYPERLINK("http://evil.example","click")`,
      body,
      board: idea.board.slug,
      status: "open",
      author: 'Bob, the "builder"',
      author_email: author.email,
      votes: "3",
      comments: "0",
      companies: "1",
      monthly_revenue: "1250.50",
      must_haves: "1",
      hidden: "false",
      merged_into: "",
    });
    expect(new Date(row.created_at).getTime()).toBe(new Date(idea.createdAt).getTime());
    expect(rows.find((r) => r.number === String(hidden.number))).toMatchObject({ hidden: "true", title: "Spam here" });
  });

  it("votes.csv and comments.csv: voters with their companies, importance and who added them; comments with internal notes marked", async () => {
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const domain = `vot${uniq()}.example`;
    await upsertCompany({ actor: staff, externalId: `vot-${uniq()}`, body: { name: "Beta GmbH", monthlyRevenueCents: 99_00, domains: [domain] } });
    const author = await createTestUser({ name: "Ada" });
    const idea = await createTestIdea({ author });
    await addVoteOnBehalf({ actor: staff, number: idea.number, email: `olive@${domain}`, name: "Olive", note: "call, 2026-12-01" });
    const publicComment = await addComment({ actor: author, number: idea.number, body: "@everyone look" });
    const note = await addComment({ actor: staff, number: idea.number, body: "Internal: Beta asks weekly", internal: true });

    const votes = records(await (await download(staff, "votes.csv")).text()).filter((r) => r.idea === String(idea.number));
    expect(votes).toEqual([
      expect.objectContaining({ voter: "Ada", voter_email: author.email, company: "", importance: "", added_by: "", note: "" }),
      expect.objectContaining({ voter: "Olive", voter_email: `olive@${domain}`, company: "Beta GmbH", added_by: "Sam", note: "call, 2026-12-01" }),
    ]);
    expect(Number.isNaN(Date.parse(votes[1].voted_at))).toBe(false);

    const comments = records(await (await download(staff, "comments.csv")).text()).filter((r) => r.idea === String(idea.number));
    expect(comments).toEqual([
      expect.objectContaining({ id: String(publicComment.id), author: "Ada", body: "'@everyone look", internal: "false", staff: "false", hidden: "false", reply_to: "" }),
      expect.objectContaining({ id: String(note.id), author: "Sam", body: "Internal: Beta asks weekly", internal: "true", staff: "true" }),
    ]);
  });

  it("streams in batches: rows are read a batch at a time as the reader takes them, and every row comes out once, in order", async () => {
    const staff = await createTestUser({ role: "staff" });
    const author = await createTestUser();
    for (let i = 0; i < 7; i++) await createTestIdea({ author, title: `Batch idea ${i}, "quoted"` });
    const { stream } = exportCsv({ actor: staff, table: "ideas", batchSize: 2 });
    const reader = stream.getReader();
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const chunks: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(decoder.decode(value));
    }
    // The header, then one chunk per batch of at most 2 rows.
    expect(chunks[0].startsWith("\uFEFFnumber,title")).toBe(true);
    const bodies = chunks.slice(1);
    for (const chunk of bodies.slice(0, -1)) expect(records(chunks[0] + chunk)).toHaveLength(2);
    const rows = records(chunks.join(""));
    expect(rows.length).toBeGreaterThan(7);
    expect(bodies.length).toBe(Math.ceil(rows.length / 2));
    const numbers = rows.map((r) => Number(r.number));
    expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b));
    expect(rows.filter((r) => r.title.startsWith("Batch idea")).map((r) => r.title)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Batch idea ${i}, "quoted"`));
  });

  it("reads nothing before the reader asks: a cancelled download stops after the batch in hand", async () => {
    const staff = await createTestUser({ role: "staff" });
    const author = await createTestUser();
    for (let i = 0; i < 3; i++) await createTestIdea({ author });
    const { stream } = exportCsv({ actor: staff, table: "ideas", batchSize: 1 });
    const reader = stream.getReader();
    expect((await reader.read()).value).toBeDefined();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.split("\r\n").filter(Boolean)).toHaveLength(1);
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });

  it.skipIf(testDriver() !== "postgres")(
    "on PostgreSQL the file is one snapshot: an idea posted during the download is not in it, and a cancelled download frees its connection",
    async () => {
      const staff = await createTestUser({ role: "staff" });
      const author = await createTestUser();
      for (let i = 0; i < 3; i++) await createTestIdea({ author, title: `Snapshot idea ${i}` });
      const { stream } = exportCsv({ actor: staff, table: "ideas", batchSize: 1 });
      const reader = stream.getReader();
      const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
      const chunks = [decoder.decode((await reader.read()).value), decoder.decode((await reader.read()).value)];
      const late = await createTestIdea({ author, title: `Posted during the download ${uniq()}` });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(decoder.decode(value));
      }
      const titles = records(chunks.join("")).map((r) => r.title);
      expect(titles).toEqual(expect.arrayContaining(["Snapshot idea 0", "Snapshot idea 1", "Snapshot idea 2"]));
      expect(titles).not.toContain(late.title);

      // Many downloads cancelled after their first batch: each ends its transaction, so the pool
      // (10 connections) still answers.
      for (let i = 0; i < 15; i++) {
        const cancelled = exportCsv({ actor: staff, table: "votes", batchSize: 1 }).stream.getReader();
        await cancelled.read();
        await cancelled.read();
        await cancelled.cancel();
      }
      const after = await download(staff, "ideas.csv");
      expect(records(await after.text()).map((r) => r.title)).toContain(late.title);
    },
  );
});

