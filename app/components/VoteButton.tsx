import type { FormEvent } from "react";
import { useFetcher, useLocation } from "@remix-run/react";
import { useRootData, useT } from "../i18n/use-t";

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

/**
 * A toggle that works twice over: without JavaScript it is a plain form that posts and is
 * redirected back; with JavaScript the submit is taken over by a fetcher (marked `via=fetcher`
 * so the action answers JSON) and the pressed state and count flip before the server answers.
 */
export function VoteButton({ number, title, voteCount, votedByMe }: Props) {
  const t = useT();
  const { user } = useRootData();
  const location = useLocation();
  const fetcher = useFetcher<VoteResult>();
  const action = `/ideas/${number}/vote`;

  const pending = user ? fetcher.formData?.get("intent") : null;
  const voted = pending ? pending === "vote" : votedByMe;
  const count = voteCount + (voted === votedByMe ? 0 : voted ? 1 : -1);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("via", "fetcher");
    fetcher.submit(form, { method: "post", action });
  }

  return (
    <form method="post" action={action} className="vote" onSubmit={submit}>
      <input type="hidden" name="intent" value={voted ? "unvote" : "vote"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="vote__button" aria-pressed={voted} aria-label={t("vote.label", { title, count })}>
        <span className="vote__arrow" aria-hidden="true">
          ▲
        </span>
        <span className="vote__count">{count}</span>
      </button>
      {voted ? <span className="vote__mark small">{t("board.voted")}</span> : null}
      {fetcher.state === "idle" && fetcher.data?.error ? (
        <p className="vote__error small" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
    </form>
  );
}
