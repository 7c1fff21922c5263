import { formatNumber } from "../i18n/format";
import { useLocale, useRootData, useT } from "../i18n/use-t";
import { useToggleForm } from "./use-toggle-form";

export interface VoteResult {
  voted?: boolean;
  voteCount?: number;
  error?: string;
}

interface Props {
  number: number;
  title: string;
  voteCount: number;
  votedByMe: boolean;
}

/** The vote toggle on a card or an idea page (see useToggleForm); the count moves with it. */
export function VoteButton({ number, title, voteCount, votedByMe }: Props) {
  const t = useT();
  const locale = useLocale();
  const { user } = useRootData();
  // Signed out, the post goes to sign-in: nothing to show as voted meanwhile.
  const vote = useToggleForm<VoteResult>(`/ideas/${number}/vote`, { on: "vote", off: "unvote" }, votedByMe, { optimistic: !!user });
  const voted = vote.on;
  const count = voteCount + (voted === votedByMe ? 0 : voted ? 1 : -1);

  return (
    <form {...vote.formProps} className="vote">
      {vote.fields}
      <button type="submit" className="vote__button" aria-pressed={voted} aria-label={t("vote.label", { title, count })}>
        <span className="vote__arrow" aria-hidden="true">
          ▲
        </span>
        <span className="vote__count">{formatNumber(locale, count)}</span>
      </button>
      {voted ? <span className="vote__mark small">{t("board.voted")}</span> : null}
      {vote.error ? (
        <p className="vote__error small" role="alert">
          {vote.error}
        </p>
      ) : null}
    </form>
  );
}
