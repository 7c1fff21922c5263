import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { setIdeaStatus } from "../models/statuses.server";

export function loader() {
  throw methodNotAllowed(["PATCH"]);
}

/**
 * PATCH /api/v1/ideas/:number/status { status, note?, notify? } (staff and admins)
 * → { statusChange, idea: { number, status } }; 403 for members, 422 for the current status.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PATCH") throw methodNotAllowed(["PATCH"]);
  const actor = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  const body = await readApiBody(request);
  return json(await setIdeaStatus({ actor, number, status: body.status, note: body.note, notify: body.notify }));
}
