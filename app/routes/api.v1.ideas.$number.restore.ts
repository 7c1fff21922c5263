import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { ideaToJson } from "../models/ideas.server";
import { restoreIdea } from "../models/moderation.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/** POST /api/v1/ideas/:number/restore (staff) → { idea }: a hidden idea back where it was. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  return json({ idea: ideaToJson(await restoreIdea({ actor, number: ideaNumberParam(params.number) })) });
}
