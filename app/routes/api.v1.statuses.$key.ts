import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { statusToJson, updateStatus } from "../models/status-admin.server";

/** PATCH /api/v1/statuses/:key { labels?, kind?, color?, position? } → { status } (admins only; 404 unknown) */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PATCH") throw methodNotAllowed(["PATCH"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  const status = await updateStatus({ actor, key: params.key, labels: body.labels, kind: body.kind, color: body.color, position: body.position });
  return json({ status: statusToJson(status, requestLocale(request, context)) });
}
