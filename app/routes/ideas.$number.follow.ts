/** Follow / Unfollow from an idea page (see toggleFormAction). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { toggleFormAction } from "../lib/forms.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { setFollowing } from "../models/subscriptions.server";

export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/ideas/${ideaNumberParam(params.number)}`);
}

export function action(args: ActionFunctionArgs) {
  return toggleFormAction(args, {
    on: "follow",
    off: "unfollow",
    anchor: () => "follow",
    toggle: (actor, number, following) => setFollowing({ actor, number, following }),
  });
}

// A component, so a refused post without JavaScript gets the site's error page (see the vote route).
export default function FollowRoute() {
  return null;
}
