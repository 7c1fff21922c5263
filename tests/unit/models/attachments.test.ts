import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { attachments, ideas } from "../../../db/schema";
import type { SessionUser } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { addComment, deleteComment } from "~/models/comments.server";
import { deleteIdea } from "~/models/ideas.server";
import { loader as fileLoader } from "~/routes/attachments.$key.($variant)";
import { loader as listLoader, action as uploadAction } from "~/routes/api.v1.ideas.$number.attachments";
import { action as newIdeaAction } from "~/routes/ideas.new";
import { action as ideaPageAction } from "~/routes/ideas.$number.($slug)";
import { call, contextFor, ORIGIN } from "../../setup/remix";
import { createTestIdea, createTestUser, defaultBoard } from "../../setup/factories";

/** A small JPEG carrying what a phone camera writes: its make and the GPS position. */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: "#3366cc" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "PhoneMaker", Model: "Pocket 9", Copyright: "Ann's phone" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "46/1 3/1 1234/100", GPSLongitudeRef: "E", GPSLongitude: "14/1 30/1 5/1" },
    })
    .toBuffer();
}
const png = (width = 40, height = 30) => sharp({ create: { width, height, channels: 4, background: "#ff8800" } }).png().toBuffer();

function upload(path: string, fields: Record<string, string>, files: Array<{ name: string; type: string; data: Uint8Array }>): Request {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) form.append("attachments", new File([file.data as BlobPart], file.name, { type: file.type }));
  return new Request(ORIGIN + path, { method: "POST", body: form, headers: { origin: ORIGIN } });
}

async function serve(key: string, user: SessionUser | null, variant?: string) {
  return call(fileLoader, { request: new Request(`${ORIGIN}/attachments/${key}`), context: contextFor(user), params: { key, ...(variant ? { variant } : {}) } });
}

async function rowsFor(ideaId: number): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(attachments).where(eq(attachments.ideaId, ideaId));
  return n;
}

let ann: SessionUser;
let bob: SessionUser;
let staff: SessionUser;

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = "true";
  ann = await createTestUser({ name: "Ann" });
  bob = await createTestUser({ name: "Bob" });
  staff = await createTestUser({ role: "staff", name: "Sam" });
});
afterAll(() => {
  delete process.env.RATE_LIMIT_DISABLED;
});
afterEach(() => {
  delete process.env.ATTACHMENT_MAX_BYTES;
  delete process.env.ATTACHMENTS_PER_POST;
});

