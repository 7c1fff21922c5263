import { Fragment, type ComponentProps, type ReactNode } from "react";
import { useT } from "../i18n/use-t";
import type { IdeaStatus } from "../statuses";
import { Comment, type CommentData } from "./CommentList";
import { Markdown } from "./Markdown";
import { StatusBadge } from "./StatusBadge";

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

type CommentProps = ComponentProps<typeof Comment>;

interface Props extends Omit<CommentProps, "comment" | "comments"> {
  comments: CommentData[];
  statusChanges: StatusChangeData[];
  /** Staff see which changes were made without telling followers. */
  showQuiet: boolean;
}

/** Puts React nodes where a translated message has {placeholders}, so word order stays the translator's. */
function withNodes(template: string, nodes: Record<string, ReactNode>): ReactNode[] {
  return template.split(/\{(\w+)\}/).map((part, i) => (i % 2 === 1 ? <Fragment key={i}>{nodes[part] ?? `{${part}}`}</Fragment> : part));
}

type Item = { at: string; kind: "status"; change: StatusChangeData } | { at: string; kind: "comment"; comment: CommentData };

/**
 * The idea's history: top-level comments (with their replies) and status changes with their
 * notes, oldest first by time.
 */
export function Timeline({ comments, statusChanges, showQuiet, ...commentProps }: Props) {
  const t = useT();
  if (comments.length === 0 && statusChanges.length === 0) return <p className="muted">{t("comments.none")}</p>;
  const items: Item[] = [
    ...statusChanges.map((change) => ({ at: change.createdAt, kind: "status" as const, change })),
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
            actor: <strong>{change.actor.name}</strong>,
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
