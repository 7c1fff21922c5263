/** Ideas like the title being typed on the post form (loaded by a fetcher while typing). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { findSimilarIdeas } from "../models/idea-listing.server";
import { IDEA_TITLE_MAX, IDEA_TITLE_MIN } from "../schemas/limits";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").replace(/[\s\u0000]+/gu, " ").trim().slice(0, IDEA_TITLE_MAX);
  const board = url.searchParams.get("board") || undefined;
  const ideas = [...q].length < IDEA_TITLE_MIN ? [] : await findSimilarIdeas({ actor: context.auth.user, q, board, limit: 5 });
  return json(
    { ideas: ideas.map((idea) => ({ number: idea.number, title: idea.title, url: idea.url, voteCount: idea.voteCount, status: idea.status })) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
