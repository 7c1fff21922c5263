import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, queryRows } from "~/lib/db.server";
import { IMPORT_FILE_MAX_BYTES, sweepImportFiles } from "~/models/import-uploads.server";
import { action, loader } from "~/routes/admin.import";
import { action as apiAction } from "~/routes/api.v1.import";
import { call, contextFor, formRequest, ORIGIN } from "../../setup/remix";
import { createTestUser } from "../../setup/factories";

type User = Awaited<ReturnType<typeof createTestUser>>;
let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;

const count = async (table: string) => Number((await queryRows<{ n: number }>(db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0].n);
const everything = async () => ({ ideas: await count("ideas"), votes: await count("votes"), users: await count("users"), comments: await count("comments"), boards: await count("boards"), statuses: await count("status_changes"), records: await count("imported_records") });

function uploadRequest(file: File | null, format = "canny"): Request {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("format", format);
  if (file) form.set("file", file);
  return new Request(`${ORIGIN}/admin/import`, { method: "POST", body: form, headers: { origin: ORIGIN } });
}

async function upload(user: User, text: string, format = "canny"): Promise<string> {
  const response = await call(action, { request: uploadRequest(new File([text], "export.csv", { type: "text/csv" }), format), context: contextFor(user) });
  expect(response.status).toBe(302);
  const id = new URL(response.headers.get("location")!, ORIGIN).searchParams.get("upload");
  expect(id).toMatch(/^[\w-]{24}$/);
  return id!;
}

const page = (user: User | null, id?: string) => call(loader, { request: new Request(`${ORIGIN}/admin/import${id ? `?upload=${id}` : ""}`), context: contextFor(user) });

function step(user: User, id: string, intent: "dryRun" | "import", fields: string[]) {
  const body = new URLSearchParams([["intent", intent], ...fields.map((f) => ["fields[]", f])]);
  const request = new Request(`${ORIGIN}/admin/import?upload=${id}`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } });
  return call(action, { request, context: contextFor(user) });
}

/** A Canny posts export with ids and voters of its own, and one bad row (line 4: a voter that is not an address). */
function cannyExport(tag: string, withBadRow = false): string {
  return [
    "ID,Title,Details,Board,Status,Author Name,Author Email,Created At,Voters",
    `${tag}-1,Dark mode ${tag},Please.,Board ${tag},planned,Ann,ann-${tag}@acme.example,2026-03-01T10:00:00Z,"v1-${tag}@beta.example, v2-${tag}@beta.example"`,
    `${tag}-2,Offline ${tag},,Board ${tag},open,Bob,bob-${tag}@beta.example,2026-03-02T10:00:00Z,v1-${tag}@beta.example`,
    ...(withBadRow ? [`${tag}-3,Broken ${tag},,Board ${tag},open,Cid,cid-${tag}@acme.example,,not-an-address`] : []),
  ].join("\n");
}

