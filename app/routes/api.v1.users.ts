import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { searchParamsObject } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { listPeople, personToJson } from "../models/people.server";

/** GET /api/v1/users?q= (admins) → { users: [...] }: names or addresses containing q, newest accounts first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const { q } = searchParamsObject(request);
  const people = await listPeople({ actor, q });
  return json({ users: people.map(personToJson) });
}

export function action() {
  throw methodNotAllowed(["GET"]);
}
