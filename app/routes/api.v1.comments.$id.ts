import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { methodNotAllowed, readApiInput } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { notFound } from "../lib/http.server";
import { commentToJson, deleteComment, updateComment } from "../models/comments.server";
import { CommentUpdateForm } from "../schemas/ideas";

function commentIdParam(value: string | undefined): number {
  const id = /^\d{1,10}$/.test(value ?? "") ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2147483647) throw notFound();
  return id;
}

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
  const { body } = await readApiInput(request, CommentUpdateForm);
  return json({ comment: commentToJson(await updateComment({ actor: user, id, body })) });
}