describe("/admin/import", () => {
  it("is for admins: signed out goes to sign in, members and staff get 403 on the page and on every post", async () => {
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const admin = await createTestUser({ role: "admin" });
    const signedOut = await page(null);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Fimport");
    const id = await upload(admin, cannyExport(uniq()));
    for (const user of [member, staff]) {
      expect((await page(user)).status).toBe(403);
      expect((await page(user, id)).status).toBe(403);
      const file = new File([cannyExport(uniq())], "export.csv", { type: "text/csv" });
      expect((await call(action, { request: uploadRequest(file), context: contextFor(user) })).status).toBe(403);
      expect((await step(user, id, "dryRun", ["id", "title"])).status).toBe(403);
    }
  });

  it("refuses a bad file with a message on the file field: none, empty, not CSV, binary, too big, and an unknown format", async () => {
    const admin = await createTestUser({ role: "admin" });
    const refusal = async (request: Request) => {
      const response = await call(action, { request, context: contextFor(admin) });
      return { status: response.status, body: await response.json() };
    };
    const none = await refusal(uploadRequest(null));
    expect(none).toMatchObject({ status: 422, body: { errors: { file: "Choose a CSV file: this one is empty." } } });
    expect(await refusal(uploadRequest(new File([""], "empty.csv", { type: "text/csv" })))).toMatchObject({ status: 422, body: { errors: { file: "Choose a CSV file: this one is empty." } } });
    const notCsv = { status: 422, body: { errors: { file: "This is not a CSV file. Export the data as CSV (comma-separated, UTF-8) and try again." } } };
    expect(await refusal(uploadRequest(new File(["%PDF-1.7 ..."], "export.pdf", { type: "application/pdf" })))).toMatchObject(notCsv);
    expect(await refusal(uploadRequest(new File([new Uint8Array([0x49, 0x44, 0x0a, 0xff, 0xfe, 0x00])], "export.csv", { type: "text/csv" })))).toMatchObject(notCsv);
    const tooLarge = "The file is larger than 10 MB. Split it (ideas first, then votes and comments) and import each part.";
    // Just over the limit, the file is read and refused; far over it, the post is refused unread.
    const over = await refusal(uploadRequest(new File(["ID,Title\n", "x".repeat(IMPORT_FILE_MAX_BYTES)], "big.csv", { type: "text/csv" })));
    expect(over).toMatchObject({ status: 422, body: { errors: { file: tooLarge } } });
    const farOver = await refusal(uploadRequest(new File(["ID,Title\n", "x".repeat(IMPORT_FILE_MAX_BYTES + 128 * 1024)], "big.csv", { type: "text/csv" })));
    expect(farOver).toMatchObject({ status: 413, body: { errors: { file: tooLarge } } });
    const format = await refusal(uploadRequest(new File([cannyExport(uniq())], "export.csv", { type: "text/csv" }), "trello"));
    expect(format).toMatchObject({ status: 422, body: { errors: { format: "Choose Canny, Fider or another CSV file." } } });
    // In the admin's language.
    const arabic = await call(action, { request: uploadRequest(null), context: contextFor({ ...admin, locale: "ar", chosenLocale: "ar" }) });
    expect((await arabic.json()).errors.file).toBe("اختر ملف CSV: هذا الملف فارغ.");
  });

  it("shows the file's columns with the format's mapping; a dry run counts what it would create, previews rows and names bad lines, and writes nothing", async () => {
    const admin = await createTestUser({ role: "admin" });
    const tag = uniq();
    const id = await upload(admin, cannyExport(tag));
    const shown = await (await page(admin, id)).json();
    expect(shown.staged.columns).toEqual([
      { name: "ID", field: "id" }, { name: "Title", field: "title" }, { name: "Details", field: "body" }, { name: "Board", field: "board" }, { name: "Status", field: "status" },
      { name: "Author Name", field: "name" }, { name: "Author Email", field: "email" }, { name: "Created At", field: "created_at" }, { name: "Voters", field: "voters" },
    ]);
    const fields = shown.staged.columns.map((c: { field: string }) => c.field);
    const before = await everything();
    const dry = await step(admin, id, "dryRun", fields);
    expect(dry.status).toBe(200);
    const body = await dry.json();
    expect(body.dryRun.counts).toEqual({ ideas: 2, votes: 3, comments: 0, unchanged: 0, boards: 1, statuses: 1, people: 4, contacts: 4 });
    expect(body.dryRun.preview.map((r: { line: number; ref: string; status: string; voters: number }) => [r.line, r.ref, r.status, r.voters])).toEqual([[2, `${tag}-1`, "planned", 2], [3, `${tag}-2`, "open", 1]]);
    expect(body.mapping).toEqual(fields);
    expect(await everything()).toEqual(before);

    const badId = await upload(admin, cannyExport(uniq(), true));
    const bad = await step(admin, badId, "dryRun", fields);
    expect(bad.status).toBe(422);
    expect((await bad.json()).problems).toEqual([{ line: 4, message: 'voters: "not-an-address" is not an email address.' }]);
    const slovenian = await call(action, {
      request: new Request(`${ORIGIN}/admin/import?upload=${badId}`, { method: "POST", body: new URLSearchParams([["intent", "dryRun"], ...fields.map((f: string) => ["fields[]", f])]), headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } }),
      context: contextFor({ ...admin, locale: "sl", chosenLocale: "sl" }),
    });
    expect((await slovenian.json()).problems).toEqual([{ line: 4, message: "voters: »not-an-address« ni e-poštni naslov." }]);
    expect(await everything()).toEqual(before);
  });

  it("honours the mapping the admin chose over the format's, and refuses a field that is not one", async () => {
    const admin = await createTestUser({ role: "admin" });
    const tag = uniq();
    const id = await upload(admin, `Ticket,Summary,Requester,Details\n${tag},Mapped by hand ${tag},req-${tag}@acme.example,Kept out\n`, "csv");
    const shown = await (await page(admin, id)).json();
    expect(shown.staged.columns.map((c: { field: string }) => c.field)).toEqual(["ignore", "ignore", "ignore", "ignore"]);
    // The generic format reads none of these names: without a mapping every row lacks an id.
    expect((await (await step(admin, id, "dryRun", ["ignore", "ignore", "ignore", "ignore"])).json()).problems[0]).toEqual({ line: 2, message: "id: every idea needs the id it had (a post id or number)." });
    const refused = await step(admin, id, "dryRun", ["id", "title", "email", "everything"]);
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors.fields).toBe("Choose what each column is imported as.");
    expect((await step(admin, id, "dryRun", ["id", "title"])).status).toBe(422);

    expect((await step(admin, id, "import", ["id", "title", "email", "ignore"])).status).toBe(302);
    const [idea] = await queryRows<{ title: string; body: string; email: string }>(db, sql`SELECT i.title, i.body, u.email FROM ideas i JOIN users u ON u.id = i.author_id WHERE i.title = ${`Mapped by hand ${tag}`}`);
    expect(idea).toEqual({ title: `Mapped by hand ${tag}`, body: "", email: `req-${tag}@acme.example` });
  });

  it("imports once: the result stays on the page, the file is gone, and the same file imported again adds nothing", async () => {
    const admin = await createTestUser({ role: "admin" });
    const otherAdmin = await createTestUser({ role: "admin" });
    const tag = uniq();
    const id = await upload(admin, cannyExport(tag));
    const fields = (await (await page(admin, id)).json()).staged.columns.map((c: { field: string }) => c.field);
    // Someone else's upload, or the same admin in another session: refused; an unknown id: not found.
    expect((await page(otherAdmin, id)).status).toBe(403);
    expect((await call(loader, { request: new Request(`${ORIGIN}/admin/import?upload=${id}`), context: contextFor(admin, { auth: { user: admin, sessionId: "another-session", via: "session" } }) })).status).toBe(403);
    expect((await page(admin, "a".repeat(24))).status).toBe(404);

    const before = await everything();
    const imported = await step(admin, id, "import", fields);
    expect(imported.status).toBe(302);
    expect(imported.headers.get("location")).toBe(`/admin/import?upload=${id}`);
    const after = await everything();
    expect(after.ideas - before.ideas).toBe(2);
    // Three voters' votes, and each author's own.
    expect(after.votes - before.votes).toBe(5);
    expect((await (await page(admin, id)).json()).staged.result).toMatchObject({ ideas: 2, votes: 3, statuses: 1 });
    const dataDir = process.env.DATA_DIR!;
    expect(fs.existsSync(path.join(dataDir, "imports", `${id}.csv`))).toBe(false);
    expect((await step(admin, id, "import", fields)).status).toBe(404);

    const again = await upload(admin, cannyExport(tag));
    const dry = await (await step(admin, again, "dryRun", fields)).json();
    expect(dry.dryRun.counts).toMatchObject({ ideas: 0, votes: 0, unchanged: 5 });
    expect((await step(admin, again, "import", fields)).status).toBe(302);
    expect(await everything()).toEqual(after);
    expect((await (await page(admin, again)).json()).staged.result).toMatchObject({ ideas: 0, votes: 0, unchanged: 5 });

    // An hour on, the sweep removes what is left.
    expect(await sweepImportFiles(Date.now() + 61 * 60 * 1000)).toBeGreaterThanOrEqual(2);
    expect((await page(admin, again)).status).toBe(404);
  });

  it("answers a post that is no step with 400", async () => {
    const admin = await createTestUser({ role: "admin" });
    expect((await call(action, { request: formRequest("/admin/import", { intent: "nothing" }), context: contextFor(admin) })).status).toBe(400);
  });
});

