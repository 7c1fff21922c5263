import { withUserText } from "../components/with-nodes";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { translate } from "../i18n";
import { formatNumber } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { requestLocale } from "../lib/locale.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { listFollowers } from "../models/followers.server";
import updatesStyles from "../styles/updates.css";
import { pageMeta } from "../page-meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: updatesStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

/** /ideas/:number/followers?after= — who follows the idea, 50 a page (admins only: 403 otherwise). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const locale = requestLocale(request, context);
  const after = new URL(request.url).searchParams.get("after");
  const page = await listFollowers({ actor, number: ideaNumberParam(params.number), after });
  return json(
    { title: translate(locale, "followers.meta.title"), ...page, totalText: formatNumber(locale, page.total), paged: Boolean(after) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function Followers() {
  const t = useT();
  const { idea, followers, total, totalText, paged, nextAfter } = useLoaderData<typeof loader>();
  const base = `/ideas/${idea.number}/followers`;
  return (
    <div className="followers stack">
      <p>
        <Link to={idea.url}>{t("followers.back")}</Link>
      </p>
      <div className="page-head">
        <h1>{withUserText(t("followers.title"), { title: idea.title })}</h1>
        <p className="muted">
          {t("follow.count", { count: total, n: totalText })}. {t("followers.intro")}
        </p>
      </div>
      {followers.length === 0 ? (
        <p className="card">{t("followers.none")}</p>
      ) : (
        <div className="card">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("followers.name")}</th>
                <th scope="col">{t("followers.email")}</th>
              </tr>
            </thead>
            <tbody>
              {followers.map((f) => (
                <tr key={f.id}>
                  <td dir="auto">{f.name}</td>
                  <td className="followers__email">{f.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextAfter || paged ? (
        <div className="list-pages row">
          {paged ? <Link to={base}>{t("followers.first")}</Link> : null}
          {nextAfter ? (
            <Link to={`${base}?after=${nextAfter}`} className="button">
              {t("followers.more")}
            </Link>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