describe("attachments", () => {
  it("a JPEG with EXIF and GPS is served re-encoded, without any metadata, as an image with safe headers", async () => {
    const idea = await createTestIdea({ author: ann });
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const res = await call(uploadAction, { request: upload(`/api/v1/ideas/${idea.number}/attachments`, {}, [{ name: "holiday.jpg", type: "image/jpeg", data: original }]), context: contextFor(ann), params: { number: String(idea.number) } });
    expect(res.status).toBe(201);
    const [attachment] = (await res.json()).attachments;
    expect(attachment).toMatchObject({ commentId: null, contentType: "image/jpeg", width: 120, height: 80, url: expect.stringMatching(/\/attachments\/[0-9a-f]{32}$/) });

    const served = await serve(attachment.key, null);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("content-disposition")).toMatch(/^inline; filename="screenshot-[0-9a-f]{8}\.jpg"$/);
    expect(served.headers.get("cache-control")).toBe("private, max-age=3600");
    // nosniff and the image's own Content-Security-Policy come with every answer (server.ts): tests/e2e/attachments.spec.ts.
    const body = Buffer.from(await served.arrayBuffer());
    const metadata = await sharp(body).metadata();
    expect(metadata).toMatchObject({ format: "jpeg", width: 120, height: 80 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(metadata.iptc).toBeUndefined();
    expect(body.includes("PhoneMaker")).toBe(false);

    const thumbnail = await serve(attachment.key, null, "thumbnail");
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    expect((await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).format).toBe("webp");
    expect((await serve(attachment.key, null, "original")).status).toBe(404);
    expect((await serve("not-a-key", null)).status).toBe(404);

    const listed = await call(listLoader, { request: new Request(`${ORIGIN}/api/v1/ideas/${idea.number}/attachments`), context: contextFor(null), params: { number: String(idea.number) } });
    expect((await listed.json()).attachments).toEqual([expect.objectContaining({ key: attachment.key, url: expect.stringMatching(/^https?:\/\/.+\/attachments\//) })]);
  });

  it("a file that is not an image, named .png, is a field error and posts nothing", async () => {
    const board = await defaultBoard();
    const before = await db.select({ n: count() }).from(ideas);
    const fake = new TextEncoder().encode("<html><script>alert(document.cookie)</script></html>");
    const res = await call(newIdeaAction, { request: upload("/ideas/new", { board: board.slug, title: "Screenshot of the bug" }, [{ name: "shot.png", type: "image/png", data: fake }]), context: contextFor(ann) });
    expect(res.status).toBe(422);
    const result = await res.json();
    expect(result.errors.attachments).toBe("“shot.png” is not a PNG, JPEG, WebP or GIF image.");
    expect(result.values.title).toBe("Screenshot of the bug");
    expect(await db.select({ n: count() }).from(ideas)).toEqual(before);

    const idea = await createTestIdea({ author: ann });
    const api = await call(uploadAction, { request: upload(`/api/v1/ideas/${idea.number}/attachments`, {}, [{ name: "x.png", type: "image/png", data: fake }]), context: contextFor(ann), params: { number: String(idea.number) } });
    expect(api.status).toBe(422);
    expect((await api.json()).error).toMatchObject({ code: "validation_failed", fields: { attachments: expect.any(String) } });
  });

  it("a file over ATTACHMENT_MAX_BYTES is 413 with a field error; more than ATTACHMENTS_PER_POST is 422", async () => {
    const board = await defaultBoard();
    const big = await sharp({ create: { width: 400, height: 400, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 60 } } }).png().toBuffer();
    process.env.ATTACHMENT_MAX_BYTES = String(big.length - 1);
    const res = await call(newIdeaAction, { request: upload("/ideas/new", { board: board.slug, title: "A big screenshot" }, [{ name: "big.png", type: "image/png", data: big }]), context: contextFor(ann) });
    expect(res.status).toBe(413);
    const result = await res.json();
    expect(result.errors.attachments).toMatch(/at most/);
    expect(result.values.title).toBe("A big screenshot");

    const idea = await createTestIdea({ author: ann });
    const api = await call(uploadAction, { request: upload(`/api/v1/ideas/${idea.number}/attachments`, {}, [{ name: "big.png", type: "image/png", data: big }]), context: contextFor(ann), params: { number: String(idea.number) } });
    expect(api.status).toBe(413);
    expect((await api.json()).error).toMatchObject({ code: "payload_too_large", fields: { attachments: expect.any(String) } });

    delete process.env.ATTACHMENT_MAX_BYTES;
    process.env.ATTACHMENTS_PER_POST = "2";
    const small = await png();
    const three = [1, 2, 3].map((n) => ({ name: `${n}.png`, type: "image/png", data: small }));
    const tooMany = await call(uploadAction, { request: upload(`/api/v1/ideas/${idea.number}/attachments`, {}, three), context: contextFor(ann), params: { number: String(idea.number) } });
    expect(tooMany.status).toBe(422);
    expect(await rowsFor(idea.id)).toBe(0);
  });

  it("only the author or staff attach; an attachment is gone with its idea for everyone", async () => {
    const idea = await createTestIdea({ author: ann });
    const file = [{ name: "a.png", type: "image/png", data: await png() }];
    const params = { number: String(idea.number) };
    const path = `/api/v1/ideas/${idea.number}/attachments`;
    expect((await call(uploadAction, { request: upload(path, {}, file), context: contextFor(bob), params })).status).toBe(403);
    expect((await call(uploadAction, { request: upload(path, {}, file), context: contextFor(null), params })).status).toBe(401);
    expect((await call(uploadAction, { request: upload("/api/v1/ideas/999999/attachments", {}, file), context: contextFor(ann), params: { number: "999999" } })).status).toBe(404);
    const byStaff = await call(uploadAction, { request: upload(path, {}, file), context: contextFor(staff), params });
    expect(byStaff.status).toBe(201);
    const { key } = (await byStaff.json()).attachments[0];
    // Someone else's comment: only its author (or staff).
    const comment = await addComment({ actor: ann, number: idea.number, body: "Mine" });
    expect((await call(uploadAction, { request: upload(path, { commentId: String(comment.id) }, file), context: contextFor(bob), params })).status).toBe(403);

    expect((await serve(key, bob)).status).toBe(200);
    await deleteIdea({ actor: staff, number: idea.number });
    expect((await serve(key, bob)).status).toBe(404);
    expect((await serve(key, staff, "thumbnail")).status).toBe(404);
    expect(await rowsFor(idea.id)).toBe(0);
  });

  it("a comment posted with screenshots shows them; deleting the comment deletes them, the idea's stay", async () => {
    const idea = await createTestIdea({ author: ann });
    const page = `/ideas/${idea.number}/${idea.slug}`;
    const params = { number: String(idea.number), slug: idea.slug };
    await call(uploadAction, { request: upload(`/api/v1/ideas/${idea.number}/attachments`, {}, [{ name: "idea.png", type: "image/png", data: await png() }]), context: contextFor(ann), params });
    const posted = await call(ideaPageAction, {
      request: upload(page, { intent: "comment", body: "Here is what I see" }, [
        { name: "one.png", type: "image/png", data: await png(50, 20) },
        { name: "two.jpg", type: "image/jpeg", data: await jpegWithGps() },
      ]),
      context: contextFor(bob),
      params,
    });
    expect(posted.status).toBe(302);
    const commentId = Number(posted.headers.get("location")!.split("#comment-")[1]);
    const rows = await db.select({ commentId: attachments.commentId, contentType: attachments.contentType }).from(attachments).where(eq(attachments.ideaId, idea.id)).orderBy(attachments.id);
    expect(rows).toEqual([
      { commentId: null, contentType: "image/png" },
      { commentId, contentType: "image/png" },
      { commentId, contentType: "image/jpeg" },
    ]);
    await deleteComment({ actor: bob, id: commentId });
    expect(await rowsFor(idea.id)).toBe(1);
  });
});
