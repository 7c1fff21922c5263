import type { LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { changelogFeed, FEED_ENTRIES, listChangelog } from "../models/changelog.server";

/** GET /changelog.atom?board= → the newest shipped ideas as an Atom 1.0 feed; 404 for an unknown board. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const changelog = await listChangelog({ board: new URL(request.url).searchParams.get("board"), limit: FEED_ENTRIES });
  const body = changelogFeed({ entries: changelog.entries, board: changelog.board, locale: requestLocale(request, context) });
  return new Response(body, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}

export function action() {
  throw methodNotAllowed(["GET"]);
}
