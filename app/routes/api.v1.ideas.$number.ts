import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { commentToJson } from "../models/comments.server";
import { followStateToJson, getIdeaFollowState } from "../models/followers.server";
import { deleteIdea, getIdeaWithComments, ideaToJson, updateIdea } from "../models/ideas.server";

/** GET /api/v1/ideas/:number → { idea: { …, followedByMe, followerCount (staff), comments } } */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const actor = context.auth.user;
  const found = await getIdeaWithComments({ actor, number: ideaNumberParam(params.number) });
  if (!found) throw notFound();
  const follow = followStateToJson(await getIdeaFollowState({ actor, ideaId: found.idea.id }));
  return json({ idea: { ...ideaToJson(found.idea), ...follow, comments: found.comments.map((c) => commentToJson(c)) } });
}

/** PATCH /api/v1/ideas/:number { title?, body? } → { idea }; DELETE → 204 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PATCH" && request.method !== "DELETE") throw methodNotAllowed(["GET", "PATCH", "DELETE"]);
  const user = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  if (request.method === "DELETE") {
    await deleteIdea({ actor: user, number });
    return new Response(null, { status: 204 });
  }
  const { title, body } = await readApiBody(request);
  return json({ idea: ideaToJson(await updateIdea({ actor: user, number, title, body })) });
}
