import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { deleteTag, findVisibleTag, tagToJson, updateTag } from "../models/tags.server";

/** GET /api/v1/tags/:slug → { tag }; 404 for an unknown tag, and for a private one to anyone but staff. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const tag = await findVisibleTag(context.auth.user, params.slug);
  if (!tag) throw notFound();
  return json({ tag: tagToJson(tag) }, tag.private ? { headers: { "Cache-Control": "private, no-store" } } : undefined);
}

/** PATCH /api/v1/tags/:slug { name?, colour?, private? } → { tag }; DELETE → 204 (admins only) */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PATCH" && request.method !== "DELETE") throw methodNotAllowed(["GET", "PATCH", "DELETE"]);
  const actor = requireUser(request, context);
  if (request.method === "DELETE") {
    await deleteTag({ actor, slug: params.slug });
    return new Response(null, { status: 204 });
  }
  const body = await readApiBody(request);
  return json({ tag: tagToJson(await updateTag({ actor, slug: params.slug, name: body.name, colour: body.colour, private: body.private })) });
}
