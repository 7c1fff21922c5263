import { withUserText } from "./with-nodes";
import { LATEST_STATUS_ID } from "../idea-links";
import { useT } from "../i18n/use-t";
import { Markdown } from "./Markdown";
import { StatusBadge } from "./StatusBadge";
import type { StatusChangeData } from "./Timeline";
import { personName } from "../person-name";

/**
 * The answer people came for, under the idea's title: its latest status, who set it and when,
 * and the note that came with it. Links from the bell and from emails land here.
 */
export function LatestStatus({ change }: { change: StatusChangeData }) {
  const t = useT();
  return (
    <section className="latest-status" id={LATEST_STATUS_ID} aria-labelledby={`${LATEST_STATUS_ID}-title`}>
      <p className="latest-status__what" id={`${LATEST_STATUS_ID}-title`}>
        <StatusBadge status={change.toStatus} />{" "}
        <span>{withUserText(t("ideaPage.latestStatus"), { name: personName(t, change.actor.name) })}</span> <time dateTime={change.createdAt}>{change.date}</time>
      </p>
      {/* Directly under the page's h1, so its headings start at h2. */}
      {change.noteHtml ? <Markdown html={change.noteHtml} className="latest-status__note" headingLevel={2} /> : null}
    </section>
  );
}
