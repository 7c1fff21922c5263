import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { searchParamsObject } from "../lib/api.server";
import { methodNotAllowed } from "../lib/errors.server";
import { requireUser } from "../lib/auth.server";
import { countUnread, listNotifications } from "../models/notifications.server";

/** GET /api/v1/notifications?limit=&cursor= → { notifications: [...newest first], nextCursor, unread } */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const { limit, cursor } = searchParamsObject(request);
  const page = await listNotifications({ actor, limit, cursor });
  return json({ ...page, unread: await countUnread({ actor }) });
}

export function action() {
  throw methodNotAllowed(["GET"]);
}
