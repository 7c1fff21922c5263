import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { retireStatus, statusToJson } from "../models/status-admin.server";

/** POST /api/v1/statuses/:key/retire { moveTo? } → { status, moved } (admins only; its ideas move quietly to moveTo) */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  const { status, moved } = await retireStatus({ actor, key: params.key, moveTo: body.moveTo });
  return json({ status: statusToJson(status, requestLocale(request, context)), moved });
}
