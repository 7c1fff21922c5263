import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { TabNav, type Tab } from "../components/TabNav";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { titledMeta } from "../page-meta";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "settings.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  return json(null);
}

/** The settings sections, in tab order. */
export const SETTINGS_TABS: Tab[] = [
  { to: "/settings/profile", label: "settings.profile.title" },
  { to: "/settings/tokens", label: "settings.tokens.title" },
  { to: "/settings/notifications", label: "emailSettings.title" },
  { to: "/settings/account", label: "account.title" },
];

export default function Settings() {
  const t = useT();
  return (
    <div>
      <h1>{t("settings.title")}</h1>
      <TabNav label="settings.nav" tabs={SETTINGS_TABS} />
      <Outlet />
    </div>
  );
}
