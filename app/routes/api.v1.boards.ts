import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { methodNotAllowed } from "../lib/errors.server";
import { boardToJson, listBoards } from "../models/boards.server";

/** GET /api/v1/boards — the boards that take ideas (archived ones are left out). */
export async function loader(_args: LoaderFunctionArgs) {
  const boards = await listBoards();
  return json({ boards: boards.map(boardToJson) });
}

export function action() {
  throw methodNotAllowed(["GET"]);
}
