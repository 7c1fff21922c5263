import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody, searchParamsObject } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { env } from "../lib/env.server";
import { requestLocale } from "../lib/locale.server";
import { methodNotAllowed } from "../lib/errors.server";
import { asksForDemand, listIdeasByDemandJson } from "../models/demand-listing.server";
import { listIdeasJson } from "../models/idea-listing.server";
import { createIdea, ideaToJson } from "../models/ideas.server";

/** GET /api/v1/ideas?board=&status=&sort=top|new|trending&q=&limit=&cursor= (staff also sort=revenue and segment=). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = searchParamsObject(request);
  const list = asksForDemand(query) ? listIdeasByDemandJson : listIdeasJson;
  return json(await list(context.auth.user, query, requestLocale(request, context)));
}

/** POST /api/v1/ideas { board, title, body } → 201 { idea } */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["GET", "POST"]);
  const user = requireUser(request, context);
  const { board, title, body } = await readApiBody(request);
  const idea = await createIdea({ actor: user, board, title, body });
  return json({ idea: ideaToJson(idea) }, { status: 201, headers: { Location: env.appUrl + idea.url } });
}
