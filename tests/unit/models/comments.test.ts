import { AppError } from "~/lib/errors.server";
import { errorResponse } from "~/lib/http.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { comments, ideas } from "../../../db/schema";
import { db, queryRows } from "~/lib/db.server";
import { addComment, deleteComment, listComments, updateComment } from "~/models/comments.server";
import { deleteIdea, getIdea } from "~/models/ideas.server";
import { COMMENT_BODY_MAX } from "~/schemas/ideas";
import { createTestIdea, createTestUser } from "../../setup/factories";

async function counts(ideaId: number) {
  const [row] = await db.select({ commentCount: ideas.commentCount }).from(ideas).where(eq(ideas.id, ideaId));
  const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM comments WHERE idea_id = ${ideaId}`);
  return { stored: row.commentCount, rows: Number(n) };
}

// Parallel-post tests post more than the per-minute limit; the limit itself is tested in api.test.ts.
beforeAll(() => {
  process.env.RATE_LIMIT_DISABLED = "true";
});
afterAll(() => {
  delete process.env.RATE_LIMIT_DISABLED;
});

describe("comments", () => {
  it("list top-level oldest first with replies nested one level, staff badged, counted on the idea", async () => {
    const author = await createTestUser({ name: "Ann" });
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const idea = await createTestIdea({ author });
    const first = await addComment({ actor: author, number: idea.number, body: "First *thought*" });
    const second = await addComment({ actor: staff, number: idea.number, body: "We are looking at it." });
    const reply = await addComment({ actor: staff, number: idea.number, body: "Reply", parentId: first.id });
    // A reply to a reply joins its thread.
    const deep = await addComment({ actor: author, number: idea.number, body: "Reply to reply", parentId: reply.id });
    expect(deep.parentId).toBe(first.id);
    expect(first).toMatchObject({ ideaNumber: idea.number, parentId: null, isStaff: false, edited: false, author: { id: author.id, name: "Ann" } });
    expect(first.bodyHtml).toContain("<em>thought</em>");
    expect(second.isStaff).toBe(true);

    const list = await listComments({ actor: author, ideaId: idea.id });
    expect(list.map((c) => c.id)).toEqual([first.id, second.id]);
    expect(list[0].replies.map((c) => c.id)).toEqual([reply.id, deep.id]);
    expect(list[0]).toMatchObject({ canEdit: true, canDelete: true });
    expect(list[1]).toMatchObject({ canEdit: false, canDelete: false });
    expect(await counts(idea.id)).toEqual({ stored: 4, rows: 4 });
    expect((await getIdea({ actor: null, number: idea.number }))!.commentCount).toBe(4);
  });

  it("refuse a parent from another idea (422), unknown ideas (404), the signed-out (401) and bad bodies (422)", async () => {
    const user = await createTestUser();
    const a = await createTestIdea({ author: user });
    const b = await createTestIdea({ author: user });
    const onB = await addComment({ actor: user, number: b.number, body: "on b" });
    await expect(addComment({ actor: user, number: a.number, body: "x", parentId: onB.id })).rejects.toMatchObject({ status: 422 });
    await expect(addComment({ actor: user, number: a.number, body: "x", parentId: 2_000_000_000 })).rejects.toMatchObject({ status: 422 });
    await expect(addComment({ actor: user, number: 999_999, body: "x" })).rejects.toMatchObject({ status: 404 });
    await expect(addComment({ actor: null, number: a.number, body: "x" })).rejects.toMatchObject({ status: 401 });
    for (const body of ["", "   \n ", "a\u0000b", "x".repeat(COMMENT_BODY_MAX + 1)]) {
      const error = await addComment({ actor: user, number: a.number, body }).catch((e) => e as AppError);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
      expect((await errorResponse(error as AppError).json()).error.fields.body).toBeTruthy();
    }
    expect(await counts(a.id)).toEqual({ stored: 0, rows: 0 });
  });

  it("10 identical posts at once (a double click) make one comment", async () => {
    const user = await createTestUser();
    const idea = await createTestIdea({ author: user });
    const results = await Promise.all(Array.from({ length: 10 }, () => addComment({ actor: user, number: idea.number, body: "Same words" })));
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect(await counts(idea.id)).toEqual({ stored: 1, rows: 1 });
    // A different body, or the same body in another thread, is a new comment.
    await addComment({ actor: user, number: idea.number, body: "Other words" });
    await addComment({ actor: user, number: idea.number, body: "Same words", parentId: results[0].id });
    expect(await counts(idea.id)).toEqual({ stored: 3, rows: 3 });
  });

  it("many people commenting at once keep the count equal to the rows", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author });
    const people = await Promise.all(Array.from({ length: 15 }, () => createTestUser()));
    await Promise.all(people.map((p, i) => addComment({ actor: p, number: idea.number, body: `Comment ${i}` })));
    expect(await counts(idea.id)).toEqual({ stored: 15, rows: 15 });
  });

  it("are edited by their author or staff only, and marked edited", async () => {
    const author = await createTestUser();
    const other = await createTestUser();
    const staff = await createTestUser({ role: "admin" });
    const idea = await createTestIdea({ author });
    const comment = await addComment({ actor: author, number: idea.number, body: "Typo teh" });
    await expect(updateComment({ actor: other, id: comment.id, body: "hijack" })).rejects.toMatchObject({ status: 403 });
    await expect(updateComment({ actor: null, id: comment.id, body: "hijack" })).rejects.toMatchObject({ status: 401 });
    await expect(updateComment({ actor: author, id: 2_000_000_000, body: "x" })).rejects.toMatchObject({ status: 404 });
    await expect(updateComment({ actor: author, id: comment.id, body: " " })).rejects.toMatchObject({ status: 422 });
    await new Promise((r) => setTimeout(r, 5));
    const edited = await updateComment({ actor: author, id: comment.id, body: "Typo **the**" });
    expect(edited).toMatchObject({ body: "Typo **the**", edited: true, editedByStaff: false });
    expect(edited.bodyHtml).toContain("<strong>the</strong>");
    // A moderator's edit of someone else's comment says so; the author's own later edit is theirs.
    expect(await updateComment({ actor: staff, id: comment.id, body: "Moderated" })).toMatchObject({ body: "Moderated", edited: true, editedByStaff: true });
    expect(await updateComment({ actor: author, id: comment.id, body: "Fixed it myself" })).toMatchObject({ edited: true, editedByStaff: false });
    const own = await addComment({ actor: staff, number: idea.number, body: "Staff note" });
    expect(await updateComment({ actor: staff, id: own.id, body: "Staff note, edited" })).toMatchObject({ edited: true, editedByStaff: false });
  });

  it("deleting a comment deletes its replies and lowers the count by every row removed", async () => {
    const author = await createTestUser();
    const other = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author });
    const top = await addComment({ actor: author, number: idea.number, body: "top" });
    await addComment({ actor: other, number: idea.number, body: "r1", parentId: top.id });
    const r2 = await addComment({ actor: other, number: idea.number, body: "r2", parentId: top.id });
    const keep = await addComment({ actor: other, number: idea.number, body: "keep" });
    await expect(deleteComment({ actor: author, id: r2.id })).rejects.toMatchObject({ status: 403 });
    await expect(deleteComment({ actor: author, id: 2_000_000_000 })).rejects.toMatchObject({ status: 404 });
    await deleteComment({ actor: other, id: r2.id });
    expect(await counts(idea.id)).toEqual({ stored: 3, rows: 3 });
    await deleteComment({ actor: staff, id: top.id });
    expect(await counts(idea.id)).toEqual({ stored: 1, rows: 1 });
    expect((await listComments({ actor: null, ideaId: idea.id })).map((c) => c.id)).toEqual([keep.id]);
  });

  it("replies posted while their parent is deleted never leave the count wrong", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author });
    const top = await addComment({ actor: author, number: idea.number, body: "top" });
    const people = await Promise.all(Array.from({ length: 8 }, () => createTestUser()));
    const outcomes = await Promise.allSettled([
      ...people.map((p, i) => addComment({ actor: p, number: idea.number, body: `reply ${i}`, parentId: top.id })),
      deleteComment({ actor: author, id: top.id }),
    ]);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason instanceof AppError ? o.reason.status : String(o.reason?.stack ?? o.reason)).toBe(422);
    const after = await counts(idea.id);
    expect(after.stored).toBe(after.rows);
  });

  it("go with their idea when staff delete it", async () => {
    const author = await createTestUser();
    const staff = await createTestUser({ role: "staff" });
    const idea = await createTestIdea({ author });
    await addComment({ actor: author, number: idea.number, body: "bye" });
    await deleteIdea({ actor: staff, number: idea.number });
    expect(await db.select().from(comments).where(eq(comments.ideaId, idea.id))).toEqual([]);
  });
});
