import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody, searchParamsObject, validateApiInput } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { env } from "../lib/env.server";
import { methodNotAllowed } from "../lib/errors.server";
import { listIdeas } from "../models/idea-listing.server";
import { createIdea, ideaToJson } from "../models/ideas.server";
import { ListIdeasQuery } from "../schemas/ideas";

/** GET /api/v1/ideas?board=&status=&sort=top|new|trending&q=&limit=&cursor= */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = validateApiInput(ListIdeasQuery, searchParamsObject(request));
  const page = await listIdeas({ actor: context.auth.user, ...query });
  return json({ ideas: page.ideas.map((idea) => ideaToJson(idea)), nextCursor: page.nextCursor });
}

/** POST /api/v1/ideas { board, title, body } → 201 { idea } */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["GET", "POST"]);
  const user = requireUser(request, context);
  const { board, title, body } = await readApiBody(request);
  const idea = await createIdea({ actor: user, board, title, body });
  return json({ idea: ideaToJson(idea) }, { status: 201, headers: { Location: env.appUrl + idea.url } });
}
