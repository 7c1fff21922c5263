import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { ideaToJson } from "../models/ideas.server";
import { setCommentsLocked } from "../models/moderation-flags.server";

export function loader() {
  throw methodNotAllowed(["POST", "DELETE"]);
}

/** POST /api/v1/ideas/:number/lock locks its comments, DELETE unlocks them (staff; both idempotent) → { idea } with `commentsLocked`. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST" && request.method !== "DELETE") throw methodNotAllowed(["POST", "DELETE"]);
  const actor = requireUser(request, context);
  return json({ idea: ideaToJson(await setCommentsLocked({ actor, number: ideaNumberParam(params.number), locked: request.method === "POST" })) });
}
