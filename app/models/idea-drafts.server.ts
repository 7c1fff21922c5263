/**
 * What a signed-out person typed into "Post an idea", kept while they sign in or confirm a new
 * account (an emailed link can take a while), so the form comes back filled in and nothing they
 * wrote is lost. A draft is found by a random token in the address they come back to, and lives
 * a day. It is kept as typed (within generous caps): the idea's own rules apply when it is posted.
 */
import { eq, lt } from "drizzle-orm";
import { ideaDrafts } from "../../db/schema";
import { db } from "../lib/db.server";
import { randomToken, sha256Hex } from "../lib/hashing.server";
import { IDEA_BODY_MAX, IDEA_TITLE_MAX } from "../schemas/limits";

const DRAFT_HOURS = 24;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

export interface IdeaDraft {
  board: string;
  title: string;
  body: string;
}

const text = (value: unknown, max: number) => (typeof value === "string" ? [...value].slice(0, max).join("") : "");

/** Keeps a draft and returns the token that finds it again. */
export async function saveIdeaDraft(input: { board?: unknown; title?: unknown; body?: unknown }): Promise<string> {
  const token = randomToken(24);
  await db.transaction(async (tx) => {
    await tx.delete(ideaDrafts).where(lt(ideaDrafts.expiresAt, new Date()));
    await tx.insert(ideaDrafts).values({
      tokenHash: sha256Hex(token),
      board: text(input.board, 100),
      // Over the limits by a margin, so a too-long title comes back to be shortened, not cut.
      title: text(input.title, IDEA_TITLE_MAX * 4),
      body: text(input.body, IDEA_BODY_MAX * 2),
      expiresAt: new Date(Date.now() + DRAFT_HOURS * 3600_000),
    });
  });
  return token;
}

export async function findIdeaDraft(token: unknown): Promise<IdeaDraft | null> {
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return null;
  const [row] = await db.select().from(ideaDrafts).where(eq(ideaDrafts.tokenHash, sha256Hex(token))).limit(1);
  if (!row || row.expiresAt < new Date()) return null;
  return { board: row.board, title: row.title, body: row.body };
}

/** Forgets a draft once its idea is posted. */
export async function deleteIdeaDraft(token: unknown): Promise<void> {
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return;
  await db.delete(ideaDrafts).where(eq(ideaDrafts.tokenHash, sha256Hex(token)));
}
