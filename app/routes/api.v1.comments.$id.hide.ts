import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { commentIdParam } from "../lib/route-params.server";
import { commentToJson } from "../models/comments.server";
import { hideComment } from "../models/moderation.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/** POST /api/v1/comments/:id/hide { reason } (staff) → { comment } with `hidden { reason, at }`: members no longer see it. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  return json({ comment: commentToJson(await hideComment({ actor, id: commentIdParam(params.id), reason: body.reason })) });
}
