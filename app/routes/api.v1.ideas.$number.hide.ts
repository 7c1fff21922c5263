import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { ideaToJson } from "../models/ideas.server";
import { hideIdea } from "../models/moderation.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/** POST /api/v1/ideas/:number/hide { reason } (staff) → { idea } with `hidden { reason, at }`: it leaves every list, search, feed and count. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  return json({ idea: ideaToJson(await hideIdea({ actor, number: ideaNumberParam(params.number), reason: body.reason })) });
}
