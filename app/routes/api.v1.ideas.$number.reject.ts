import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { rejectIdea } from "../models/idea-approval.server";
import { ideaToJson } from "../models/ideas.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/** POST /api/v1/ideas/:number/reject { reason } (staff) → { idea } with `approval { state: "rejected", reason }`: only its author sees it. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  return json({ idea: ideaToJson(await rejectIdea({ actor, number: ideaNumberParam(params.number), reason: body.reason })) });
}
