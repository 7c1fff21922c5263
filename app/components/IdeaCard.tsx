import { useT } from "../i18n/use-t";
import type { IdeaSummary, Serialized } from "../shapes";
import { StatusBadge } from "./StatusBadge";
import { TagChips } from "./Tags";
import { VoteButton } from "./VoteButton";
import { personName } from "../person-name";
import { withUserText } from "./with-nodes";

/** What a card needs: an IdeaSummary as the loader serialises it (without the body), plus its date label. */
export type IdeaCardData = Serialized<Omit<IdeaSummary, "body" | "bodyHtml">> & { date: string };

/** A card's links are plain: the list they are in opens them in the app (useInAppLinks). */
export function IdeaCard({ idea }: { idea: IdeaCardData }) {
  const t = useT();
  return (
    <article className="idea-card card" id={`idea-${idea.number}`} aria-labelledby={`idea-${idea.number}-title`}>
      <VoteButton number={idea.number} title={idea.title} voteCount={idea.voteCount} votedByMe={idea.votedByMe} />
      <div className="idea-card__body">
        <h2 className="idea-card__title" id={`idea-${idea.number}-title`} dir="auto">
          <a href={idea.url}>{idea.title}</a>
        </h2>
        {idea.excerpt ? <p className="idea-card__excerpt muted" dir="auto">{idea.excerpt}</p> : null}
        <TagChips tags={idea.tags} />
        <p className="idea-meta small">
          {idea.pinned ? <strong className="pinned">{t("board.pinned")}</strong> : null}
          <StatusBadge status={idea.status} />
          <span dir="auto">{idea.board.name}</span>
          <span>{withUserText(t("board.by"), { name: personName(t, idea.author.name) })}</span>
          <time dateTime={idea.createdAt}>{idea.date}</time>
          <a href={`${idea.url}#comments`} className="idea-card__comments">
            {t("board.comments", { count: idea.commentCount })}
          </a>
        </p>
      </div>
    </article>
  );
}
