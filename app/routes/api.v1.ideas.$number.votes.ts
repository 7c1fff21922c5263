import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { addVoteOnBehalf, removeVoteOnBehalf } from "../models/votes-on-behalf.server";

export function loader() {
  throw methodNotAllowed(["POST", "DELETE"]);
}

/**
 * Votes on a customer's behalf (staff). POST { email, name?, note? } → { voter, added, voteCount }
 * (201 when added, 200 when they had already voted); DELETE ?email= → { removed, voteCount }.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST" && request.method !== "DELETE") throw methodNotAllowed(["POST", "DELETE"]);
  const actor = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  if (request.method === "DELETE") {
    const email = new URL(request.url).searchParams.get("email");
    return json(await removeVoteOnBehalf({ actor, number, email }));
  }
  const body = await readApiBody(request);
  const result = await addVoteOnBehalf({ actor, number, email: body.email, name: body.name, note: body.note });
  const { id: _id, ...voter } = result.voter;
  return json({ voter, added: result.added, voteCount: result.voteCount }, { status: result.added ? 201 : 200 });
}
