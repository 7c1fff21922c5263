import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { addComment, commentToJson } from "../models/comments.server";
import { getIdeaWithComments } from "../models/ideas.server";

/** GET /api/v1/ideas/:number/comments → { comments } (top-level oldest first, replies nested) */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await getIdeaWithComments({ actor: context.auth.user, number: ideaNumberParam(params.number) });
  if (!found) throw notFound();
  return json({ comments: found.comments.map((c) => commentToJson(c)) });
}

/** POST /api/v1/ideas/:number/comments { body, parentId?, internal? } → 201 { comment } (internal: staff only, 403 otherwise) */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["GET", "POST"]);
  const user = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  const { body, parentId, internal } = await readApiBody(request);
  const comment = await addComment({ actor: user, number, body, parentId, internal });
  return json({ comment: commentToJson(comment) }, { status: 201 });
}
