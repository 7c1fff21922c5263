import type { ComponentProps } from "react";
import { Form, Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { IdeaActivityEntry, MergeEntry, Serialized } from "../shapes";
import type { IdeaStatus } from "../statuses";
import { Comment, type CommentData } from "./CommentList";
import { Markdown } from "./Markdown";
import { StatusBadge } from "./StatusBadge";
import { personName } from "../person-name";
import { withNodes, withUserText } from "./with-nodes";

/** A status change as the idea page's loader serialises it. */
export interface StatusChangeData {
  id: number;
  fromStatus: IdeaStatus;
  toStatus: IdeaStatus;
  noteHtml: string;
  notified: boolean;
  actor: { id: number; name: string };
  createdAt: string;
  date: string;
}

/** A merge or unmerge involving the idea, as the loader serialises it (the audit trail). */
export type MergeEntryData = Serialized<MergeEntry> & { createdAt: string; date: string };

/** An audit entry (staff only), as the loader serialises it. */
export type ActivityEntryData = Serialized<IdeaActivityEntry> & { createdAt: string; date: string };

type CommentProps = ComponentProps<typeof Comment>;

interface Props extends Omit<CommentProps, "comment" | "comments"> {
  comments: CommentData[];
  statusChanges: StatusChangeData[];
  merges?: MergeEntryData[];
  /** Staff: the audit trail of actions without a timeline entry of their own. */
  activity?: ActivityEntryData[];
  /** Staff see which changes were made without telling followers. */
  showQuiet: boolean;
}


type Item =
  | { at: string; kind: "status"; change: StatusChangeData }
  | { at: string; kind: "comment"; comment: CommentData }
  | { at: string; kind: "merge"; entry: MergeEntryData }
  | { at: string; kind: "activity"; entry: ActivityEntryData };

/**
 * The idea's history: top-level comments (with their replies) and status changes with their
 * notes, oldest first by time.
 */
export function Timeline({ comments, statusChanges, merges = [], activity = [], showQuiet, ...commentProps }: Props) {
  const t = useT();
  if (comments.length === 0 && statusChanges.length === 0 && merges.length === 0 && activity.length === 0) return <p className="muted">{t("comments.none")}</p>;
  const items: Item[] = [
    ...statusChanges.map((change) => ({ at: change.createdAt, kind: "status" as const, change })),
    ...merges.map((entry) => ({ at: entry.createdAt, kind: "merge" as const, entry })),
    ...activity.map((entry) => ({ at: entry.createdAt, kind: "activity" as const, entry })),
    ...comments.map((comment) => ({ at: comment.createdAt, kind: "comment" as const, comment })),
  ];
  // ISO timestamps sort as text; the sort is stable, so equal times keep status changes first.
  items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return (
    <ol className="comment-list timeline">
      {items.map((item) =>
        item.kind === "comment" ? (
          <li key={`c${item.comment.id}`}>
            <Comment comment={item.comment} comments={comments} {...commentProps} />
          </li>
        ) : item.kind === "activity" ? (
          <li key={`a${item.entry.id}`} className="timeline__activity">
            <ActivityEntry entry={item.entry} />
          </li>
        ) : item.kind === "merge" ? (
          <li key={`m${item.entry.id}`} className="timeline__merge">
            <MergeEntry entry={item.entry} />
          </li>
        ) : (
          <li key={`s${item.change.id}`} className="timeline__status">
            <StatusChangeEntry change={item.change} showQuiet={showQuiet} />
          </li>
        ),
      )}
    </ol>
  );
}

function StatusChangeEntry({ change, showQuiet }: { change: StatusChangeData; showQuiet: boolean }) {
  const t = useT();
  const headingId = `status-change-${change.id}-title`;
  return (
    <article className="status-change" id={`status-change-${change.id}`} aria-labelledby={headingId}>
      <p className="comment__meta small">
        <span id={headingId} className="status-change__what">
          {withNodes(t(change.fromStatus === change.toStatus ? "timeline.update" : "timeline.statusChange"), {
            actor: (
              <strong>
                <bdi>{personName(t, change.actor.name)}</bdi>
              </strong>
            ),
            from: <StatusBadge status={change.fromStatus} />,
            to: <StatusBadge status={change.toStatus} />,
          })}
        </span>
        <span className="staff-badge">{t("comments.staff")}</span>
        <time dateTime={change.createdAt}>{change.date}</time>
      </p>
      {change.noteHtml ? <Markdown html={change.noteHtml} className="status-change__note" headingLevel={3} /> : null}
      {showQuiet && !change.notified ? <p className="small muted">{t("timeline.quiet")}</p> : null}
    </article>
  );
}

function MergeEntry({ entry }: { entry: MergeEntryData }) {
  const t = useT();
  return (
    <div className="merge-entry" id={`merge-${entry.id}`}>
      <p className="comment__meta small">
        <span>
          {withNodes(t(`timeline.${entry.kind}`), {
            actor: (
              <strong>
                <bdi>{entry.actor.name}</bdi>
              </strong>
            ),
            other: <Link to={entry.other.url}>{withUserText(t("timeline.ideaRef", { number: entry.other.number }), { title: entry.other.title })}</Link>,
          })}
        </span>
        <span className="staff-badge">{t("comments.staff")}</span>
        <time dateTime={entry.createdAt}>{entry.date}</time>
        {entry.canUnmerge ? (
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="unmerge" />
            <input type="hidden" name="number" value={entry.other.number} />
            <button type="submit" className="button">
              {t("merge.unmerge", { number: entry.other.number })}
            </button>
          </Form>
        ) : null}
      </p>
    </div>
  );
}

function ActivityEntry({ entry }: { entry: ActivityEntryData }) {
  const t = useT();
  const words = Object.fromEntries(Object.entries(entry.detail).map(([name, text]) => [name, <bdi key={name}>{text}</bdi>]));
  return (
    <p className="comment__meta small activity-entry" id={`activity-${entry.id}`}>
      <span>
        {withNodes(t(`activity.${entry.kind}`), {
          ...words,
          actor: (
            <strong>
              <bdi>{personName(t, entry.actor.name)}</bdi>
            </strong>
          ),
        })}
      </span>
      <span className="staff-badge">{t("comments.staff")}</span>
      <time dateTime={entry.createdAt}>{entry.date}</time>
    </p>
  );
}
