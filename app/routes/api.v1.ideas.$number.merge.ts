import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { getIdea, ideaToJson } from "../models/ideas.server";
import { mergeIdea } from "../models/merges.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/**
 * POST /api/v1/ideas/:number/merge { into } (staff and admins) → { idea } (the idea merged into);
 * 422 for itself or a circle, 409 when the idea is already merged.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  const { intoNumber } = await mergeIdea({ actor, number: ideaNumberParam(params.number), into: body.into });
  const idea = await getIdea({ actor, number: intoNumber });
  if (!idea) throw notFound();
  return json({ idea: ideaToJson(idea) });
}
