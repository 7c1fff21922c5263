import { BoardFilter } from "../components/BoardFilter";
import { MissingTagNotice, TagChips, TagSelect } from "../components/Tags";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { translate } from "../i18n";
import { formatNumber } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requestLocale } from "../lib/locale.server";
import { listBoards } from "../models/boards.server";
import { listRoadmap, SHIPPED_WINDOW_DAYS } from "../models/roadmap.server";
import { listTags, pageTag, tagView } from "../models/tags.server";
import { findStatusView, useStatuses } from "../statuses";
import boardStyles from "../styles/board.css";
import updatesStyles from "../styles/updates.css";
import { pageMeta } from "../page-meta";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: updatesStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = requestLocale(request, context);
  const actor = context.auth.user;
  const params = new URL(request.url).searchParams;
  // A tag the reader may not see (unknown or private) shows nothing and says so, 404 (docs/decisions/0025-tags.md).
  const { missing } = await pageTag(actor, params.get("tag"));
  const [roadmap, boards, tags] = await Promise.all([listRoadmap({ actor, board: params.get("board"), tag: missing ? null : params.get("tag") }), listBoards(), listTags({ actor })]);
  return json({
    title: translate(locale, "roadmap.meta.title"),
    board: roadmap.board,
    tag: roadmap.tag,
    tags: tags.map(tagView),
    missingTag: missing,
    shippedWindowDays: SHIPPED_WINDOW_DAYS,
    boards: boards.map((b) => ({ slug: b.slug, name: b.name })),
    // Only what the page shows: the page is served hundreds of times a second.
    columns: (missing ? [] : roadmap.columns).map((column) => {
      const more = column.total - column.ideas.length;
      const plus = column.totalCapped ? "+" : "";
      return {
        status: column.status,
        kind: column.kind,
        total: column.total,
        totalText: formatNumber(locale, column.total) + plus,
        more,
        moreText: formatNumber(locale, more) + plus,
        ideas: column.ideas.map((idea) => ({ number: idea.number, url: idea.url, title: idea.title, voteCount: idea.voteCount, board: idea.board.name, tags: idea.tags })),
      };
    }),
  }, { status: missing ? 404 : 200 });
}

export default function Roadmap() {
  const t = useT();
  const { board, boards, tag, tags, missingTag, columns, shippedWindowDays: days } = useLoaderData<typeof loader>();
  const statuses = useStatuses();
  const boardParam = (board ? `&board=${encodeURIComponent(board.slug)}` : "") + (tag ? `&tag=${encodeURIComponent(tag.slug)}` : "");
  return (
    <div className="roadmap stack">
      <div className="page-head">
        <h1>{t("roadmap.title")}</h1>
        <p className="muted">{t("roadmap.intro", { days })}</p>
      </div>

      <BoardFilter id="roadmap-board" boards={boards} current={board?.slug ?? ""}>
        {tags.length > 0 ? <TagSelect id="roadmap-tag" tags={tags} current={tag?.slug ?? ""} /> : null}
      </BoardFilter>
      {missingTag ? <MissingTagNotice slug={missingTag} /> : null}

      <div className="roadmap__columns">
        {columns.map((column) => {
          const meta = findStatusView(statuses, column.status);
          const done = column.kind === "done";
          const headingId = `roadmap-${column.status}`;
          const moreHref = done ? `/changelog${board ? `?board=${encodeURIComponent(board.slug)}` : ""}` : `/?status=${encodeURIComponent(column.status)}${boardParam}`;
          return (
            <section key={column.status} className={`roadmap__column roadmap__column--${meta.color}`} aria-labelledby={headingId}>
              <h2 id={headingId} className="roadmap__heading">
                {meta.label}
              </h2>
              <p className="roadmap__count small muted">
                {done ? <span>{t("roadmap.column.shippedWindow", { days })}</span> : null}
                <span>{t("roadmap.column.count", { count: column.total, n: column.totalText })}</span>
              </p>
              {column.ideas.length === 0 ? (
                <p className="roadmap__empty muted">{t("roadmap.column.empty")}</p>
              ) : (
                <ol className="roadmap__list">
                  {column.ideas.map((idea) => (
                    <li key={idea.number} className="roadmap-card">
                      {/* A plain link: up to a hundred router <Link>s, each resolving its path while
                          rendering, were a third of the page's server time. */}
                      <a href={idea.url} className="roadmap-card__title" dir="auto">
                        {idea.title}
                      </a>
                      <p className="roadmap-card__meta small muted">
                        <span>{t("board.votes", { count: idea.voteCount })}</span>
                        <span dir="auto">{idea.board}</span>
                      </p>
                      <TagChips tags={idea.tags} />
                    </li>
                  ))}
                </ol>
              )}
              {column.more > 0 ? (
                <p className="roadmap__more small">
                  <Link to={moreHref}>{t("roadmap.column.more", { count: column.more, n: column.moreText })}</Link>
                </p>
              ) : null}
            </section>
          );
        })}
      </div>
    </div>
  );
}
