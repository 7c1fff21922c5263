import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { cannedReplyToJson, deleteCannedReply, getCannedReply, updateCannedReply } from "../models/canned-replies.server";

/** GET /api/v1/replies/:id → { reply } (staff only) */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const reply = await getCannedReply({ actor: requireUser(request, context), id: params.id });
  if (!reply) throw notFound();
  return json({ reply: cannedReplyToJson(reply) });
}

/** PATCH /api/v1/replies/:id { name?, body? } → { reply }; DELETE → 204 (admins only) */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PATCH" && request.method !== "DELETE") throw methodNotAllowed(["GET", "PATCH", "DELETE"]);
  const actor = requireUser(request, context);
  if (request.method === "DELETE") {
    await deleteCannedReply({ actor, id: params.id });
    return new Response(null, { status: 204 });
  }
  const { name, body } = await readApiBody(request);
  return json({ reply: cannedReplyToJson(await updateCannedReply({ actor, id: params.id, name, body })) });
}
