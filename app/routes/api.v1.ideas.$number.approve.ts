import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { approveIdea } from "../models/idea-approval.server";
import { ideaToJson } from "../models/ideas.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/** POST /api/v1/ideas/:number/approve (staff; idempotent) → { idea } with `approval.state` "approved": it joins its board. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  return json({ idea: ideaToJson(await approveIdea({ actor, number: ideaNumberParam(params.number) })) });
}
