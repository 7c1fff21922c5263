import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { setVoteImportance } from "../models/votes-on-behalf.server";

export function loader() {
  throw methodNotAllowed(["PUT"]);
}

/** PUT /api/v1/ideas/:number/importance { importance: "nice_to_have"|"important"|"must_have"|null } on one's own vote → { importance }. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PUT") throw methodNotAllowed(["PUT"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  return json(await setVoteImportance({ actor, number: ideaNumberParam(params.number), importance: body.importance ?? "" }));
}
