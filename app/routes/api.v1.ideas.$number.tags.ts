import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { setIdeaTags } from "../models/idea-tags.server";
import { getIdea, ideaToJson } from "../models/ideas.server";

export function loader() {
  throw methodNotAllowed(["PUT"]);
}

/**
 * PUT /api/v1/ideas/:number/tags { tags: [slug…] } (staff and admins) → { idea, added, removed }:
 * the idea carries exactly these tags. 404 for an unknown idea, 422 for a slug that names no tag.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PUT") throw methodNotAllowed(["PUT"]);
  const actor = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  const body = await readApiBody(request);
  const { added, removed } = await setIdeaTags({ actor, number, tags: body.tags });
  const idea = await getIdea({ actor, number });
  if (!idea) throw notFound();
  return json({ idea: ideaToJson(idea), added, removed });
}
