import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { AdminNav } from "../components/AdminNav";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Notice } from "../components/Field";
import { translate } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { useLocale, useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { parseFormRequest, type FormResult } from "../lib/forms.server";
import { forbidden } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { listFailedDeliveries, retryFailedDeliveries } from "../models/email-deliveries.server";
import { canSeeDeliveries } from "../permissions";
import { pageMeta } from "../page-meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

/** Failed notification emails, for admins: who, about what, how often tried, the server's answer. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  if (!canSeeDeliveries(actor)) throw forbidden();
  const title = `${translate(requestLocale(request, context), "admin.deliveries.title")} · Loopboard`;
  return json({ title, deliveries: await listFailedDeliveries({ actor }) });
}

const RetryForm = z.object({ id: z.coerce.number().int().positive() });

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const parsed = await parseFormRequest(request, context, RetryForm);
  if (!parsed.ok) return parsed.response;
  const { queued } = await retryFailedDeliveries({ actor, ids: [parsed.data.id] });
  return json<FormResult & { queued?: number }>({ queued });
}

export default function AdminDeliveries() {
  const t = useT();
  const locale = useLocale();
  const { deliveries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (FormResult & { queued?: number }) | undefined;
  const when = (iso: string) => formatDateTime(locale, iso);
  return (
    <div className="stack">
      <AdminNav />
      <h1>{t("admin.deliveries.title")}</h1>
      <p className="muted">{t("admin.deliveries.intro")}</p>
      {result?.queued !== undefined ? <Notice kind="success">{t("admin.deliveries.retried", { count: result.queued })}</Notice> : null}
      {deliveries.length === 0 ? (
        <p>{t("admin.deliveries.none")}</p>
      ) : (
        <div className="card">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("admin.deliveries.recipient")}</th>
                <th scope="col">{t("admin.deliveries.idea")}</th>
                <th scope="col">{t("admin.deliveries.kind")}</th>
                <th scope="col">{t("admin.deliveries.attempts")}</th>
                <th scope="col">{t("admin.deliveries.error")}</th>
                <th scope="col">{t("admin.deliveries.when")}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td>
                    <bdi>{d.recipient.name}</bdi>
                    <br />
                    <span className="muted small">{d.recipient.email}</span>
                  </td>
                  <td>
                    <Link to={d.idea.url} dir="auto">
                      {d.idea.title}
                    </Link>
                  </td>
                  <td>{t(`notification.kind.${d.kind}`)}</td>
                  <td>{d.attempts}</td>
                  <td>
                    <code>{d.lastError}</code>
                  </td>
                  <td>{when(d.failedAt)}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="id" value={d.id} />
                      <button type="submit" className="button" aria-label={t("admin.deliveries.retryFor", { email: d.recipient.email })}>
                        {t("admin.deliveries.retry")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
