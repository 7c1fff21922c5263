import { BoardFilter } from "../components/BoardFilter";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Markdown } from "../components/Markdown";
import { translate } from "../i18n";
import { formatDate, formatMonth } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requestLocale } from "../lib/locale.server";
import { listBoards } from "../models/boards.server";
import { withUserText } from "../components/with-nodes";
import { groupChangelogByMonth, listChangelog } from "../models/changelog.server";
import { pageMeta } from "../page-meta";
import boardStyles from "../styles/board.css";
import updatesStyles from "../styles/updates.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: updatesStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageMeta(matches, data.title, data.description, [
        { tagName: "link", rel: "alternate", type: "application/atom+xml", href: data.feed.href, title: data.feed.title },
      ])
    : pageMeta(matches, "Loopboard");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = requestLocale(request, context);
  const params = new URL(request.url).searchParams;
  const [changelog, boards] = await Promise.all([listChangelog({ board: params.get("board"), cursor: params.get("cursor") }), listBoards()]);
  const { board } = changelog;
  return json({
    title: translate(locale, "changelog.meta.title"),
    description: translate(locale, "changelog.meta.description"),
    board,
    boards: boards.map((b) => ({ slug: b.slug, name: b.name })),
    feed: {
      href: board ? `/changelog.atom?board=${encodeURIComponent(board.slug)}` : "/changelog.atom",
      title: board ? translate(locale, "changelog.feed.titleBoard", { board: board.name }) : translate(locale, "changelog.feed.title"),
    },
    months: groupChangelogByMonth(changelog.entries).map((group) => ({
      month: group.month,
      heading: formatMonth(locale, `${group.month}-01T00:00:00Z`),
      entries: group.entries.map((entry) => ({ ...entry, date: formatDate(locale, entry.shippedAt) })),
    })),
    paged: params.has("cursor"),
    nextCursor: changelog.nextCursor,
  });
}

export default function Changelog() {
  const t = useT();
  const { board, boards, feed, months, paged, nextCursor } = useLoaderData<typeof loader>();
  const boardQuery = board ? `board=${encodeURIComponent(board.slug)}` : "";
  return (
    <div className="changelog stack">
      <div className="page-head">
        <h1>{board ? withUserText(t("changelog.titleBoard"), { board: board.name }) : t("changelog.title")}</h1>
        <p className="muted">{t("changelog.intro")}</p>
        <p>
          {/* A plain link: the feed is a document of its own, not a page of the app. */}
          <a href={feed.href} className="feed-link" type="application/atom+xml">
            <svg className="feed-link__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <circle cx="3" cy="13" r="2" />
              <path d="M1 7a8 8 0 0 1 8 8h-2.5A5.5 5.5 0 0 0 1 9.5zM1 1a14 14 0 0 1 14 14h-2.5A11.5 11.5 0 0 0 1 3.5z" />
            </svg>
            {board ? withUserText(t("changelog.feedBoard"), { board: board.name }) : t("changelog.feed")}
          </a>
        </p>
      </div>

      <BoardFilter id="changelog-board" boards={boards} current={board?.slug ?? ""} />

      {months.length === 0 ? (
        <div className="card empty-state">
          <p>{t("changelog.empty")}</p>
        </div>
      ) : (
        months.map((group) => (
          <section key={group.month} className="changelog__month" aria-labelledby={`month-${group.month}`}>
            <h2 id={`month-${group.month}`}>{group.heading}</h2>
            <ol className="changelog__list">
              {group.entries.map((entry) => (
                <li key={entry.number}>
                  <article className="card changelog-entry" aria-labelledby={`shipped-${entry.number}`}>
                    <h3 id={`shipped-${entry.number}`} className="changelog-entry__title" dir="auto">
                      <Link to={entry.url}>{entry.title}</Link>
                    </h3>
                    <p className="idea-meta small">
                      <time dateTime={entry.shippedAt}>{t("changelog.shippedOn", { date: entry.date })}</time>
                      <span dir="auto">{entry.board.name}</span>
                      <span>{t("board.votes", { count: entry.voteCount })}</span>
                    </p>
                    {entry.noteHtml ? <Markdown html={entry.noteHtml} headingLevel={4} /> : null}
                  </article>
                </li>
              ))}
            </ol>
          </section>
        ))
      )}

      {nextCursor || paged ? (
        <div className="list-pages row">
          {paged ? <Link to={`/changelog${boardQuery ? `?${boardQuery}` : ""}`}>{t("changelog.newest")}</Link> : null}
          {nextCursor ? (
            <Link to={`/changelog?${boardQuery ? `${boardQuery}&` : ""}cursor=${nextCursor}`} className="button">
              {t("changelog.older")}
            </Link>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
