import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { env } from "../lib/env.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { listPendingIdeas } from "../models/approval-queue.server";

/** GET /api/v1/moderation/pending (staff) → { ideas }: ideas awaiting approval, oldest first (the oldest 100). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const ideas = await listPendingIdeas({ actor });
  return json(
    { ideas: ideas.map((idea) => ({ ...idea, url: env.appUrl + idea.url, createdAt: idea.createdAt.toISOString() })) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export function action() {
  throw methodNotAllowed(["GET"]);
}
