/** An idea as the JSON API shows it (ideaToJson), for lists and for one idea. */
import { env } from "../lib/env.server";
import type { IdeaDetail, IdeaSummary } from "../shapes";

export type IdeaJson = ReturnType<typeof ideaToJson>;

/** An idea as the JSON API shows it; `url` is absolute. */
export function ideaToJson(idea: IdeaSummary | IdeaDetail, origin: string = env.appUrl) {
  return {
    number: idea.number,
    slug: idea.slug,
    url: origin + idea.url,
    board: idea.board,
    title: idea.title,
    body: idea.body,
    bodyHtml: idea.bodyHtml,
    excerpt: idea.excerpt,
    status: idea.status,
    voteCount: idea.voteCount,
    commentCount: idea.commentCount,
    votedByMe: idea.votedByMe,
    author: idea.author,
    pinned: idea.pinned,
    tags: idea.tags, // private ones only for staff (tagsColumn left them out for anyone else)
    createdAt: idea.createdAt.toISOString(),
    ...("updatedAt" in idea
      ? {
          updatedAt: idea.updatedAt.toISOString(),
          canEdit: idea.canEdit,
          canDelete: idea.canDelete,
          mergedInto: idea.mergedInto?.number ?? null,
          commentsLocked: idea.commentsLocked,
          // Pending or rejected only ever for its author and staff (idea-visibility.server.ts).
          approval: idea.approval,
        }
      : {}),
    // Only staff are ever answered a hidden idea.
    ...("hidden" in idea && idea.hidden ? { hidden: { reason: idea.hidden.reason, at: idea.hidden.at.toISOString() } } : {}),
  };
}
