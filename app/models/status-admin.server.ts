/**
 * Admins shape the status list (ADR 0029): add a status, rename it per language, recolour it,
 * change its kind, move it, retire it and restore it. Retiring a status that ideas have moves them
 * to another one first: each move is a status change on the idea's timeline, by the admin, told to
 * nobody (a reorganisation is not news). Every write drops the cached list (status-catalog).
 */
import { eq, sql } from "drizzle-orm";
import { statuses } from "../../db/schema";
import { translate, type Locale } from "../i18n";
import { wordsSlug } from "../idea-links";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows, type Executor } from "../lib/db.server";
import { forbidden, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { canManageStatuses, canSeeRetiredStatuses, type Actor } from "../permissions";
import { StatusCreateInput, StatusPatchInput, StatusRetireInput } from "../schemas/status-definitions";
import { defaultLabelKey } from "../statuses";
import { forgetStatuses, loadStatuses, statusView, type StatusRow } from "./status-catalog.server";

function mayManage(actor: SessionUser | null): asserts actor is SessionUser {
  if (!actor) throw unauthorized();
  if (!canManageStatuses(actor)) throw forbidden();
}

/** The list as the reader may see it: statuses in use for everyone, retired ones too for staff. */
export async function listStatuses(input: { actor: Actor | null }): Promise<StatusRow[]> {
  const all = await loadStatuses();
  return canSeeRetiredStatuses(input.actor) ? all : all.filter((s) => !s.retiredAt);
}

/** A status in the JSON API: its label in `locale` and the names admins gave it. */
export function statusToJson(row: StatusRow, locale: Locale) {
  const { key, kind, color, label, position, retired } = statusView(row, locale);
  return { key, kind, color, label, labels: row.labels, position, retired, retiredAt: row.retiredAt?.toISOString() ?? null };
}

/** How many ideas have each status (merged and hidden ones too: they keep a status). */
export async function countIdeasByStatus(): Promise<Map<string, number>> {
  const rows = await queryRows<{ status: string; n: number }>(db, sql`SELECT status, count(*)::int AS n FROM ideas GROUP BY status`);
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

async function findForWrite(key: unknown): Promise<StatusRow> {
  const row = typeof key === "string" ? (await loadStatuses()).find((s) => s.key === key) : undefined;
  if (!row) throw notFound();
  return row;
}

/** Refuses to leave no status of kind "open" in use: new ideas need one. */
async function keepAnOpenStatus(row: StatusRow, locale: Locale): Promise<void> {
  const open = (await loadStatuses()).filter((s) => s.kind === "open" && !s.retiredAt);
  if (open.length === 1 && open[0].key === row.key) throw unprocessable({ status: translate(locale, "statuses.error.lastOpen") });
}

/** A key for a new status: its English name as a slug (underscores), made unique. */
function newKey(name: string, taken: Set<string>): string {
  const base = wordsSlug(name).replace(/-/g, "_").slice(0, 50) || "status";
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

/** Another status of the list already reads `name` in English. */
function nameTaken(all: StatusRow[], name: string, locale: Locale, except?: string): void {
  const lower = name.toLocaleLowerCase("en");
  if (all.some((s) => s.key !== except && statusView(s, "en").label.toLocaleLowerCase("en") === lower)) {
    throw unprocessable({ "labels.en": translate(locale, "statuses.error.nameTaken") });
  }
}

/** Admins: a new status, last in the list. 422 with field messages for a missing name, kind or colour. */
export async function createStatus(input: { actor: SessionUser | null; labels: unknown; kind: unknown; color: unknown }): Promise<StatusRow> {
  const { actor } = input;
  mayManage(actor);
  const data = parseOrRefuse(StatusCreateInput, { labels: input.labels, kind: input.kind, color: input.color }, actor.locale);
  const all = await loadStatuses();
  nameTaken(all, data.labels.en, actor.locale);
  const labels = Object.fromEntries(Object.entries(data.labels).filter(([, v]) => v)) as StatusRow["labels"];
  try {
    const [row] = await db
      .insert(statuses)
      .values({
        key: newKey(data.labels.en, new Set(all.map((s) => s.key))),
        kind: data.kind,
        color: data.color,
        labels,
        position: sql`(SELECT coalesce(max(position), 0) + 1 FROM statuses)`,
      })
      .returning();
    return row;
  } finally {
    forgetStatuses();
  }
}

/** Numbers the list 1…n in the given order. */
async function renumber(tx: Executor, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const values = sql.join(
    keys.map((key, i) => sql`(${key}::text, ${i + 1}::int)`),
    sql`, `,
  );
  await tx.execute(sql`UPDATE statuses s SET position = v.position FROM (VALUES ${values}) AS v(key, position) WHERE s.key = v.key`);
}

/**
 * Admins: rename (per language; "" clears a name: a default's catalog label, or the English one,
 * is used), recolour, change the kind or move a status to `position` (1 = first). 404 unknown.
 */
export async function updateStatus(input: { actor: SessionUser | null; key: unknown; labels?: unknown; kind?: unknown; color?: unknown; position?: unknown }): Promise<StatusRow> {
  const { actor } = input;
  mayManage(actor);
  const row = await findForWrite(input.key);
  const data = parseOrRefuse(StatusPatchInput, { labels: input.labels ?? undefined, kind: input.kind ?? undefined, color: input.color ?? undefined, position: input.position ?? undefined }, actor.locale);
  const all = await loadStatuses();
  const labels = { ...row.labels };
  for (const [locale, name] of Object.entries(data.labels ?? {}) as [keyof StatusRow["labels"], string | undefined][]) {
    if (name === undefined) continue;
    if (name === "") delete labels[locale];
    else labels[locale] = name;
  }
  const custom = !defaultLabelKey(row.key);
  if (custom && !labels.en) throw unprocessable({ "labels.en": translate(actor.locale, "statuses.error.nameRequired") });
  if (data.labels?.en) nameTaken(all, data.labels.en, actor.locale, row.key);
  if (data.kind && data.kind !== "open" && row.kind === "open") await keepAnOpenStatus(row, actor.locale);
  try {
    return await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(statuses)
        .set({ labels, ...(data.kind ? { kind: data.kind } : {}), ...(data.color ? { color: data.color } : {}) })
        .where(eq(statuses.key, row.key))
        .returning();
      if (data.position !== undefined) {
        const order = all.map((s) => s.key).filter((k) => k !== row.key);
        order.splice(Math.min(data.position, order.length + 1) - 1, 0, row.key);
        await renumber(tx, order);
        updated.position = order.indexOf(row.key) + 1;
      }
      return updated;
    });
  } finally {
    forgetStatuses();
  }
}

/**
 * Admins: retires a status. Ideas that have it move to `moveTo` (required when there are any; a
 * status in use, not this one): one status change each on their timelines, by the admin,
 * notifying nobody. The last status of kind "open" stays. Retiring a retired status changes nothing.
 */
export async function retireStatus(input: { actor: SessionUser | null; key: unknown; moveTo?: unknown }): Promise<{ status: StatusRow; moved: number }> {
  const { actor } = input;
  mayManage(actor);
  const row = await findForWrite(input.key);
  const { moveTo } = parseOrRefuse(StatusRetireInput, { moveTo: input.moveTo ?? undefined }, actor.locale);
  if (row.retiredAt) return { status: row, moved: 0 };
  await keepAnOpenStatus(row, actor.locale);
  const target = moveTo === undefined ? undefined : (await loadStatuses()).find((s) => s.key === moveTo && !s.retiredAt && s.key !== row.key);
  if (moveTo !== undefined && !target) throw unprocessable({ moveTo: translate(actor.locale, "statuses.error.moveTo") });
  try {
    return await db.transaction(async (tx) => {
      // The status is retired first, under its row lock: a status change racing this one and
      // giving an idea this status either commits before (and is moved) or finds it retired.
      const [retired] = await tx.update(statuses).set({ retiredAt: sql`now()` }).where(eq(statuses.key, row.key)).returning();
      const ideasWithIt = await queryRows<{ id: number }>(tx, sql`SELECT id FROM ideas WHERE status = ${row.key} ORDER BY id FOR UPDATE`);
      if (ideasWithIt.length === 0) return { status: retired, moved: 0 };
      if (!target) throw unprocessable({ moveTo: translate(actor.locale, "statuses.error.moveToRequired", { count: ideasWithIt.length }) });
      await moveIdeas(tx, { from: row, to: target, actorId: actor.id });
      return { status: retired, moved: ideasWithIt.length };
    });
  } finally {
    forgetStatuses();
  }
}

/** Every idea with status `from` gets `to`, each with a quiet status change by the admin. */
async function moveIdeas(tx: Executor, input: { from: StatusRow; to: StatusRow; actorId: number }): Promise<void> {
  const sameKind: boolean = input.from.kind === input.to.kind;
  await tx.execute(sql`
    WITH moved AS (
      UPDATE ideas SET status = ${input.to.key},
        -- Within one kind the idea did not ship (or get declined) again: its date stays.
        status_changed_at = CASE WHEN ${sameKind}::boolean THEN status_changed_at ELSE now() END
      WHERE status = ${input.from.key}
      RETURNING id)
    INSERT INTO status_changes (idea_id, actor_id, from_status, to_status, notified)
    SELECT id, ${input.actorId}::int, ${input.from.key}, ${input.to.key}, false FROM moved`);
}

/** Admins: a retired status back in use, where it was in the list. */
export async function restoreStatus(input: { actor: SessionUser | null; key: unknown }): Promise<StatusRow> {
  mayManage(input.actor);
  const row = await findForWrite(input.key);
  try {
    const [restored] = await db.update(statuses).set({ retiredAt: null }).where(eq(statuses.key, row.key)).returning();
    return restored;
  } finally {
    forgetStatuses();
  }
}
