import { NavLink } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { MessageKey } from "../i18n";

export type Tab = { to: string; label: MessageKey };

/** A row of links between sibling pages (settings, admin); NavLink marks the current one with aria-current. */
export function TabNav({ label, tabs }: { label: MessageKey; tabs: Tab[] }) {
  const t = useT();
  return (
    <nav aria-label={t(label)} className="tabs">
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to}>
          {t(tab.label)}
        </NavLink>
      ))}
    </nav>
  );
}
