import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { searchParamsObject } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { getStats } from "../models/stats.server";

/**
 * GET /api/v1/stats?board=&tag=&segment=&weeks= (staff) → the dashboard's figures: activity per week, ideas by
 * status, first-response and planned-to-shipped medians, shipped per month, and the loop. 403 for
 * members, 404 for an unknown board, tag or segment, 422 for weeks outside 1–104. Shape in docs/api.md.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const stats = await getStats({ actor, raw: searchParamsObject(request), locale: requestLocale(request, context) });
  return json({ stats }, { headers: { "Cache-Control": "private, no-store" } });
}

export function action() {
  throw methodNotAllowed(["GET"]);
}
