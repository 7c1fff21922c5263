/**
 * Signed-in visitors for the load tests. Each is a bench member who has voted for some of the
 * ideas on the first page of the board (so `votedByMe` differs from one visitor to the next),
 * with a session row written the way the app stores it (the SHA-256 of the id, 30 days ahead, so
 * no request of the run extends it), and each autocannon connection sends one visitor's cookie
 * on every request: the board is rendered for that person, header included.
 */
import crypto from "node:crypto";
import type { RawRequest, RequestSpec } from "autocannon";
import type postgres from "postgres";
import { sha256Hex } from "../../app/lib/hashing.server";

/** The app's session cookie (SESSION_COOKIE in app/lib/auth.server.ts). */
export const SESSION_COOKIE = "lb_session";

export interface SignedInVisitor {
  userId: number;
  name: string;
  cookie: string;
}

/** `count` members who voted for at least one of the board's top `topIdeas` ideas, each signed in with a fresh session. */
export async function signInVisitors(sql: postgres.Sql, count: number, topIdeas = 20): Promise<SignedInVisitor[]> {
  const users = await sql<{ id: number; name: string }[]>`
    SELECT u.id, u.name FROM users u
    WHERE u.role = 'member' AND EXISTS (
      SELECT 1 FROM votes v
      WHERE v.user_id = u.id AND v.idea_id IN (SELECT id FROM ideas ORDER BY vote_count DESC, id DESC LIMIT ${topIdeas}))
    ORDER BY u.id LIMIT ${count}`;
  if (users.length < count) throw new Error(`only ${users.length} members voted on the board's first page; ${count} needed`);
  const signedIn = await signInUsers(sql, users.map((u) => u.id));
  return signedIn.map((v, i) => ({ userId: v.userId, name: users[i].name, cookie: v.cookie }));
}

/** A fresh session (30 days ahead) for each of `userIds`: the cookie to send, and the stored hash to delete it by. */
export async function signInUsers(sql: postgres.Sql, userIds: number[]): Promise<Array<{ userId: number; cookie: string; sessionHash: string }>> {
  const sessions = userIds.map((userId) => {
    const sessionId = crypto.randomBytes(20).toString("hex");
    return { userId, cookie: `${SESSION_COOKIE}=${sessionId}`, sessionHash: sha256Hex(sessionId) };
  });
  const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  await sql`INSERT INTO sessions ${sql(sessions.map((v) => ({ id: v.sessionHash, user_id: v.userId, expires_at: expiresAt })))}`;
  return sessions;
}

/** Removes the sessions signInVisitors() made. */
export async function signOutVisitors(sql: postgres.Sql, visitors: SignedInVisitor[]): Promise<void> {
  if (visitors.length === 0) return;
  await sql`DELETE FROM sessions WHERE user_id IN ${sql(visitors.map((v) => v.userId))}`;
}

/**
 * One request spec for autocannon in which every connection keeps one visitor: autocannon gives
 * each connection its own deep copy of the spec, so the `visitor` slot is per connection and the
 * first request a connection sends picks the next visitor in turn. `used` collects who was picked.
 */
export function perConnectionVisitor(path: string, visitors: SignedInVisitor[], used: Set<number>): RequestSpec {
  let next = 0;
  type WithVisitor = RawRequest & { visitor: { cookie: string } };
  return {
    method: "GET",
    path,
    visitor: { cookie: "" },
    setupRequest(raw: RawRequest) {
      const request = raw as WithVisitor;
      if (!request.visitor.cookie) {
        const visitor = visitors[next++ % visitors.length];
        request.visitor.cookie = visitor.cookie;
        used.add(visitor.userId);
      }
      return { ...request, headers: { ...request.headers, cookie: request.visitor.cookie } };
    },
  } as RequestSpec;
}
