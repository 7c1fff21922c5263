/** "How much does it matter to you?" on an idea page: a voter's one tap, then back to the idea. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { readForm } from "../lib/forms.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { setVoteImportance } from "../models/votes-on-behalf.server";

export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/ideas/${ideaNumberParam(params.number)}`);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  const { raw } = await readForm(request, context);
  await setVoteImportance({ actor, number, importance: raw.importance ?? "" });
  return redirect(`/ideas/${number}?importance=saved#importance`);
}

// A component, so a refused post without JavaScript gets the site's error page (see the vote route).
export default function ImportanceRoute() {
  return null;
}
