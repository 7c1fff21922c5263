import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../i18n/use-t";

/** The "filter by board" form of the roadmap and changelog pages (a GET form: works without JavaScript), and whatever else the page filters by. */
export function BoardFilter({ id, boards, current, children }: { id: string; boards: Array<{ slug: string; name: string }>; current: string; children?: ReactNode }) {
  const t = useT();
  return (
    <Form method="get" role="search" aria-label={t("roadmap.filter.label")} className="list-filter">
      <BoardSelect id={id} boards={boards} current={current} />
      {children}
      <button type="submit" className="button">
        {t("board.filter.apply")}
      </button>
    </Form>
  );
}

/** The labelled "board" field (all boards, or one) of the board's and these pages' filter forms. */
export function BoardSelect({ id, boards, current }: { id: string; boards: Array<{ slug: string; name: string }>; current: string }) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{t("board.filter.board")}</label>
      <select id={id} name="board" defaultValue={current} key={current}>
        <option value="">{t("board.filter.allBoards")}</option>
        {boards.map((b) => (
          <option key={b.slug} value={b.slug} dir="auto">
            {b.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The company segment filter of the staff views (the board, the dashboard): companies' segments as they are written. */
export function SegmentSelect({ id, segments, current }: { id: string; segments: string[]; current: string }) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{t("board.segment")}</label>
      <select id={id} name="segment" defaultValue={current} key={current}>
        <option value="">{t("board.segment.all")}</option>
        {segments.map((s) => (
          <option key={s} value={s} dir="auto">
            {s}
          </option>
        ))}
      </select>
    </div>
  );
}
