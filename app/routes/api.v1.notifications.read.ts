import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { markNotificationsRead } from "../models/notifications.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/** POST /api/v1/notifications/read { ids? } (none = all) → { updated, unread }; others' ids are ignored. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  return json(await markNotificationsRead({ actor, ids: body.ids }));
}
