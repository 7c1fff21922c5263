import type { FormEvent } from "react";
import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useT } from "../i18n/use-t";

export interface FollowResult {
  following?: boolean;
  followerCount?: number;
  error?: string;
}

interface Props {
  number: number;
  following: boolean;
  /** Staff only: how many follow the idea, formatted for the reader. */
  followerCountText: string | null;
  followerCount: number | null;
  /** Admins: a link to the follower list. */
  canSeeFollowers: boolean;
}

/**
 * Follow / Unfollow, like the vote button: a plain form without JavaScript, a fetcher with it
 * (the button flips at once; the page's data is reloaded after the post).
 */
export function FollowButton({ number, following: followingNow, followerCountText, followerCount, canSeeFollowers }: Props) {
  const t = useT();
  const location = useLocation();
  const fetcher = useFetcher<FollowResult>();
  const action = `/ideas/${number}/follow`;
  const pending = fetcher.formData?.get("intent");
  const following = pending ? pending === "follow" : followingNow;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("via", "fetcher");
    fetcher.submit(form, { method: "post", action });
  }

  return (
    <div className="follow" id="follow">
      <form method="post" action={action} onSubmit={submit} className="follow__form">
        <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <button type="submit" className={following ? "button" : "button button--primary"}>
          {following ? t("follow.unfollow") : t("follow.follow")}
        </button>
      </form>
      <div className="follow__info small">
        <p className="muted" aria-live="polite">
          {following ? t("follow.following") : t("follow.notFollowing")}
        </p>
        {followerCountText !== null && followerCount !== null ? (
          <p>
            {t("follow.count", { count: followerCount, n: followerCountText })}
            {canSeeFollowers ? (
              <>
                {" · "}
                <Link to={`/ideas/${number}/followers`}>{t("follow.seeWho")}</Link>
              </>
            ) : null}
          </p>
        ) : null}
        {fetcher.state === "idle" && fetcher.data?.error ? (
          <p className="field-error" role="alert">
            {fetcher.data.error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
