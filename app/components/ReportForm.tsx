import { Form, useSearchParams } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { REPORT_DETAIL_MAX, REPORT_REASONS } from "../schemas/reports";
import { SelectField, TextAreaField } from "./Field";
import { OnDemandDetails } from "./OnDemandDetails";

/** What the idea page knows about the reader's reports: null when they may not report at all (signed out, staff, blocked). */
export type Reporting = { userId: number; idea: boolean; comments: number[] } | null;

/**
 * A member's "Report" under an idea or a comment, folded away until needed (and only then built,
 * OnDemandDetails): a reason and the details, posted without JavaScript. Once sent, it says so instead.
 */
export function ReportForm({ number, commentId, authorId, reporting }: { number: number; commentId?: number; authorId: number; reporting: Reporting }) {
  const t = useT();
  const [params] = useSearchParams();
  if (!reporting || reporting.userId === authorId) return null;
  const reported = commentId === undefined ? reporting.idea : reporting.comments.includes(commentId);
  if (reported) {
    const justNow = params.get("reported") === (commentId === undefined ? "idea" : String(commentId));
    return (
      <p className="report-form small muted" role={justNow ? "status" : undefined}>
        {t(justNow ? "report.sent" : "report.reported")}
      </p>
    );
  }
  const id = commentId === undefined ? "report-idea" : `report-comment-${commentId}`;
  return (
    <OnDemandDetails
      id={`${id}-form`}
      className="report-form small"
      summary={t(commentId === undefined ? "report.idea" : "report.comment")}
      param="report"
      value={commentId === undefined ? "idea" : String(commentId)}
      linkText={t("report.open")}
    >
      {() => (
        <Form method="post" action={`/ideas/${number}/report`} className="stack">
          <input type="hidden" name="intent" value={commentId === undefined ? "reportIdea" : "reportComment"} />
          {commentId !== undefined ? <input type="hidden" name="id" value={commentId} /> : null}
          <SelectField id={`${id}-reason`} name="reason" label={t("report.reason")} required defaultValue="">
            <option value="" disabled>
              {t("report.choose")}
            </option>
            {REPORT_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {t(`report.reason.${reason}`)}
              </option>
            ))}
          </SelectField>
          <TextAreaField id={`${id}-detail`} name="detail" label={t("report.detail")} hint={t("report.detailHint")} rows={2} maxLength={REPORT_DETAIL_MAX} />
          <div className="row">
            <button type="submit" className="button">
              {t("report.submit")}
            </button>
          </div>
        </Form>
      )}
    </OnDemandDetails>
  );
}
