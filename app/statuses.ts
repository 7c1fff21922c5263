/**
 * Idea statuses are data (the `statuses` table, ADR 0029): admins add, rename, recolour, reorder
 * and retire them. What this module knows is the shape of one, the kinds that give a status its
 * meaning, the palette of badge colours, and the six defaults a new database starts with. Pure and
 * client-safe: pages read the resolved list through useStatuses(), the server through
 * app/models/status-catalog.server.ts.
 */
import type { MessageKey } from "./i18n";
import { useRootData } from "./i18n/use-t";

/** A status's key: the six defaults' own names, or a slug of a custom status's English name. */
export type IdeaStatus = string;

/**
 * What a status means, whatever it is called: `open` (new, not yet looked at), `active` (on the
 * roadmap: being considered or worked on), `done` (shipped: the changelog, the shipped email) or
 * `declined` (a note is required to say why).
 */
export const STATUS_KINDS = ["open", "active", "done", "declined"] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

/** The badge colours: each is a CSS class `status--{color}` with AA contrast (board.css). */
export const STATUS_COLORS = ["grey", "amber", "blue", "purple", "green", "red", "teal", "pink", "brown", "indigo"] as const;
export type StatusColor = (typeof STATUS_COLORS)[number];

/** The six statuses a new board starts with; their labels come from the catalogs. */
export const DEFAULT_STATUSES = [
  { key: "open", kind: "open", color: "grey" },
  { key: "under_review", kind: "active", color: "amber" },
  { key: "planned", kind: "active", color: "blue" },
  { key: "in_progress", kind: "active", color: "purple" },
  { key: "shipped", kind: "done", color: "green" },
  { key: "declined", kind: "declined", color: "red" },
] as const satisfies readonly { key: string; kind: StatusKind; color: StatusColor }[];

/** The six default keys, in their default order. */
export const IDEA_STATUSES = DEFAULT_STATUSES.map((s) => s.key);

/** The catalog key of a default status's label (undefined for a custom status). */
export function defaultLabelKey(key: string): MessageKey | undefined {
  return DEFAULT_STATUSES.some((s) => s.key === key) ? (`status.${key}` as MessageKey) : undefined;
}

/** One status as pages, emails and the API see it: its label already in the reader's language. */
export interface StatusView {
  key: IdeaStatus;
  kind: StatusKind;
  color: StatusColor;
  label: string;
  position: number;
  retired: boolean;
}

export const isStatusKind = (value: unknown): value is StatusKind => typeof value === "string" && (STATUS_KINDS as readonly string[]).includes(value);
export const isStatusColor = (value: unknown): value is StatusColor => typeof value === "string" && (STATUS_COLORS as readonly string[]).includes(value);

/** What a page shows for a key no longer in the list (it never is: keys are kept, only retired). */
function unknownStatus(key: string): StatusView {
  return { key, kind: "active", color: "grey", label: key, position: 0, retired: true };
}

/** Every status, retired ones included, in order, labelled for this page's language. */
export function useStatuses(): StatusView[] {
  return useRootData().statuses;
}

/** The statuses an idea can be set to: the list without the retired ones. */
export function useSelectableStatuses(): StatusView[] {
  return useStatuses().filter((s) => !s.retired);
}

/** One status by key. */
export function useStatus(key: IdeaStatus): StatusView {
  return findStatusView(useStatuses(), key);
}

export function findStatusView(list: readonly StatusView[], key: IdeaStatus): StatusView {
  return list.find((s) => s.key === key) ?? unknownStatus(key);
}
