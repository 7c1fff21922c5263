import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { setFollowing } from "../models/subscriptions.server";

export function loader() {
  throw methodNotAllowed(["POST", "DELETE"]);
}

/** POST /api/v1/ideas/:number/follow follows, DELETE unfollows; both idempotent → { following, followerCount } */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST" && request.method !== "DELETE") throw methodNotAllowed(["POST", "DELETE"]);
  const actor = requireUser(request, context);
  return json(await setFollowing({ actor, number: ideaNumberParam(params.number), following: request.method === "POST" }));
}
