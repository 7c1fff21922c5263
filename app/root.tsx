import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { LanguageSwitcher } from "./components/LanguageSwitcher";
import { SiteHeader } from "./components/SiteHeader";
import { useNonce } from "./components/nonce";
import { translator, type Locale } from "./i18n";
import { localeDir } from "./i18n/locales";
import { useCatalogLoaded, useRootData, type RootData } from "./i18n/use-t";
import { requestLocale } from "./lib/locale.server";
import { headerCounts } from "./models/header-counts.server";
import { rememberLastLocale } from "./models/users.server";
import { statusViews } from "./models/status-catalog.server";
import { pageMeta } from "./page-meta";
import stylesHref from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "Loopboard");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = context.auth.user;
  const locale = requestLocale(request, context);
  if (user) await rememberLastLocale({ actor: user, locale });
  // One statement: unread notifications, and for staff the Inbox badge, the Reports link (shown
  // while any wait) and the Approval tab's badge; no query for visitors.
  const { unread, inbox, reports, pending } = await headerCounts({ actor: user });
  const data: RootData = {
    locale,
    user: user ? { id: user.id, name: user.name, role: user.role, blocked: user.blocked } : null,
    unread,
    inbox,
    reports,
    pending,
    // Statuses are data (ADR 0029): every page's badges and dropdowns read them from here.
    statuses: await statusViews(locale),
  };
  return json(data, { headers: { "Cache-Control": "private, no-store" } });
}

function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const nonce = useNonce();
  const t = translator(locale);
  return (
    <html lang={locale} dir={localeDir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("nav.skipToContent")}
        </a>
        {children}
        <footer className="site-footer">
          <LanguageSwitcher />
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  // A language whose messages arrive after the page rendered renders the page again, in it.
  const catalogLoaded = useCatalogLoaded(data.locale);
  return (
    <Document locale={data.locale}>
      <SiteHeader user={data.user} unread={data.unread} inbox={data.inbox} reports={data.reports} />
      <main id="main" className="page" tabIndex={-1} key={catalogLoaded ? "page" : "page-in-english"}>
        {data.user?.blocked ? <BlockedNotice locale={data.locale} /> : null}
        <Outlet />
      </main>
    </Document>
  );
}

/** What a blocked person reads at the top of every page, before they try anything. */
function BlockedNotice({ locale }: { locale: Locale }) {
  return (
    <p className="notice notice--info" role="status">
      {translator(locale)("error.blocked")}
    </p>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData("root") as RootData | undefined;
  const { locale } = useRootData();
  const t = translator(locale);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? [t("error.notFound.title"), t("error.notFound.body")]
      : status === 403
        ? [t("error.forbidden.title"), (isRouteErrorResponse(error) && error.data?.error?.message) || t("error.forbidden.body")]
        : status === 401
          ? [t("error.unauthorized.title"), t("error.unauthorized.body")]
          : status === 429
            ? [t("error.rateLimited.title"), (isRouteErrorResponse(error) && error.data?.error?.message) || t("error.rateLimited.title")]
            : status >= 400 && status < 500
              ? [t("error.badRequest.title"), (isRouteErrorResponse(error) && error.data?.error?.message) || ""]
              : [t("error.title"), t("error.body")];
  return (
    <Document locale={locale}>
      <SiteHeader user={data?.user ?? null} unread={data?.unread ?? 0} inbox={data?.inbox ?? 0} />
      <main id="main" className="page" tabIndex={-1}>
        <div className="error-page">
          <h1>{title}</h1>
          {body ? <p>{body}</p> : null}
          <p>
            <a href="/">{t("error.goHome")}</a>
          </p>
        </div>
      </main>
    </Document>
  );
}
