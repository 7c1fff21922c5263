import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { getIdea, ideaToJson } from "../models/ideas.server";
import { moveIdea } from "../models/idea-moves.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/**
 * POST /api/v1/ideas/:number/move { board } (staff and admins) → { idea, from, to }; 404 for an
 * unknown idea or board, 422 for an archived board or the one it is on.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  const moved = await moveIdea({ actor, number: ideaNumberParam(params.number), board: body.board });
  const idea = await getIdea({ actor, number: moved.number });
  if (!idea) throw notFound();
  return json({ idea: ideaToJson(idea), from: moved.from, to: moved.to });
}
