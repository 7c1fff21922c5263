/**
 * The staff audit trail on an idea's timeline: one row per action that has no table of its own
 * (status changes and merges keep theirs), written in the same transaction as the action. Only
 * staff read it. See docs/decisions/0023-audit-trail.md.
 */
import { asc, eq } from "drizzle-orm";
import { ideaActivity, users } from "../../db/schema";
import type { SessionUser } from "../lib/auth.server";
import { db, type Executor } from "../lib/db.server";
import { isStaff } from "../permissions";
import type { IdeaActivityEntry, IdeaActivityKind } from "../shapes";

export type { IdeaActivityEntry, IdeaActivityKind } from "../shapes";

/**
 * Records that `actorId` did `kind` to the idea. `detail` holds the words the timeline's sentence
 * needs (`activity.<kind>`'s placeholders other than {actor}), as they are now: a board renamed
 * later still reads as it was called when the idea moved.
 */
export async function recordIdeaActivity(
  executor: Executor,
  entry: { ideaId: number; actorId: number; kind: IdeaActivityKind; detail?: Record<string, string> },
): Promise<void> {
  await executor.insert(ideaActivity).values({ ideaId: entry.ideaId, actorId: entry.actorId, kind: entry.kind, detail: entry.detail ?? {} });
}

/** The idea's audit entries, oldest first; nothing for anyone but staff. */
export async function listIdeaActivity(input: { actor?: SessionUser | null; ideaId: number }): Promise<IdeaActivityEntry[]> {
  if (!isStaff(input.actor)) return [];
  const rows = await db
    .select({ id: ideaActivity.id, kind: ideaActivity.kind, detail: ideaActivity.detail, at: ideaActivity.createdAt, actorId: users.id, actorName: users.name })
    .from(ideaActivity)
    .innerJoin(users, eq(users.id, ideaActivity.actorId))
    .where(eq(ideaActivity.ideaId, input.ideaId))
    .orderBy(asc(ideaActivity.id));
  return rows.map((r) => ({ id: r.id, kind: r.kind as IdeaActivityKind, detail: r.detail, at: r.at, actor: { id: r.actorId, name: r.actorName } }));
}
