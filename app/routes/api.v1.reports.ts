import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { listOpenReports, reportGroupToJson } from "../models/report-queue.server";

/** GET /api/v1/reports (staff) → { items }: the reported ideas and comments waiting, the longest-waiting first, each with its open reports. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const items = await listOpenReports({ actor });
  return json({ items: items.map(reportGroupToJson) }, { headers: { "Cache-Control": "private, no-store" } });
}
