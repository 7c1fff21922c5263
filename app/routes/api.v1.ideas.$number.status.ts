import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { API_JSON_MAX_BYTES, methodNotAllowed } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { readJsonBody } from "../lib/http.server";
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
  const body = await readJsonBody(request, API_JSON_MAX_BYTES);
  const result = await setIdeaStatus({ actor, number, status: body.status, note: body.note, notify: body.notify });
  return json(result);
}
