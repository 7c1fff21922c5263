import { NavLink } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { MessageKey } from "../i18n";

/** Every admin page, in one list: each admin page shows it at its top. */
const ADMIN_PAGES: Array<{ to: string; label: MessageKey }> = [
  { to: "/admin/boards", label: "admin.boards.title" },
  { to: "/admin/email", label: "admin.email.title" },
  { to: "/admin/deliveries", label: "admin.deliveries.title" },
];

/** The navigation the admin pages share (the current page is marked by NavLink's aria-current). */
export function AdminNav() {
  const t = useT();
  return (
    <nav aria-label={t("admin.nav")} className="tabs">
      {ADMIN_PAGES.map((page) => (
        <NavLink key={page.to} to={page.to}>
          {t(page.label)}
        </NavLink>
      ))}
    </nav>
  );
}
