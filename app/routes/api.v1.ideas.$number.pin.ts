import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { ideaToJson } from "../models/ideas.server";
import { setIdeaPinned } from "../models/pinned-ideas.server";

export function loader() {
  throw methodNotAllowed(["POST", "DELETE"]);
}

/** POST /api/v1/ideas/:number/pin pins it to the top of its board, DELETE unpins it (staff; both idempotent) → { idea } with `pinned`; 409 when its board has PINNED_PER_BOARD_MAX pinned. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST" && request.method !== "DELETE") throw methodNotAllowed(["POST", "DELETE"]);
  const actor = requireUser(request, context);
  return json({ idea: ideaToJson(await setIdeaPinned({ actor, number: ideaNumberParam(params.number), pinned: request.method === "POST" })) });
}
