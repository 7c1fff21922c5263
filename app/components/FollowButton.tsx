import { Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { useToggleForm } from "./use-toggle-form";

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

/** Follow / Unfollow on an idea page, like the vote button (see useToggleForm). */
export function FollowButton({ number, following: followingNow, followerCountText, followerCount, canSeeFollowers }: Props) {
  const t = useT();
  const follow = useToggleForm<FollowResult>(`/ideas/${number}/follow`, { on: "follow", off: "unfollow" }, followingNow);
  const following = follow.on;

  return (
    <div className="follow" id="follow">
      <form {...follow.formProps} className="follow__form">
        {follow.fields}
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
        {follow.error ? (
          <p className="field-error" role="alert">
            {follow.error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
