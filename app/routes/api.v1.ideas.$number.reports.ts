import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { reportIdea } from "../models/reports.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/** POST /api/v1/ideas/:number/reports { reason, detail? } (members) → 201 { report: { id } }; 409 when they already reported it, 403 for their own. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  const { reason, detail } = await readApiBody(request);
  return json({ report: await reportIdea({ actor, number: ideaNumberParam(params.number), reason, detail }) }, { status: 201 });
}
