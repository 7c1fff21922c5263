import { useStatus, type IdeaStatus } from "../statuses";

/** An idea's status as a coloured pill; the colours live in board.css (contrast ≥ 4.5:1). */
export function StatusBadge({ status }: { status: IdeaStatus }) {
  const meta = useStatus(status);
  return (
    <span className={`status status--${meta.color}`} dir="auto">
      {meta.label}
    </span>
  );
}
