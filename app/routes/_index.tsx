import type { LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useEffect, useRef } from "react";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { MyUnapprovedIdeas } from "../components/Approval";
import { BoardSelect, SegmentSelect } from "../components/BoardFilter";
import { PagedIdeaList } from "../components/PagedIdeaList";
import { MissingTagNotice, TagSelect } from "../components/Tags";
import { translate } from "../i18n";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { boardQuery } from "../lib/board-query.server";
import { requestLocale } from "../lib/locale.server";
import { listBoards } from "../models/boards.server";
import { listSegments } from "../models/companies.server";
import { statusFilter } from "../models/status-catalog.server";
import { listIdeasByDemand, type DemandSort } from "../models/demand-listing.server";
import { listIdeas } from "../models/idea-listing.server";
import { listMyUnapprovedIdeas } from "../models/approval-queue.server";
import { listTags, pageTag, tagView } from "../models/tags.server";
import { canSeeDemand } from "../permissions";
import { useSelectableStatuses } from "../statuses";
import boardStyles from "../styles/board.css";
import { pageMeta } from "../page-meta";

// Not imported from schemas/ideas: that module brings the schema library into the browser bundle.
const SORTS: readonly DemandSort[] = ["top", "new", "trending"];
/** Staff also sort by the revenue of the companies that asked. */
const STAFF_SORTS: readonly DemandSort[] = [...SORTS, "revenue"];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = requestLocale(request, context);
  const url = new URL(request.url);
  // A ?status= that names no status is dropped, like any filter that does not parse.
  const parsed = boardQuery(url);
  const query = { ...parsed, status: await statusFilter(parsed.status) };
  const actor = context.auth.user;
  // Staff only: sort by revenue and filter by segment; anyone else's list ignores both.
  const staff = canSeeDemand(actor);
  const sort: DemandSort = staff && url.searchParams.get("sort") === "revenue" ? "revenue" : query.sort;
  const segment = staff ? url.searchParams.get("segment")?.trim() ?? "" : "";
  // A tag the reader may not see (unknown or private) lists nothing and says so, 404 (docs/decisions/0025-tags.md).
  const { missing } = await pageTag(actor, query.tag);
  const list = missing ? null : sort === "revenue" || segment ? listIdeasByDemand({ actor, ...query, sort, segment }) : listIdeas({ actor, ...query });
  const [page, boards, segments, tags, mine] = await Promise.all([list, listBoards(), staff ? listSegments({ actor }) : [], listTags({ actor }), listMyUnapprovedIdeas({ actor })]);
  return json(
    {
      title: translate(locale, "board.meta.title"),
      query: { board: query.board ?? "", status: query.status ?? "", tag: query.tag ?? "", sort, q: query.q ?? "", segment, cursor: query.cursor ?? "" },
      segments: staff ? segments : null,
      boards: boards.map((b) => ({ slug: b.slug, name: b.name, description: b.description })),
      tags: tags.map(tagView),
      missingTag: missing,
      // Only what a card shows: the bodies would weigh down every page of the list.
      ideas: (page?.ideas ?? []).map(({ body: _body, bodyHtml: _html, ...idea }) => ({ ...idea, date: formatDate(locale, idea.createdAt) })),
      nextCursor: page?.nextCursor ?? null,
      // The reader's own ideas that wait for approval or were not approved: theirs alone, marked so.
      mine,
    },
    { status: missing ? 404 : 200 },
  );
}

type Query = SerializeFrom<typeof loader>["query"];

/** The board's address with some parameters changed; empty values and the default sort are left out. */
function boardHref(query: Query, changes: Partial<Query>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value && !(key === "sort" && value === "top")) params.set(key, value);
  }
  const search = params.toString();
  return search ? `/?${search}` : "/";
}

export default function Board() {
  const t = useT();
  const statuses = useSelectableStatuses();
  const { query, boards, tags, ideas, nextCursor, segments, missingTag, mine } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.board || query.status || query.tag || query.q || query.segment);
  const description = boards.find((b) => b.slug === query.board)?.description;
  const submit = useSubmit();
  // The lists are remounted by their keys when the query changes: focus goes back to the one just changed.
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    if (refocus.current) document.getElementById(refocus.current)?.focus();
    refocus.current = null;
  }, [query]);
  return (
    <div className="board stack">
      <div className="board__header">
        <h1>{t("app.tagline")}</h1>
        <Link to={query.board ? `/ideas/new?board=${encodeURIComponent(query.board)}` : "/ideas/new"} className="button button--primary">
          {t("board.post")}
        </Link>
      </div>
      {description ? <p className="board__description">{description}</p> : null}

      <nav aria-label={t("board.sort.label")} className="tabs board__sort">
        {(segments ? STAFF_SORTS : SORTS).map((sort) => (
          <Link key={sort} to={boardHref(query, { sort, cursor: "" })} className={query.sort === sort ? "active" : undefined} aria-current={query.sort === sort ? "page" : undefined}>
            {t(`board.sort.${sort}`)}
          </Link>
        ))}
      </nav>

      {/* A changed list (board, status) applies at once when JavaScript runs; Apply stays for the search text and for no-JS. */}
      <Form
        method="get"
        role="search"
        aria-label={t("board.filter.label")}
        className="board__filters"
        onChange={(event) => {
          if (!(event.target instanceof HTMLSelectElement)) return;
          refocus.current = event.target.id;
          submit(event.currentTarget, { preventScrollReset: true });
        }}
      >
        <input type="hidden" name="sort" value={query.sort} />
        <div className="field">
          <label htmlFor="filter-q">{t("board.filter.search")}</label>
          <input id="filter-q" type="search" name="q" defaultValue={query.q} key={query.q} maxLength={200} />
        </div>
        <BoardSelect id="filter-board" boards={boards} current={query.board} />
        <div className="field">
          <label htmlFor="filter-status">{t("board.filter.status")}</label>
          <select id="filter-status" name="status" defaultValue={query.status} key={query.status}>
            <option value="">{t("board.filter.allStatuses")}</option>
            {statuses.map((status) => (
              <option key={status.key} value={status.key}>
                {status.label}
              </option>
            ))}
          </select>
        </div>
        {tags.length > 0 || query.tag ? <TagSelect id="filter-tag" tags={tags} current={missingTag ? "" : query.tag} /> : null}
        {segments ? <SegmentSelect id="filter-segment" segments={segments} current={query.segment ?? ""} /> : null}
        <div className="board__filter-actions">
          <button type="submit" className="button">
            {t("board.filter.apply")}
          </button>
          {filtered ? <Link to={boardHref(query, { board: "", status: "", tag: "", q: "", segment: "", cursor: "" })}>{t("board.filter.clear")}</Link> : null}
        </div>
      </Form>

      {missingTag ? <MissingTagNotice slug={missingTag} /> : null}
      <MyUnapprovedIdeas ideas={mine} />
      {ideas.length === 0 ? (
        <div className="card empty-state">
          <h2>{filtered ? t("board.empty.filtered") : t("board.empty.title")}</h2>
          {filtered ? null : <p className="muted">{t("board.empty.body")}</p>}
        </div>
      ) : (
        <PagedIdeaList key={JSON.stringify(query)} ideas={ideas} nextCursor={nextCursor} hrefFor={(cursor) => boardHref(query, { cursor })} />
      )}

      {query.cursor ? (
        <p className="board__pages row">
          <Link to={boardHref(query, { cursor: "" })}>{t("board.firstPage")}</Link>
        </p>
      ) : null}
    </div>
  );
}
