import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { withUserText } from "../components/with-nodes";
import { translate, type Translate } from "../i18n";
import { formatDate, formatNumber } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { badRequest } from "../lib/errors.server";
import { readFormData, safeRedirectPath } from "../lib/http.server";
import { requestLocale } from "../lib/locale.server";
import { countUnread, listNotifications, markNotificationsRead } from "../models/notifications.server";
import { findStatusView, useStatuses, type IdeaStatus, type StatusView } from "../statuses";
import updatesStyles from "../styles/updates.css";
import { pageMeta } from "../page-meta";
import { personName } from "../person-name";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: updatesStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const locale = requestLocale(request, context);
  const cursor = new URL(request.url).searchParams.get("cursor");
  const page = await listNotifications({ actor, cursor });
  const unread = await countUnread({ actor });
  return json(
    {
      title: translate(locale, "notifications.meta.title"),
      unread,
      unreadText: formatNumber(locale, unread),
      notifications: page.notifications.map((n) => ({ ...n, date: formatDate(locale, n.createdAt) })),
      paged: cursor !== null,
      nextCursor: page.nextCursor,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** intent=read with an id marks one notification read, intent=readAll all of them; then back to the page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const form = await readFormData(request);
  const intent = form.get("intent");
  const id = Number(form.get("id"));
  if (intent === "read" && Number.isSafeInteger(id) && id > 0) await markNotificationsRead({ actor, ids: [id] });
  else if (intent === "readAll") await markNotificationsRead({ actor });
  else throw badRequest();
  return redirect(safeRedirectPath(form.get("redirectTo"), "/notifications"));
}

interface Item {
  kind: "status_changed" | "staff_comment" | "reply" | "comment" | "merged" | "approved" | "rejected";
  idea: { title: string; deleted?: true };
  status?: IdeaStatus;
  actorName?: string;
  sourceTitle?: string;
}

/** The message for a notification, its {title} and {actor} left for describe() to isolate. */
function template(t: Translate, statuses: StatusView[], n: Item): string {
  if (n.idea.deleted) return t("notifications.text.deleted");
  switch (n.kind) {
    case "status_changed":
    {
      // By kind: any status of kind "done" reads as shipped (ADR 0029).
      const status = n.status ? findStatusView(statuses, n.status) : null;
      if (status?.kind === "done") return t("notifications.text.shipped");
      if (status?.kind === "declined") return t("notifications.text.declined");
      return t("notifications.text.status", { status: status?.label ?? "" });
    }
    case "staff_comment":
      return t("notifications.text.staffComment");
    case "reply":
      return t("notifications.text.reply");
    case "comment":
      return t("notifications.text.comment");
    case "merged":
      return t("notification.merged");
    case "approved":
      return t("notifications.text.approved");
    case "rejected":
      return t("notifications.text.rejected");
  }
}

/** "Dark mode shipped", "Sam (staff) commented on Dark mode", …, with the title and name in <bdi>. */
function describe(t: Translate, statuses: StatusView[], n: Item): ReactNode {
  return withUserText(template(t, statuses, n), { title: n.idea.title, actor: personName(t, n.actorName), source: n.sourceTitle ?? "" });
}

export default function Notifications() {
  const t = useT();
  const statuses = useStatuses();
  const location = useLocation();
  const { unread, unreadText, notifications, paged, nextCursor } = useLoaderData<typeof loader>();
  const here = location.pathname + location.search;
  return (
    <div className="notifications stack">
      <div className="page-head notifications__head">
        <div>
          <h1>{t("notifications.title")}</h1>
          <p className="muted">{unread > 0 ? t("notifications.unreadSummary", { count: unread, n: unreadText }) : t("notifications.allRead")}</p>
        </div>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" className="button">
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>

      {notifications.length === 0 ? (
        <div className="card empty-state">
          <p>{t("notifications.empty")}</p>
        </div>
      ) : (
        <ol className="notification-list card">
          {notifications.map((n) => {
            const textId = `notification-${n.id}`;
            return (
              <li key={n.id} className={n.read ? "notification" : "notification notification--unread"}>
                <div className="notification__body">
                  {n.read ? null : <span className="notification__unread">{t("notifications.unread")}</span>}
                  {"deleted" in n.idea ? (
                    // Nothing left to open: the text says what happened, without a link to a missing page.
                    <span id={textId} className="notification__link">
                      {describe(t, statuses, n)}
                    </span>
                  ) : (
                    <Link to={`/notifications/${n.id}/open`} id={textId} className="notification__link">
                      {describe(t, statuses, n)}
                    </Link>
                  )}
                  <p className="notification__meta small muted">
                    <span>{t(`notification.kind.${n.kind}`)}</span>
                    <time dateTime={n.createdAt}>{n.date}</time>
                  </p>
                </div>
                {n.read ? null : (
                  <Form method="post" className="notification__action">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <input type="hidden" name="redirectTo" value={here} />
                    <button type="submit" className="button button--quiet small" aria-describedby={textId}>
                      {t("notifications.markRead")}
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ol>
      )}

      {nextCursor || paged ? (
        <div className="list-pages row">
          {paged ? <Link to="/notifications">{t("notifications.newest")}</Link> : null}
          {nextCursor ? (
            <Link to={`/notifications?cursor=${nextCursor}`} className="button">
              {t("notifications.older")}
            </Link>
          ) : null}
        </div>
      ) : null}

      <p className="small">
        <Link to="/settings/notifications">{t("notifications.settings")}</Link>
      </p>
    </div>
  );
}
