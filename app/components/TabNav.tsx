import { NavLink } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { MessageKey } from "../i18n";

/** `count`: how many things wait there, as a badge, and `waiting` the name that says so (a plural message with {n}). */
export type Tab = { to: string; label: MessageKey; count?: number; waiting?: MessageKey };

/** A row of links between sibling pages (settings, admin); NavLink marks the current one with aria-current. */
export function TabNav({ label, tabs }: { label: MessageKey; tabs: Tab[] }) {
  const t = useT();
  return (
    <nav aria-label={t(label)} className="tabs">
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} aria-label={tab.count && tab.waiting ? t(tab.waiting, { count: tab.count, n: tab.count > 99 ? "99+" : String(tab.count) }) : undefined}>
          {t(tab.label)}
          {tab.count ? (
            <span className="tab-count" aria-hidden="true">
              {tab.count > 99 ? "99+" : tab.count}
            </span>
          ) : null}
        </NavLink>
      ))}
    </nav>
  );
}
