/** Votes from the board and from an idea page (see toggleFormAction). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { toggleFormAction } from "../lib/forms.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { setVote } from "../models/votes.server";
import { formatPendingAction } from "../schemas/pending-action";

export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/ideas/${ideaNumberParam(params.number)}`);
}

export function action(args: ActionFunctionArgs) {
  return toggleFormAction(args, {
    on: "vote",
    off: "unvote",
    anchor: (number) => `idea-${number}`,
    toggle: (actor, number, voted) => setVote({ actor, number, voted }),
    pendingOn: (number) => formatPendingAction({ kind: "vote", number }),
  });
}

// Not a bare resource route: with a component, a refused post without JavaScript gets the site's
// error page rather than raw JSON. It never renders, since the loader always redirects.
export default function VoteRoute() {
  return null;
}
