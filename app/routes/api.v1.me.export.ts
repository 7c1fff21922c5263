import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { exportAccountData } from "../models/account-export.server";

/**
 * GET /api/v1/me/export — everything the account gave Loopboard, as one JSON document (session
 * cookie or Bearer token). Sent as a download; never cached.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const data = await exportAccountData({ actor });
  const day = data.exportedAt.slice(0, 10);
  return json(data, {
    headers: {
      "Content-Disposition": `attachment; filename="loopboard-data-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
