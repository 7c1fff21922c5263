import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "../components/StatusBadge";
import { translate } from "../i18n";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { requestLocale } from "../lib/locale.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { previewStatusEmail } from "../models/status-preview.server";
import { pageMeta } from "../page-meta";
import updatesStyles from "../styles/updates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: updatesStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.pageTitle ?? "Loopboard");

/**
 * /ideas/:number/status-preview?status=&note=&notify= — the email followers would receive for
 * this status change, in the page's language (staff only: 403; unknown idea: 404). The status
 * form's "Preview the email" button sends the form here; "Change status" posts it for real.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const locale = requestLocale(request, context);
  const query = new URL(request.url).searchParams;
  const preview = await previewStatusEmail({ actor, number: ideaNumberParam(params.number), status: query.get("status"), note: query.get("note") ?? "", locale });
  const notify = query.getAll("notify").at(-1) ?? "true";
  return json(
    { ...preview, note: query.get("note") ?? "", notify, pageTitle: translate(locale, "preview.title", { title: preview.idea.title }) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function StatusPreview() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  return (
    <div className="status-preview stack">
      <p>
        <Link to={`${data.idea.url}#status`}>{t("preview.back")}</Link>
      </p>
      <h1 dir="auto">{data.pageTitle}</h1>
      <p className="idea-meta">
        <StatusBadge status={data.toStatus} />
      </p>
      <p className="muted">{t("preview.intro")}</p>
      <section className="card stack" aria-labelledby="preview-subject">
        <h2 id="preview-subject">{t("preview.subject")}</h2>
        <p dir="auto">{data.subject}</p>
        <h2 id="preview-text">{t("preview.text")}</h2>
        <pre className="status-preview__text" dir="auto" tabIndex={0} aria-labelledby="preview-text">
          {data.text}
        </pre>
        <details>
          <summary>{t("preview.html")}</summary>
          <pre className="status-preview__text" dir="ltr" tabIndex={0} aria-label={t("preview.frame")}>
            {data.html}
          </pre>
        </details>
      </section>
      <Form method="post" action={data.idea.url} className="row">
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="status" value={data.toStatus} />
        <input type="hidden" name="note" value={data.note} />
        <input type="hidden" name="notify" value={data.notify} />
        <button type="submit" className="button button--primary">
          {t("statusForm.submit")}
        </button>
        <Link to={`${data.idea.url}#status`}>{t("preview.back")}</Link>
      </Form>
    </div>
  );
}
