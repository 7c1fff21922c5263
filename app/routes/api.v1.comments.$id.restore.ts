import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { commentIdParam } from "../lib/route-params.server";
import { commentToJson } from "../models/comments.server";
import { restoreComment } from "../models/moderation.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/** POST /api/v1/comments/:id/restore (staff) → { comment } */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  return json({ comment: commentToJson(await restoreComment({ actor, id: commentIdParam(params.id) })) });
}
