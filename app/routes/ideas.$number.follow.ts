/**
 * Follow / Unfollow from an idea page. A fetcher post (marked `via=fetcher` by FollowButton) is
 * answered with JSON; a plain form post (no JavaScript) is redirected back to the page.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import type { FollowResult } from "../components/FollowButton";
import { badRequest, readFormData, safeRedirectPath } from "../lib/http.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { followIdea, unfollowIdea } from "../models/subscriptions.server";

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
  if (intent !== "follow" && intent !== "unfollow") throw badRequest();
  const viaFetcher = form.get("via") === "fetcher";
  try {
    const state = await (intent === "follow" ? followIdea : unfollowIdea)({ actor, number });
    return viaFetcher ? json<FollowResult>(state) : redirect(`${back.split("#")[0]}#follow`);
  } catch (error) {
    if (!viaFetcher || !(error instanceof Response) || error.status >= 500) throw error;
    const body = (await error.json().catch(() => null)) as { error?: { message?: string } } | null;
    return json<FollowResult>({ error: body?.error?.message ?? "" }, { status: error.status });
  }
}

// A component, so a refused post without JavaScript gets the site's error page (see the vote route).
export default function FollowRoute() {
  return null;
}
