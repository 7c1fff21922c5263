import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { restoreStatus, statusToJson } from "../models/status-admin.server";

/** POST /api/v1/statuses/:key/restore → { status } (admins only) */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  return json({ status: statusToJson(await restoreStatus({ actor, key: params.key }), requestLocale(request, context)) });
}
