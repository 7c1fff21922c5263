/**
 * Votes, from the board and from an idea page. A fetcher post (marked `via=fetcher` by
 * VoteButton) is answered with JSON; a plain form post (no JavaScript) is redirected back to the
 * page it came from.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import type { VoteResult } from "../components/VoteButton";
import { badRequest, readFormData, safeRedirectPath } from "../lib/http.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { setVote } from "../models/votes.server";

export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/ideas/${ideaNumberParam(params.number)}`);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const number = ideaNumberParam(params.number);
  const form = await readFormData(request);
  const back = safeRedirectPath(form.get("redirectTo"), `/ideas/${number}`);
  const actor = context.auth.user;
  if (!actor) throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  const intent = form.get("intent");
  if (intent !== "vote" && intent !== "unvote") throw badRequest();
  const viaFetcher = form.get("via") === "fetcher";
  try {
    const result = await setVote({ actor, number, voted: intent === "vote" });
    return viaFetcher ? json<VoteResult>(result) : redirect(`${back.split("#")[0]}#idea-${number}`);
  } catch (error) {
    // A fetcher shows a refusal (rate limit, idea gone) next to the button instead of replacing the page.
    if (!viaFetcher || !(error instanceof Response) || error.status >= 500) throw error;
    const body = (await error.json().catch(() => null)) as { error?: { message?: string } } | null;
    return json<VoteResult>({ error: body?.error?.message ?? "" }, { status: error.status });
  }
}

// Not a bare resource route: with a component, a refused post without JavaScript gets the site's
// error page rather than raw JSON. It never renders, since the loader always redirects.
export default function VoteRoute() {
  return null;
}
