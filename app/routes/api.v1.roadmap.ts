import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { searchParamsObject } from "../lib/api.server";
import { methodNotAllowed } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { listRoadmap, roadmapToJson } from "../models/roadmap.server";

/**
 * GET /api/v1/roadmap?board=&tag=&limit= → { columns: [{ status, label, total, ideas: [{ number, title,
 * url, voteCount, board }] }] }: under review, planned, in progress, shipped in the last 90 days;
 * each column's top ideas by votes (limit 1–100, default 10) and its size (`total`, counted up to 1,000). 404 for an unknown board, or a tag
 * that is unknown or private (to a reader who is not staff).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { board, tag, limit } = searchParamsObject(request);
  const roadmap = await listRoadmap({ actor: context.auth.user, board, tag, limit });
  return json(await roadmapToJson(roadmap, requestLocale(request, context)));
}

export function action() {
  throw methodNotAllowed(["GET"]);
}
