import { Form, Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { HIDE_REASON_MAX } from "../schemas/limits";
import type { IdeaDetail, UnapprovedIdea } from "../shapes";
import { TextAreaField } from "./Field";

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

/**
 * Staff: approve idea `number`, or reject it with a reason (intent approve / reject, no JavaScript
 * needed). On /admin/moderation the forms post to the queue itself; on the idea's page, `action`
 * sends them to its moderation route. A rejected idea can still be approved; it offers no reject.
 */
export function ApprovalForms(props: { number: number; state: "pending" | "rejected"; describedBy: string; action?: string; reasonError?: string }) {
  const t = useT();
  const { number, describedBy, action } = props;
  return (
    <div className="approval-queue__actions">
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="approve" />
        <input type="hidden" name="number" value={number} />
        <button type="submit" className="button button--primary" aria-describedby={describedBy}>
          {t("approval.approve")}
        </button>
      </Form>
      {props.state === "pending" ? (
        <Form method="post" action={action} className="stack" noValidate>
          <input type="hidden" name="intent" value="reject" />
          <input type="hidden" name="number" value={number} />
          <TextAreaField
            id={`reject-${number}-reason`}
            label={t("approval.reason")}
            hint={t("approval.reasonHint")}
            name="reason"
            rows={2}
            required
            maxLength={HIDE_REASON_MAX}
            error={props.reasonError}
          />
          <div className="row">
            <button type="submit" className="button button--danger" aria-describedby={describedBy}>
              {t("approval.reject")}
            </button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
