import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdminNav } from "../components/AdminNav";
import { BoardSelect } from "../components/BoardFilter";
import { BulkForm, BulkResults, type BulkData } from "../components/BulkForm";
import { Notice } from "../components/Field";
import { InboxList, InboxShortcuts } from "../components/InboxList";
import { TagSelect } from "../components/Tags";
import { formatNumber } from "../i18n/format";
import { translate } from "../i18n";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { badRequest } from "../lib/errors.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { requestLocale } from "../lib/locale.server";
import { listBoards } from "../models/boards.server";
import { runBulkAction } from "../models/bulk-actions.server";
import { listTags, tagView } from "../models/tags.server";
import { listInbox, markIdeaReviewed } from "../models/triage.server";
import { pageMeta } from "../page-meta";
import boardStyles from "../styles/board.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, `${data?.title ?? "Inbox"} · Loopboard`);

const DAY_MS = 24 * 60 * 60 * 1000;

/** /admin/inbox?board=&tag=&cursor=&all=1 (staff): the ideas waiting for an answer, oldest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const url = new URL(request.url);
  const page = await listInbox({ actor, board: url.searchParams.get("board"), tag: url.searchParams.get("tag"), cursor: url.searchParams.get("cursor") });
  const locale = requestLocale(request, context);
  const now = Date.now();
  return json(
    {
      title: translate(locale, "inbox.title"),
      board: page.board?.slug ?? "",
      tag: page.tag?.slug ?? "",
      boards: (await listBoards()).map((b) => ({ slug: b.slug, name: b.name })),
      tags: (await listTags({ actor })).map(tagView),
      ideas: page.ideas.map((idea) => {
        const days = Math.floor((now - idea.createdAt.getTime()) / DAY_MS);
        return {
          ...idea,
          createdAt: idea.createdAt.toISOString(),
          votes: translate(locale, "board.votes", { count: idea.voteCount }),
          age: days < 1 ? translate(locale, "inbox.ageToday") : translate(locale, "inbox.ageDays", { count: days, n: formatNumber(locale, days) }),
        };
      }),
      nextCursor: page.nextCursor,
      allSelected: url.searchParams.get("all") === "1",
      reviewed: Number(url.searchParams.get("reviewed")) || null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const { raw, locale } = await readForm(request, context);
  const back = new URL(request.url);
  try {
    if (raw.intent === "reviewed") {
      const { number } = await markIdeaReviewed({ actor, number: Number(raw.number) });
      back.searchParams.set("reviewed", String(number));
      return redirect(back.pathname + back.search);
    }
    if (raw.intent === "bulk") {
      const { ideas, action, status, note, notify, board, into, tag } = raw;
      return json<BulkData>({ bulk: await runBulkAction({ actor, ideas: ideas ?? [], action, status, note, notify, board, into, tag }) });
    }
  } catch (error) {
    return formResult(error, raw, "bulk", locale);
  }
  throw badRequest();
}

export default function Inbox() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (BulkData & FormResult) | undefined;
  const filters = { ...(data.board ? { board: data.board } : {}), ...(data.tag ? { tag: data.tag } : {}) };
  return (
    <div className="stack inbox">
      <AdminNav />
      <h1>{t("inbox.title")}</h1>
      <p className="muted">{t("inbox.intro")}</p>
      {data.reviewed ? <Notice kind="success">{t("inbox.reviewedNotice", { number: data.reviewed })}</Notice> : null}
      {result?.bulk ? <BulkResults outcome={result.bulk} /> : null}
      <Form method="get" role="search" aria-label={t("inbox.filterLabel")} className="list-filter">
        <BoardSelect id="inbox-board" boards={data.boards} current={data.board} />
        {data.tags.length > 0 ? <TagSelect id="inbox-tag" tags={data.tags} current={data.tag} /> : null}
        <button type="submit" className="button">
          {t("board.filter.apply")}
        </button>
      </Form>
      {data.ideas.length === 0 ? (
        <p className="card">{t("inbox.empty")}</p>
      ) : (
        <>
          <InboxShortcuts />
          <BulkForm boards={data.boards} tags={data.tags} result={result} />
          <InboxList ideas={data.ideas} allSelected={data.allSelected} selectAllHref={`?${new URLSearchParams({ ...filters, all: "1" })}`} />
          {data.nextCursor ? (
            <p>
              <Link to={`?${new URLSearchParams({ ...filters, cursor: data.nextCursor })}`}>{t("inbox.more")}</Link>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
