import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiTokens } from "../../../db/schema";
import { API_TOKEN_CACHE_MS, flushTokenUse } from "~/lib/api-tokens.server";
import { db } from "~/lib/db.server";
import { prepareRequest, type IncomingRequest } from "~/lib/request-context.server";
import { createApiToken, revokeApiToken } from "~/models/api-tokens.server";
import { createUser, setUserRole } from "~/models/users.server";

const request = (token: string): IncomingRequest => ({
  method: "GET",
  url: "/api/v1/me",
  https: false,
  host: "localhost:3000",
  ip: "127.0.0.1",
  headers: { authorization: `Bearer ${token}` },
});

async function userOf(token: string) {
  const prepared = await prepareRequest(request(token));
  return prepared.kind === "continue" ? prepared.context.auth.user : prepared.status;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Bearer token lookups", () => {
  it("stop accepting a token as soon as it is revoked", async () => {
    const user = await createUser({ email: "cache-revoke@example.com", name: "Revoker" });
    const { token, summary } = await createApiToken({ actor: user, name: "ci" });
    expect(await userOf(token)).toMatchObject({ id: user.id });
    expect(await userOf(token)).toMatchObject({ id: user.id }); // now from the cache
    await revokeApiToken({ actor: user, id: summary.id });
    expect(await userOf(token)).toBe(401);
  });

  it("see a role change made in this process at once", async () => {
    const user = await createUser({ email: "cache-role@example.com", name: "Promoted" });
    const { token } = await createApiToken({ actor: user, name: "ci" });
    expect(await userOf(token)).toMatchObject({ role: "member" });
    await setUserRole({ email: "cache-role@example.com", role: "staff" });
    expect(await userOf(token)).toMatchObject({ role: "staff" });
  });

  it(`see a revocation made by another process within ${API_TOKEN_CACHE_MS / 1000} s`, async () => {
    const user = await createUser({ email: "cache-elsewhere@example.com", name: "Elsewhere" });
    const { token, summary } = await createApiToken({ actor: user, name: "ci" });
    expect(await userOf(token)).toMatchObject({ id: user.id });
    // Deleted behind this process's back, as another web process or the admin CLI would.
    await db.delete(apiTokens).where(eq(apiTokens.id, summary.id));
    expect(await userOf(token)).toMatchObject({ id: user.id });
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + API_TOKEN_CACHE_MS + 1);
    expect(await userOf(token)).toBe(401);
  });

  it("record a token's use at most once a minute, cached or not", async () => {
    const user = await createUser({ email: "cache-used@example.com", name: "Used" });
    const { token, summary } = await createApiToken({ actor: user, name: "ci" });
    const lastUsed = async () => (await db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, summary.id)))[0].at;
    expect(await lastUsed()).toBeNull();
    await userOf(token);
    // Written off the request's path, together with other tokens' uses.
    expect(await lastUsed()).toBeNull();
    await flushTokenUse();
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await userOf(token);
    await flushTokenUse();
    expect(await lastUsed()).toEqual(first);
  });

  it("write many tokens' uses in one statement", async () => {
    const user = await createUser({ email: "cache-batch@example.com", name: "Batch" });
    const made = await Promise.all([1, 2, 3].map((i) => createApiToken({ actor: user, name: `batch ${i}` })));
    for (const { token } of made) await userOf(token);
    await flushTokenUse();
    const rows = await db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.userId, user.id));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.at).toBeInstanceOf(Date);
  });

  it("hand every request its own copy of the user", async () => {
    const user = await createUser({ email: "cache-copy@example.com", name: "Copy" });
    const { token } = await createApiToken({ actor: user, name: "ci" });
    const a = await userOf(token);
    const b = await userOf(token);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });
});
