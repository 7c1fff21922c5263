import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { commentIdParam } from "../lib/route-params.server";
import { commentToJson, deleteComment, getComment, updateComment } from "../models/comments.server";

/** GET /api/v1/comments/:id → { comment } (an internal note is 404 to anyone but staff) */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const comment = await getComment({ actor: context.auth.user, id: commentIdParam(params.id) });
  if (!comment) throw notFound();
  return json({ comment: commentToJson(comment) });
}

/** PATCH /api/v1/comments/:id { body } → { comment }; DELETE → 204 (replies go with it) */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PATCH" && request.method !== "DELETE") throw methodNotAllowed(["GET", "PATCH", "DELETE"]);
  const user = requireUser(request, context);
  const id = commentIdParam(params.id);
  if (request.method === "DELETE") {
    await deleteComment({ actor: user, id });
    return new Response(null, { status: 204 });
  }
  const { body } = await readApiBody(request);
  return json({ comment: commentToJson(await updateComment({ actor: user, id, body })) });
}
