import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import type { MessageKey } from "../i18n";

export const meta: MetaFunction = () => [{ title: "Settings · Loopboard" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  return json(null);
}

/** The settings sections, in tab order. */
export const SETTINGS_TABS: Array<{ to: string; label: MessageKey }> = [
  { to: "/settings/profile", label: "settings.profile.title" },
  { to: "/settings/tokens", label: "settings.tokens.title" },
  { to: "/settings/notifications", label: "emailSettings.title" },
];

export default function Settings() {
  const t = useT();
  return (
    <div>
      <h1>{t("settings.title")}</h1>
      <nav aria-label={t("settings.nav")} className="tabs">
        {SETTINGS_TABS.map((tab) => (
          <NavLink key={tab.to} to={tab.to}>
            {t(tab.label)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
