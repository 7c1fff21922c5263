/**
 * Every string of the Big List of Naughty Strings as an idea title, an idea body and a comment:
 * stored and shown back exactly (after the schema's documented normalisation) or refused with a
 * field message. Never anything else.
 */
import { AppError } from "~/lib/errors.server";
import { errorResponse } from "~/lib/http.server";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/lib/auth.server";
import { addComment, listComments } from "~/models/comments.server";
import { createIdea, getIdea } from "~/models/ideas.server";
import { CommentForm, IdeaForm } from "~/schemas/ideas";
import { createTestIdea, createTestUser, defaultBoard } from "../../setup/factories";

const naughty: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../../shared/data/naughty-strings.json"), "utf8"));
const extra = ["a\u0000b", "\u0000", "\ud800 lone surrogate", "tab\tand\nnewline title", "\u0007bell title"];
const inputs = [...naughty, ...extra];

let author: SessionUser;
let boardSlug: string;

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = "true";
  author = await createTestUser();
  boardSlug = (await defaultBoard()).slug;
});
afterAll(() => {
  delete process.env.RATE_LIMIT_DISABLED;
});

async function fieldError(promise: Promise<unknown>, field: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e) => e,
  );
  expect(error, "a refusal").toBeInstanceOf(AppError);
  const response = errorResponse(error as AppError);
  expect(response.status).toBe(422);
  const body = await response.json();
  expect(typeof body.error.fields[field]).toBe("string");
  expect(body.error.fields[field].length).toBeGreaterThan(0);
}

describe("naughty strings", () => {
  it("as titles: stored exactly as normalised, or refused with a title message", async () => {
    let stored = 0;
    for (const s of inputs) {
      const expected = IdeaForm.safeParse({ board: boardSlug, title: s, body: "" });
      if (!expected.success) {
        await fieldError(createIdea({ actor: author, board: boardSlug, title: s, body: "" }), "title");
        continue;
      }
      const idea = await createIdea({ actor: author, board: boardSlug, title: s, body: "" });
      expect((await getIdea({ actor: null, number: idea.number }))!.title).toBe(expected.data.title);
      stored++;
    }
    expect(stored).toBeGreaterThan(naughty.length / 2);
  }, 180_000);

  it("as bodies: stored exactly as normalised, or refused with a body message", async () => {
    for (const s of inputs) {
      const expected = IdeaForm.safeParse({ board: boardSlug, title: "Naughty body", body: s });
      if (!expected.success) {
        await fieldError(createIdea({ actor: author, board: boardSlug, title: "Naughty body", body: s }), "body");
        continue;
      }
      const idea = await createIdea({ actor: author, board: boardSlug, title: "Naughty body", body: s });
      const shown = (await getIdea({ actor: null, number: idea.number }))!;
      expect(shown.body).toBe(expected.data.body);
      expect(shown.bodyHtml).not.toMatch(/<script/i);
    }
  }, 180_000);

  it("as comments: stored exactly as normalised, or refused with a body message", async () => {
    const idea = await createTestIdea({ author });
    for (const s of inputs) {
      const expected = CommentForm.safeParse({ body: s });
      if (!expected.success) {
        await fieldError(addComment({ actor: author, number: idea.number, body: s }), "body");
        continue;
      }
      const comment = await addComment({ actor: author, number: idea.number, body: s });
      expect(comment.body).toBe(expected.data.body);
    }
    const all = await listComments({ actor: null, ideaId: idea.id });
    expect(all.length).toBeGreaterThan(naughty.length / 2);
  }, 180_000);
});
