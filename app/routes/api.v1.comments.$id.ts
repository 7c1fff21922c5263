import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { commentIdParam } from "../lib/route-params.server";
import { commentToJson, deleteComment, updateComment } from "../models/comments.server";

export function loader() {
  throw methodNotAllowed(["PATCH", "DELETE"]);
}

/** PATCH /api/v1/comments/:id { body } → { comment }; DELETE → 204 (replies go with it) */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PATCH" && request.method !== "DELETE") throw methodNotAllowed(["PATCH", "DELETE"]);
  const user = requireUser(request, context);
  const id = commentIdParam(params.id);
  if (request.method === "DELETE") {
    await deleteComment({ actor: user, id });
    return new Response(null, { status: 204 });
  }
  const { body } = await readApiBody(request);
  return json({ comment: commentToJson(await updateComment({ actor: user, id, body })) });
}
