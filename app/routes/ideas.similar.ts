/** Ideas like the title (and body) being typed on the post form, on every board (fetched while typing). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { findSimilarIdeas } from "../models/idea-listing.server";
import { IDEA_TITLE_MAX, IDEA_TITLE_MIN } from "../schemas/limits";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").replace(/[\s\u0000]+/gu, " ").trim().slice(0, IDEA_TITLE_MAX);
  const ideas = [...q].length < IDEA_TITLE_MIN ? [] : await findSimilarIdeas({ actor: context.auth.user, q, limit: 5 });
  return json(
    {
      ideas: ideas.map((idea) => ({
        number: idea.number,
        title: idea.title,
        url: idea.url,
        voteCount: idea.voteCount,
        votedByMe: idea.votedByMe,
        status: idea.status,
        board: idea.board.name,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
