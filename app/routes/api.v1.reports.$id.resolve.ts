import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { reportIdParam } from "../lib/route-params.server";
import { resolveReport } from "../models/report-queue.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/**
 * POST /api/v1/reports/:id/resolve { action: "hide" | "dismiss" } (staff) → { outcome, resolved, ideaNumber, commentId }:
 * every open report on the same item is resolved; 409 when they already were.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  return json(await resolveReport({ actor, id: reportIdParam(params.id), action: body.action }));
}
