/**
 * The status list, read often and changed rarely: loaded once per process and dropped on every
 * write (status-admin.server.ts calls forgetStatuses after its transaction), so a change is seen
 * by the next request (in other web processes within CACHE_TTL_MS). Everything that needs to know what a status is called or what kind it is
 * asks here: pages (through the root loader), emails, the roadmap, the changelog, the stats.
 */
import { asc, sql, type SQL } from "drizzle-orm";
import { statuses } from "../../db/schema";
import { translate, type Locale } from "../i18n";
import { db, type Executor } from "../lib/db.server";
import { unprocessable } from "../lib/errors.server";
import { defaultLabelKey, findStatusView, type IdeaStatus, type StatusColor, type StatusKind, type StatusView } from "../statuses";

export type StatusRow = typeof statuses.$inferSelect;

// The database's kinds are the app's (db/schema.ts may not import app/statuses.ts): a drift fails to compile.
type DatabaseKind = (typeof statuses.kind.enumValues)[number];
export const KINDS_MATCH: [StatusKind] extends [DatabaseKind] ? ([DatabaseKind] extends [StatusKind] ? true : never) : never = true;

let cached: Promise<StatusRow[]> | null = null;
let cachedAt = 0;
/**
 * The other web processes (WEB_CONCURRENCY on PostgreSQL) are not told of a write: they reread
 * after this long. Whether a status may be given is checked in the database, under a lock.
 */
const CACHE_TTL_MS = 5_000;

/**
 * Every status, retired ones included, in position order (cached until the next write). Inside a
 * transaction pass it as `executor`: on PGlite's one connection a read beside it would wait forever.
 */
export function loadStatuses(executor?: Executor): Promise<StatusRow[]> {
  if (cached && Date.now() - cachedAt > CACHE_TTL_MS && !executor) cached = null;
  if (!cached && executor) return executor.select().from(statuses).orderBy(asc(statuses.position), asc(statuses.key));
  if (!cached) {
    cachedAt = Date.now();
    // A real promise: a drizzle query awaited again would run again (outside any transaction).
    const loading = Promise.resolve(db.select().from(statuses).orderBy(asc(statuses.position), asc(statuses.key)));
    cached = loading;
    // A failed read must not stay cached.
    loading.catch(() => {
      if (cached === loading) cached = null;
    });
  }
  return cached;
}

/** Drops the cached list: the next read sees what was just written. */
export function forgetStatuses(): void {
  cached = null;
}

/** A status's name in `locale`: the admin's name for it there, else a default's catalog label, else its English name. */
export function labelOf(row: Pick<StatusRow, "key" | "labels">, locale: Locale): string {
  const own = row.labels[locale];
  if (own) return own;
  const key = defaultLabelKey(row.key);
  if (key) return translate(locale, key);
  return row.labels.en ?? row.key;
}

export function statusView(row: StatusRow, locale: Locale): StatusView {
  return { key: row.key, kind: row.kind, color: row.color as StatusColor, label: labelOf(row, locale), position: row.position, retired: row.retiredAt !== null };
}

/** Every status labelled in `locale`, retired ones marked: what pages get through useStatuses(). */
export async function statusViews(locale: Locale): Promise<StatusView[]> {
  return (await loadStatuses()).map((row) => statusView(row, locale));
}

/** One status by key, or null. */
export async function findStatus(key: unknown, executor?: Executor): Promise<StatusRow | null> {
  if (typeof key !== "string") return null;
  return (await loadStatuses(executor)).find((s) => s.key === key) ?? null;
}

/**
 * A list's `?status=`: undefined when not asked or when it names no status. The API refuses such
 * a key instead (`refuse`: 422 on `status`); a page drops it, as it drops any unreadable filter.
 */
export async function statusFilter(key: string | undefined, refuse?: { locale: Locale }): Promise<IdeaStatus | undefined> {
  if (key === undefined || (await findStatus(key))) return key;
  if (refuse) throw unprocessable({ status: translate(refuse.locale, "ideas.query.statusInvalid") });
  return undefined;
}

/** A status's label in `locale` (its key when unknown, which a foreign key makes impossible). */
export async function statusLabel(key: IdeaStatus, locale: Locale): Promise<string> {
  return findStatusView(await statusViews(locale), key).label;
}

/** The keys of the statuses of these kinds (retired ones too: an idea may still have one). */
export async function keysOfKind(...kinds: StatusKind[]): Promise<IdeaStatus[]> {
  return (await loadStatuses()).filter((s) => kinds.includes(s.kind)).map((s) => s.key);
}

/** The status a new idea gets: the first of kind "open" in use (one always is: the last cannot be retired). */
export async function newIdeaStatus(executor?: Executor): Promise<IdeaStatus> {
  return (await loadStatuses(executor)).find((s) => s.kind === "open" && !s.retiredAt)?.key ?? "open";
}

/** The kind of status `key` (null when unknown). */
export async function kindOf(key: IdeaStatus, executor?: Executor): Promise<StatusKind | null> {
  return (await findStatus(key, executor))?.kind ?? null;
}

/**
 * SQL "`column` is a status of one of these kinds", as a list of keys (the statuses are a handful,
 * so a list keeps the plans the indexes on ideas.status were built for). FALSE when there is none.
 */
export async function statusOfKind(column: SQL, ...kinds: StatusKind[]): Promise<SQL> {
  const keys = await keysOfKind(...kinds);
  if (keys.length === 0) return sql`FALSE`;
  return sql`${column} IN (${sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  )})`;
}
