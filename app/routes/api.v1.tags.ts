import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { createTag, listTags, tagToJson } from "../models/tags.server";

/** GET /api/v1/tags → { tags }: public tags for everyone, private ones for staff too; by name. */
export async function loader({ context }: LoaderFunctionArgs) {
  const tags = await listTags({ actor: context.auth.user });
  // Staff's answer holds private tags: never kept by a shared cache.
  return json({ tags: tags.map(tagToJson) }, context.auth.user ? { headers: { "Cache-Control": "private, no-store" } } : undefined);
}

/** POST /api/v1/tags { name, colour, private? } → 201 { tag } (admins only) */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["GET", "POST"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  return json({ tag: tagToJson(await createTag({ actor, name: body.name, colour: body.colour, private: body.private })) }, { status: 201 });
}
