import { useT } from "../i18n/use-t";
import { STATUS_META, type IdeaStatus } from "../statuses";

/** An idea's status as a coloured pill; the colours live in board.css (contrast ≥ 4.5:1). */
export function StatusBadge({ status }: { status: IdeaStatus }) {
  const t = useT();
  const meta = STATUS_META[status];
  return <span className={`status status--${meta.color}`}>{t(meta.labelKey)}</span>;
}
