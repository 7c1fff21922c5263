import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { boardToJson, findBoardBySlug, setBoardRequiresApproval } from "../models/boards.server";

/** GET /api/v1/boards/:slug → { board }. */
export async function loader({ params }: LoaderFunctionArgs) {
  const board = await findBoardBySlug(params.slug ?? "");
  if (!board) throw notFound();
  return json({ board: boardToJson(board) });
}

/** PATCH /api/v1/boards/:slug { requiresApproval } (admins) → { board }: whether members' new ideas wait for staff approval. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PATCH") throw methodNotAllowed(["GET", "PATCH"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  const board = await findBoardBySlug(params.slug ?? "");
  if (!board) throw notFound();
  return json({ board: boardToJson(await setBoardRequiresApproval({ actor, id: board.id, requiresApproval: body.requiresApproval })) });
}
