import { useRootData } from "../i18n/use-t";
import { isAdmin } from "../permissions";
import { TabNav, type Tab } from "./TabNav";

/** The pages every staff member may open (the approval queue with how many ideas wait there). */
const staffPages = (pending: number): Tab[] => [
  { to: "/admin/inbox", label: "inbox.title" },
  { to: "/admin/reports", label: "reports.title" },
  { to: "/admin/moderation", label: "nav.approval", count: pending, waiting: "nav.approvalWaiting" },
  { to: "/admin/dashboard", label: "dashboard.title" },
  { to: "/admin/priorities", label: "priorities.title" },
  { to: "/admin/companies", label: "admin.companies.title" },
];

/** And the admins' pages: every admin page shows the list at its top. */
const ADMIN_PAGES: Tab[] = [
  { to: "/admin/boards", label: "admin.boards.title" },
  { to: "/admin/email", label: "admin.email.title" },
  { to: "/admin/deliveries", label: "admin.deliveries.title" },
  { to: "/admin/replies", label: "admin.replies.title" },
  { to: "/admin/tags", label: "tags.admin.title" },
  { to: "/admin/statuses", label: "statuses.admin.title" },
  { to: "/admin/people", label: "people.title" },
  { to: "/admin/import", label: "import.title" },
];

/** The navigation the admin pages share: what the signed-in person may open. */
export function AdminNav() {
  const { user, pending } = useRootData();
  const staff = staffPages(pending);
  return <TabNav label="admin.nav" tabs={isAdmin(user) ? [...staff, ...ADMIN_PAGES] : staff} />;
}
