import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { searchParamsObject } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { inboxIdeaToJson, listInbox } from "../models/triage.server";

/**
 * GET /api/v1/inbox?board=&tag=&cursor= (staff and admins) → { board, tag, ideas, nextCursor }: the ideas
 * waiting for a staff answer, oldest first.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const { board, tag, cursor } = searchParamsObject(request);
  const page = await listInbox({ actor, board, tag, cursor });
  return json({ board: page.board, tag: page.tag, ideas: page.ideas.map((idea) => inboxIdeaToJson(idea)), nextCursor: page.nextCursor }, { headers: { "Cache-Control": "private, no-store" } });
}
