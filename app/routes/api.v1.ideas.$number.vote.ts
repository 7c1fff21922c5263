import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { setVote } from "../models/votes.server";

export function loader() {
  throw methodNotAllowed(["POST", "DELETE"]);
}

/**
 * POST /api/v1/ideas/:number/vote votes, DELETE withdraws; both idempotent → { voted, voteCount }.
 * The production server answers these two without Remix (app/direct-routes.server.ts), the same way.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST" && request.method !== "DELETE") throw methodNotAllowed(["POST", "DELETE"]);
  const user = requireUser(request, context);
  return json(await setVote({ actor: user, number: ideaNumberParam(params.number), voted: request.method === "POST" }));
}
