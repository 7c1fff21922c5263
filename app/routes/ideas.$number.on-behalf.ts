/** Staff remove a vote they (or a colleague) added for a customer, from the idea's staff panel. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { readForm } from "../lib/forms.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { removeVoteOnBehalf } from "../models/votes-on-behalf.server";

export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/ideas/${ideaNumberParam(params.number)}`);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  const { raw } = await readForm(request, context);
  await removeVoteOnBehalf({ actor, number, email: raw.email });
  return redirect(`/ideas/${number}?onBehalf=removed#demand`);
}

// A component, so a refused post without JavaScript gets the site's error page (see the vote route).
export default function OnBehalfRoute() {
  return null;
}
