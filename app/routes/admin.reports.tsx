import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdminNav } from "../components/AdminNav";
import { Notice } from "../components/Field";
import { withUserText } from "../components/with-nodes";
import { translate } from "../i18n";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { requestLocale } from "../lib/locale.server";
import { listOpenReports, reportGroupToJson, resolveReport } from "../models/report-queue.server";
import { pageMeta } from "../page-meta";
import { personName } from "../person-name";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

/** /admin/reports (staff): reported ideas and comments, the longest-waiting first, to hide or dismiss. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const items = await listOpenReports({ actor });
  const locale = requestLocale(request, context);
  const done = new URL(request.url).searchParams.get("done");
  return json(
    {
      title: `${translate(locale, "reports.title")} · Loopboard`,
      items: items.map((item) => ({ ...reportGroupToJson(item), date: formatDate(locale, item.firstAt) })),
      done: done === "hidden" || done === "dismissed" ? done : null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const { raw, locale } = await readForm(request, context);
  try {
    const { outcome } = await resolveReport({ actor, id: Number(raw.id), action: raw.intent });
    return redirect(`/admin/reports?done=${outcome}`);
  } catch (error) {
    return formResult(error, raw, String(raw.id ?? ""), locale);
  }
}

export default function AdminReports() {
  const t = useT();
  const { items, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  return (
    <div className="stack">
      <AdminNav />
      <h1>{t("reports.title")}</h1>
      <p className="muted">{t("reports.intro")}</p>
      {done ? <Notice kind="success">{t(done === "hidden" ? "reports.doneHidden" : "reports.doneDismissed")}</Notice> : null}
      {result?.formError ? <Notice kind="error">{result.formError}</Notice> : null}
      {items.length === 0 ? (
        <p className="card">{t("reports.empty")}</p>
      ) : (
        <ol className="plain-list stack" aria-label={t("reports.list")}>
          {items.map((item) => (
            <li key={item.id} className="card stack" aria-labelledby={`report-${item.id}`}>
              <h2 id={`report-${item.id}`} className="small">
                <Link to={item.url}>{withUserText(t(item.commentId === null ? "reports.onIdea" : "reports.onComment"), { title: item.idea.title })}</Link>
              </h2>
              <p className="muted small">
                {withUserText(t("reports.author"), { name: personName(t, item.author) })} · <time dateTime={item.firstAt}>{item.date}</time> ·{" "}
                <strong>{t("reports.count", { count: item.count, n: String(item.count) })}</strong>
              </p>
              <blockquote dir="auto">{item.excerpt}</blockquote>
              {item.hidden ? <p className="small">{t("reports.alreadyHidden")}</p> : null}
              <ul className="small">
                {item.reports.map((report) => (
                  <li key={report.id}>
                    {withUserText(t("reports.entry"), { name: personName(t, report.reporter), reason: t(`report.reason.${report.reason}`) })}
                    {report.detail ? <> — <span dir="auto">{report.detail}</span></> : null}
                  </li>
                ))}
              </ul>
              <div className="row">
                <Form method="post">
                  <input type="hidden" name="id" value={item.id} />
                  <input type="hidden" name="intent" value="hide" />
                  <button type="submit" className="button button--danger" aria-describedby={`report-${item.id}`}>
                    {t("reports.hide")}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="id" value={item.id} />
                  <input type="hidden" name="intent" value="dismiss" />
                  <button type="submit" className="button" aria-describedby={`report-${item.id}`}>
                    {t("reports.dismiss")}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
