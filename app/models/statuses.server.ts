/**
 * Idea statuses: staff change them with an optional public note (required for a status of kind "declined"); every
 * change is kept (who, when, from, to, the note) and shown on the idea's timeline. The change, its
 * history row and the queued notification fan-out commit in one transaction, and the request does
 * no per-follower work: followers are reached by the fan-out job.
 */
import { asc, desc, eq, sql } from "drizzle-orm";
import { ideas, statusChanges, users } from "../../db/schema";
import { translate } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db, keptStatements, queryRows } from "../lib/db.server";
import { forbidden, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { renderMarkdown, RENDERER_VERSION } from "../lib/markdown.server";
import { canChangeStatus } from "../permissions";
import { isPositiveInt4 } from "../schemas/limits";
import { StatusChangeInput } from "../schemas/statuses";
import type { IdeaStatus } from "../statuses";
import type { Locale } from "../i18n";
import { findStatus } from "./status-catalog.server";
import { prepareNotificationJobs, recordNotificationEvent } from "./notification-events.server";
import { markTriaged } from "./triage.server";

export { countFollowers } from "./subscriptions.server";

export interface StatusChangeView {
  id: number;
  ideaId: number;
  fromStatus: IdeaStatus;
  toStatus: IdeaStatus;
  /** Markdown as written ("" when there is no note). */
  note: string;
  noteHtml: string;
  /** Whether followers were notified. */
  notified: boolean;
  actor: { id: number; name: string };
  createdAt: Date;
}

/**
 * Whether `status` may be given to an idea with this note: 422 for an unknown or retired status,
 * and for a status of kind "declined" without a note saying why.
 */
export async function checkStatusChoice(status: string, note: string, locale: Locale): Promise<void> {
  const found = await findStatus(status);
  if (!found) throw unprocessable({ status: translate(locale, "status.error.unknown") });
  if (found.retiredAt) throw unprocessable({ status: translate(locale, "status.error.retired") });
  if (found.kind === "declined" && note === "") throw unprocessable({ note: translate(locale, "status.error.noteRequired") });
}

/**
 * Sets an idea's status. Staff and admins only (403 otherwise); 404 for an unknown idea; 422 with
 * field messages for an unknown or retired status, a missing note on a declined-kind status, or the status the idea
 * already has without a note (a repeated submit must not notify everyone twice). The status it
 * already has with a new note is an update: recorded and told like a change, the status kept.
 */
export async function setIdeaStatus(input: {
  actor: SessionUser | null;
  number: number;
  status: unknown;
  note?: unknown;
  notify?: unknown;
}): Promise<{ statusChange: StatusChangeView; idea: { number: number; status: IdeaStatus } }> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canChangeStatus(actor)) throw forbidden();
  const { status, note, notify } = parseOrRefuse(StatusChangeInput, { status: input.status, note: input.note, notify: input.notify }, actor.locale);
  await checkStatusChoice(status, note, actor.locale);
  if (!isPositiveInt4(input.number)) throw notFound();
  const [idea] = await db.select({ id: ideas.id, number: ideas.number }).from(ideas).where(eq(ideas.number, input.number)).limit(1);
  if (!idea) throw notFound();
  const noteHtml = note ? renderMarkdown(note) : "";

  await prepareNotificationJobs();
  const row = await db.transaction(async (tx) => {
    // Retiring a status locks its row first: a change racing it waits here and then sees it retired.
    const [chosen] = await queryRows<{ retired: boolean }>(tx, sql`SELECT retired_at IS NOT NULL AS retired FROM statuses WHERE key = ${status} FOR SHARE`);
    if (!chosen || chosen.retired) throw unprocessable({ status: translate(actor.locale, "status.error.retired") });
    // The row lock orders concurrent changes: "from" is always the status this change replaced.
    const [current] = await queryRows<{ status: IdeaStatus }>(tx, sql`SELECT status FROM ideas WHERE id = ${idea.id}::int FOR UPDATE`);
    if (!current) throw notFound();
    if (current.status === status) {
      // The same status with a note is an update; without one (or with the note just posted: a
      // repeated submit) there is nothing new to tell anyone.
      if (note === "") throw unprocessable({ status: translate(actor.locale, "status.error.same") });
      const [last] = await tx.select({ note: statusChanges.note }).from(statusChanges).where(eq(statusChanges.ideaId, idea.id)).orderBy(desc(statusChanges.id)).limit(1);
      if (last?.note === note) throw unprocessable({ note: translate(actor.locale, "status.error.sameNote") });
    } else {
      await tx.update(ideas).set({ status, statusChangedAt: sql`now()` }).where(eq(ideas.id, idea.id));
    }
    const [change] = await tx
      .insert(statusChanges)
      .values({
        ideaId: idea.id,
        actorId: actor.id,
        fromStatus: current.status,
        toStatus: status,
        note,
        noteHtml,
        htmlVersion: RENDERER_VERSION,
        notified: notify,
      })
      .returning();
    if (notify) await recordNotificationEvent(tx, { kind: "status_changed", ideaId: idea.id, actorId: actor.id, statusChangeId: change.id });
    // Staff answered it: it leaves the triage inbox.
    await markTriaged(tx, idea.id);
    return change;
  });

  return {
    statusChange: {
      id: row.id,
      ideaId: row.ideaId,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      note: row.note,
      noteHtml: row.noteHtml,
      notified: row.notified,
      actor: { id: actor.id, name: actor.name },
      createdAt: row.createdAt,
    },
    idea: { number: idea.number, status },
  };
}

/** An idea's status changes with who made them, oldest first: one statement, built once. */
const statusChangesOfIdea = keptStatements("status_changes_of_idea", () =>
  db
    .select({
      id: statusChanges.id,
      ideaId: statusChanges.ideaId,
      fromStatus: statusChanges.fromStatus,
      toStatus: statusChanges.toStatus,
      note: statusChanges.note,
      noteHtml: statusChanges.noteHtml,
      htmlVersion: statusChanges.htmlVersion,
      notified: statusChanges.notified,
      actorId: users.id,
      actorName: users.name,
      createdAt: statusChanges.createdAt,
    })
    .from(statusChanges)
    .innerJoin(users, eq(users.id, statusChanges.actorId))
    .where(eq(statusChanges.ideaId, sql.placeholder("ideaId")))
    .orderBy(asc(statusChanges.id)),
);

/** An idea's status history, oldest first (for the idea page's timeline). */
export async function listStatusChanges(input: { ideaId: number }): Promise<StatusChangeView[]> {
  const rows = await statusChangesOfIdea("all", undefined).execute({ ideaId: input.ideaId });
  return rows.map(({ htmlVersion, actorId, actorName, ...r }) => ({
    ...r,
    noteHtml: r.note && htmlVersion !== RENDERER_VERSION ? renderMarkdown(r.note) : r.noteHtml,
    actor: { id: actorId, name: actorName },
  }));
}
