import { useEffect, useRef, type KeyboardEvent } from "react";
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useT, type RootData } from "../i18n/use-t";
import { canReviewReports, canTriage, isAdmin } from "../permissions";
import { accountPath } from "../schemas/pending-action";

/** The signed-in person as the root loader sends them. */
export type HeaderUser = NonNullable<RootData["user"]>;

/**
 * One row at every width. Wide screens show the main navigation inline; narrow ones put it (and
 * the link to the account) behind a "Menu" disclosure — a <details>, so it opens without
 * JavaScript too. Only one of the two copies of the navigation is ever displayed (the other is
 * `display: none`, out of the accessibility tree), chosen by the stylesheet's breakpoint.
 */
export function SiteHeader({ user, unread = 0, inbox = 0, reports = 0 }: { user: HeaderUser | null; unread?: number; inbox?: number; reports?: number }) {
  const t = useT();
  const location = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  // Signing in or up from a page comes back to it (but not to the account pages themselves).
  const here = /^\/(login|join)(\/|$)/.test(location.pathname) ? "/" : location.pathname + location.search;

  // A client-side navigation leaves the header mounted: close the menu once the page changes.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.key]);

  function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
    if (event.key !== "Escape" || !menu.current?.open) return;
    menu.current.open = false;
    menu.current.querySelector("summary")?.focus();
  }

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">◎</span> {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")} className="site-nav site-nav--wide">
          <MainLinks user={user} inbox={inbox} reports={reports} />
        </nav>
        <div className="site-header__account">
          {user ? (
            <>
              <NotificationBell unread={unread} />
              <NavLink to="/settings/profile" className="account-name site-nav--wide">
                <bdi>{user.name}</bdi>
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="button button--quiet">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to={accountPath("/login", here, null)} className="site-header__sign-in">
                {t("nav.signIn")}
              </NavLink>
              <Link to={accountPath("/join", here, null)} className="button button--primary">
                {t("nav.signUp")}
              </Link>
            </>
          )}
        </div>
        <details className="site-menu" ref={menu} onKeyDown={closeOnEscape}>
          <summary className="site-menu__toggle" title={t("nav.menu")}>
            <svg className="site-menu__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
            </svg>
            <span className="visually-hidden">{t("nav.menu")}</span>
          </summary>
          <nav aria-label={t("nav.main")} className="site-menu__panel">
            <MainLinks user={user} inbox={inbox} reports={reports} />
            {user ? (
              <NavLink to="/settings/profile" className="account-name">
                <bdi>{user.name}</bdi>
              </NavLink>
            ) : null}
          </nav>
        </details>
      </div>
    </header>
  );
}

/** The main navigation's links. "Post an idea" is left out on the board, which has its own button. */
function MainLinks({ user, inbox, reports }: { user: HeaderUser | null; inbox: number; reports: number }) {
  const t = useT();
  const onBoard = useLocation().pathname === "/";
  return (
    <>
      <NavLink to="/" end>
        {t("nav.board")}
      </NavLink>
      <NavLink to="/roadmap">{t("nav.roadmap")}</NavLink>
      <NavLink to="/changelog">{t("nav.changelog")}</NavLink>
      {onBoard ? null : <NavLink to="/ideas/new">{t("board.post")}</NavLink>}
      {canTriage(user) ? <InboxLink count={inbox} /> : null}
      {canReviewReports(user) && reports > 0 ? <ReportsLink count={reports} /> : null}
      {isAdmin(user) ? <NavLink to="/admin/boards">{t("nav.admin")}</NavLink> : null}
    </>
  );
}

/** Staff: the triage inbox, with how many ideas wait as a badge; its name says the count. */
function InboxLink({ count }: { count: number }) {
  const t = useT();
  const label = count > 0 ? t("nav.inboxWaiting", { count, n: count > 99 ? "99+" : String(count) }) : t("nav.inbox");
  return (
    <NavLink to="/admin/inbox" className="inbox-link" aria-label={label}>
      {t("nav.inbox")}
      {count > 0 ? (
        <span className="inbox-link__count" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </NavLink>
  );
}

/** Staff, while members' reports wait: the reports queue, with their count as a badge its name says too. */
function ReportsLink({ count }: { count: number }) {
  const t = useT();
  const n = count > 99 ? "99+" : String(count);
  return (
    <NavLink to="/admin/reports" className="inbox-link" aria-label={t("nav.reportsWaiting", { count, n })}>
      {t("nav.reports")}
      <span className="inbox-link__count" aria-hidden="true">
        {n}
      </span>
    </NavLink>
  );
}

/** A bell with the unread count as a badge; its name says the count ("Notifications, 3 unread"). */
function NotificationBell({ unread }: { unread: number }) {
  const t = useT();
  const label = unread > 0 ? t("nav.notificationsUnread", { count: unread }) : t("nav.notifications");
  return (
    <NavLink to="/notifications" className="bell" aria-label={label} title={label}>
      <svg className="bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
      </svg>
      {unread > 0 ? (
        <span className="bell__count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
