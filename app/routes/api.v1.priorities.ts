import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { searchParamsObject } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { factorToJson, listPriorities } from "../models/priorities.server";
import { QUADRANTS, type Quadrant } from "../schemas/priorities";

/**
 * GET /api/v1/priorities?board=&quadrant= (staff) → { factors, ideas: [{ number, title, url, status,
 * voteCount, values, impact, effort, score, quadrant }] }, highest priority first.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const locale = requestLocale(request, context);
  const { board, quadrant } = searchParamsObject(request);
  const wanted = (QUADRANTS as readonly string[]).includes(quadrant ?? "") ? (quadrant as Quadrant) : undefined;
  const { factors, ideas } = await listPriorities({ actor, board, quadrant: wanted });
  return json({ factors: factors.map((f) => factorToJson(f, locale)), ideas });
}

export function action() {
  throw methodNotAllowed(["GET"]);
}
