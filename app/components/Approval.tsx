import { Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { IdeaDetail, UnapprovedIdea } from "../shapes";

/** "Awaiting approval" or "Not approved", as a short label beside an idea's title. */
export function ApprovalBadge({ state }: { state: "pending" | "rejected" }) {
  const t = useT();
  return <span className={`approval-badge approval-badge--${state}`}>{t(state === "pending" ? "approval.pending" : "approval.rejected")}</span>;
}

/** On an idea's page, for its author and staff: why no one else sees it yet (and a rejection's reason). */
export function ApprovalNotice({ approval, staff }: { approval: IdeaDetail["approval"]; staff: boolean }) {
  const t = useT();
  if (approval.state === "approved") return null;
  const rejected = approval.state === "rejected";
  return (
    <div className={`approval-notice approval-notice--${approval.state}`} role="status">
      <p>
        <strong>{t(rejected ? "approval.rejected" : "approval.pending")}</strong>
        {" · "}
        {rejected ? t("approval.rejectedNote") : t(staff ? "approval.pendingNoteStaff" : "approval.pendingNote")}
      </p>
      {rejected && approval.reason ? (
        <blockquote className="approval-notice__reason">
          <bdi>{approval.reason}</bdi>
        </blockquote>
      ) : null}
      {staff && !rejected ? <Link to="/admin/moderation">{t("approval.openQueue")}</Link> : null}
    </div>
  );
}

/** On the board, for a signed-in member: their own ideas that are not on it yet (or were not approved). */
export function MyUnapprovedIdeas({ ideas }: { ideas: UnapprovedIdea[] }) {
  const t = useT();
  if (ideas.length === 0) return null;
  return (
    <section className="card my-unapproved" aria-labelledby="my-unapproved">
      <h2 id="my-unapproved">{t("approval.mine")}</h2>
      <ul className="my-unapproved__list">
        {ideas.map((idea) => (
          <li key={idea.number}>
            <Link to={idea.url}>
              <bdi>{idea.title}</bdi>
            </Link>{" "}
            <ApprovalBadge state={idea.state} />
            {idea.reason ? (
              <span className="muted small">
                {" "}
                <bdi>{idea.reason}</bdi>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
