import { Form, Link, NavLink } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { isAdmin } from "../permissions";

export interface HeaderUser {
  id: number;
  name: string;
  role: "admin" | "staff" | "member";
}

export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const t = useT();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">◎</span> {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")} className="site-nav">
          <NavLink to="/" end>
            {t("nav.board")}
          </NavLink>
          {isAdmin(user) ? <NavLink to="/admin/boards">{t("nav.admin")}</NavLink> : null}
        </nav>
        <div className="site-header__account">
          {user ? (
            <>
              <NavLink to="/settings/profile" className="account-name">
                {user.name}
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="button button--quiet">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/login">{t("nav.signIn")}</NavLink>
              <Link to="/join" className="button button--primary">
                {t("nav.signUp")}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
