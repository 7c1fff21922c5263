import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { userIdParam } from "../lib/route-params.server";
import { findPerson, personToJson, updatePerson } from "../models/people.server";

/** GET /api/v1/users/:id (admins) → { user } */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const person = await findPerson({ actor, id: userIdParam(params.id) });
  if (!person) throw notFound();
  return json({ user: personToJson(person) });
}

/** PATCH /api/v1/users/:id { role?, blocked? } (admins) → { user }; 409 for the last admin, oneself, or blocking an admin. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PATCH") throw methodNotAllowed(["GET", "PATCH"]);
  const actor = requireUser(request, context);
  const id = userIdParam(params.id);
  const change = await readApiBody(request);
  return json({ user: personToJson(await updatePerson({ actor, id, change })) });
}