describe("POST /api/v1/import", () => {
  const post = (user: User | null, query: string, body: string) =>
    call(apiAction, { request: new Request(`${ORIGIN}/api/v1/import?${query}`, { method: "POST", body, headers: { "content-type": "text/csv", authorization: "Bearer test" } }), context: contextFor(user) });

  it("is for admins (401, 403), checks the format and the map, dry-runs without writing, imports once, and names bad lines", async () => {
    const member = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const admin = await createTestUser({ role: "admin" });
    const tag = uniq();
    expect((await post(null, "format=canny", cannyExport(tag))).status).toBe(401);
    expect((await post(member, "format=canny", cannyExport(tag))).status).toBe(403);
    expect((await post(staff, "format=canny", cannyExport(tag))).status).toBe(403);
    const badFormat = await post(admin, "format=trello", cannyExport(tag));
    expect(badFormat.status).toBe(422);
    expect((await badFormat.json()).error.fields.format).toBe("Choose Canny, Fider or another CSV file.");
    expect((await post(admin, "format=canny&map=Voters%3Deverything", cannyExport(tag))).status).toBe(422);

    const before = await everything();
    const dry = await post(admin, "format=canny&dryRun=1", cannyExport(tag));
    expect(dry.status).toBe(200);
    expect(await dry.json()).toEqual({ dryRun: true, counts: { ideas: 2, votes: 3, comments: 0, unchanged: 0, boards: 1, statuses: 1, people: 4, contacts: 4 }, ignoredColumns: [] });
    expect(await everything()).toEqual(before);
    // A mapping of its own: the voters column ignored.
    const mapped = await post(admin, "format=canny&dryRun=1&map=Voters%3Dignore", cannyExport(tag));
    expect(await mapped.json()).toMatchObject({ counts: { votes: 0 }, ignoredColumns: ["voters"] });

    expect(await (await post(admin, "format=canny", cannyExport(tag))).json()).toMatchObject({ dryRun: false, counts: { ideas: 2, votes: 3 } });
    expect(await (await post(admin, "format=canny", cannyExport(tag))).json()).toMatchObject({ dryRun: false, counts: { ideas: 0, votes: 0, unchanged: 5 } });

    const bad = await post(admin, "format=canny&dryRun=1", cannyExport(uniq(), true));
    expect(bad.status).toBe(422);
    expect((await bad.json()).error).toEqual({ code: "validation_failed", message: expect.any(String), problems: [{ line: 4, code: "badVoter", message: 'voters: "not-an-address" is not an email address.' }] });
  });
});
