import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { createStatus, listStatuses, statusToJson } from "../models/status-admin.server";

/** GET /api/v1/statuses → { statuses }: the ones in use, in order; staff get the retired ones too. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = requestLocale(request, context);
  const statuses = await listStatuses({ actor: context.auth.user });
  // Staff's answer holds retired statuses: never kept by a shared cache.
  return json({ statuses: statuses.map((s) => statusToJson(s, locale)) }, context.auth.user ? { headers: { "Cache-Control": "private, no-store" } } : undefined);
}

/** POST /api/v1/statuses { labels: { en, ar?, sl? }, kind, color } → 201 { status } (admins only) */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["GET", "POST"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  const status = await createStatus({ actor, labels: body.labels, kind: body.kind, color: body.color });
  return json({ status: statusToJson(status, requestLocale(request, context)) }, { status: 201 });
}
