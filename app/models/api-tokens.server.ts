/** Personal API tokens: people create, list and revoke their own (the CLI creates them too). */
import { desc, eq } from "drizzle-orm";
import { apiTokens } from "../../db/schema";
import { forgetApiTokens, generateApiToken } from "../lib/api-tokens.server";
import type { SessionUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { forbidden, notFound } from "../lib/errors.server";

export interface ApiTokenSummary {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function createApiToken(input: { actor: { id: number }; name: string }): Promise<{ token: string; summary: ApiTokenSummary }> {
  const { token, tokenHash } = generateApiToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ userId: input.actor.id, name: input.name, tokenHash })
    .returning({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt });
  return { token, summary: row };
}

export async function listApiTokens(input: { actor: { id: number } }): Promise<ApiTokenSummary[]> {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, input.actor.id))
    .orderBy(desc(apiTokens.id));
}

/** Revokes one of your own tokens: 404 when it does not exist, 403 when it is someone else's. */
export async function revokeApiToken(input: { actor: SessionUser; id: number }): Promise<void> {
  const [row] = await db.select({ userId: apiTokens.userId }).from(apiTokens).where(eq(apiTokens.id, input.id)).limit(1);
  if (!row) throw notFound();
  if (row.userId !== input.actor.id) throw forbidden();
  await db.delete(apiTokens).where(eq(apiTokens.id, input.id));
  forgetApiTokens(row.userId);
}
