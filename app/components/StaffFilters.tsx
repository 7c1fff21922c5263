import type { LinksFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../i18n/use-t";
import boardStyles from "../styles/board.css";
import updatesStyles from "../styles/updates.css";

/** The stylesheets the staff views (dashboard, priorities) draw with: status badges, charts, the matrix. */
export const staffViewLinks: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: updatesStyles },
];

/** A staff view's filters as a plain GET form (works without JavaScript): the board, and whatever else the view adds. */
export function StaffFilters({ boards, board, children }: { boards: { slug: string; name: string }[]; board: string; children?: ReactNode }) {
  const t = useT();
  return (
    <Form method="get" className="card row dashboard__filters">
      <label>
        {t("dashboard.filter.board")}
        <select name="board" defaultValue={board}>
          <option value="">{t("dashboard.filter.allBoards")}</option>
          {boards.map((b) => (
            <option key={b.slug} value={b.slug}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      {children}
      <button type="submit" className="button">
        {t("dashboard.filter.apply")}
      </button>
    </Form>
  );
}
