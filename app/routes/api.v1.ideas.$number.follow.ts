import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { methodNotAllowed } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { followIdea, unfollowIdea } from "../models/subscriptions.server";

export function loader() {
  throw methodNotAllowed(["POST", "DELETE"]);
}

/** POST /api/v1/ideas/:number/follow follows, DELETE unfollows; both idempotent → { following, followerCount } */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST" && request.method !== "DELETE") throw methodNotAllowed(["POST", "DELETE"]);
  const actor = requireUser(request, context);
  const input = { actor, number: ideaNumberParam(params.number) };
  return json(request.method === "POST" ? await followIdea(input) : await unfollowIdea(input));
}
