import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { cannedReplyToJson, createCannedReply, listCannedReplies } from "../models/canned-replies.server";

/** GET /api/v1/replies → { replies } (canned replies, by name; staff only) */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const replies = await listCannedReplies({ actor: requireUser(request, context) });
  return json({ replies: replies.map(cannedReplyToJson) });
}

/** POST /api/v1/replies { name, body } → 201 { reply } (admins only) */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["GET", "POST"]);
  const actor = requireUser(request, context);
  const { name, body } = await readApiBody(request);
  return json({ reply: cannedReplyToJson(await createCannedReply({ actor, name, body })) }, { status: 201 });
}
