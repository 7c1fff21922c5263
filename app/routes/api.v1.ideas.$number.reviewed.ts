import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { markIdeaReviewed } from "../models/triage.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/**
 * POST /api/v1/ideas/:number/reviewed (staff and admins) → { number, reviewed }: the idea leaves
 * the triage inbox; `reviewed` is false when it was no longer waiting.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  return json(await markIdeaReviewed({ actor, number: ideaNumberParam(params.number) }));
}
