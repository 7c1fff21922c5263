import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { getIdea, ideaToJson } from "../models/ideas.server";
import { unmergeIdea } from "../models/merges.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/** POST /api/v1/ideas/:number/unmerge (staff and admins) → { idea } (the idea, open again); 422 when it is not merged. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  const { number } = await unmergeIdea({ actor, number: ideaNumberParam(params.number) });
  const idea = await getIdea({ actor, number });
  if (!idea) throw notFound();
  return json({ idea: ideaToJson(idea) });
}
