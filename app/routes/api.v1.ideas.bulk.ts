import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { runBulkAction } from "../models/bulk-actions.server";

export function loader() {
  throw methodNotAllowed(["POST"]);
}

/**
 * POST /api/v1/ideas/bulk { ideas: [n…], action: "status"|"move"|"merge"|"reviewed"|"tag"|"untag",
 * status?, note?, notify?, board?, into?, tag? } (staff and admins) → { action, results: [{ number, ok, … }],
 * succeeded, failed }: 200 whatever happened to each idea; one idea's refusal is in its result.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  const { ideas, action, status, note, notify, board, into, tag } = body;
  return json(await runBulkAction({ actor, ideas, action, status, note, notify, board, into, tag }));
}
