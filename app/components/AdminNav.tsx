import { useRootData } from "../i18n/use-t";
import { isAdmin } from "../permissions";
import { TabNav, type Tab } from "./TabNav";

/** The inbox is for all staff; the pages after it are for admins. */
const STAFF_PAGES: Tab[] = [{ to: "/admin/inbox", label: "inbox.title" }];

/** Every admin page, in one list: each admin page shows it at its top. */
const ADMIN_PAGES: Tab[] = [
  { to: "/admin/dashboard", label: "dashboard.title" },
  { to: "/admin/priorities", label: "priorities.title" },
  { to: "/admin/boards", label: "admin.boards.title" },
  { to: "/admin/companies", label: "admin.companies.title" },
  { to: "/admin/email", label: "admin.email.title" },
  { to: "/admin/deliveries", label: "admin.deliveries.title" },
];

/** The navigation the admin pages share: what the signed-in person may open. */
export function AdminNav() {
  const { user } = useRootData();
  return <TabNav label="admin.nav" tabs={isAdmin(user) ? [...STAFF_PAGES, ...ADMIN_PAGES] : STAFF_PAGES} />;
}
