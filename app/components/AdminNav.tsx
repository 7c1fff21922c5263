import { TabNav, type Tab } from "./TabNav";

/** Every admin page, in one list: each admin page shows it at its top. */
const ADMIN_PAGES: Tab[] = [
  { to: "/admin/dashboard", label: "dashboard.title" },
  { to: "/admin/priorities", label: "priorities.title" },
  { to: "/admin/boards", label: "admin.boards.title" },
  { to: "/admin/companies", label: "admin.companies.title" },
  { to: "/admin/email", label: "admin.email.title" },
  { to: "/admin/deliveries", label: "admin.deliveries.title" },
];

/** The navigation the admin pages share. */
export function AdminNav() {
  return <TabNav label="admin.nav" tabs={ADMIN_PAGES} />;
}
