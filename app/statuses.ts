/**
 * The idea statuses and what each one means for display: its label, its badge colour (a CSS class
 * suffix, `status--open`) and whether ideas with it appear on the public roadmap. Pure and
 * client-safe: pages, emails and models all read it.
 */
import type { MessageKey } from "./i18n";

export const IDEA_STATUSES = ["open", "under_review", "planned", "in_progress", "shipped", "declined"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export interface StatusMeta {
  labelKey: MessageKey;
  /** A CSS class suffix: the badge is `status status--{color}`. */
  color: string;
  onRoadmap: boolean;
}

export const STATUS_META: Record<IdeaStatus, StatusMeta> = {
  open: { labelKey: "status.open", color: "open", onRoadmap: false },
  under_review: { labelKey: "status.under_review", color: "under-review", onRoadmap: true },
  planned: { labelKey: "status.planned", color: "planned", onRoadmap: true },
  in_progress: { labelKey: "status.in_progress", color: "in-progress", onRoadmap: true },
  shipped: { labelKey: "status.shipped", color: "shipped", onRoadmap: true },
  declined: { labelKey: "status.declined", color: "declined", onRoadmap: false },
};

export function isIdeaStatus(value: unknown): value is IdeaStatus {
  return typeof value === "string" && (IDEA_STATUSES as readonly string[]).includes(value);
}
