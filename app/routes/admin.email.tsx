import { AdminNav } from "../components/AdminNav";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Notice } from "../components/Field";
import { translate } from "../i18n";
import { formatDateTime, formatNumber } from "../i18n/format";
import { useLocale, useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { formRateLimit, parseFormRequest, type FormResult } from "../lib/forms.server";
import { forbidden } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { getMailStatus, sendTestEmail, type TestEmailResult } from "../models/mail-status.server";
import { canManageEmail } from "../permissions";
import { pageMeta } from "../page-meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

/** How mail is sent and how it is going, for admins; with a test email to themselves. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  if (!canManageEmail(actor)) throw forbidden();
  const title = `${translate(requestLocale(request, context), "admin.email.title")} · Loopboard`;
  return json({ title, email: actor.email, status: await getMailStatus({ actor }) });
}

const TestEmailForm = z.object({ intent: z.literal("test") });

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  if (!canManageEmail(actor)) throw forbidden();
  const parsed = await parseFormRequest(request, context, TestEmailForm);
  if (!parsed.ok) return parsed.response;
  const limited = await formRateLimit([["testEmail", String(actor.id)]], parsed.locale);
  if (limited) return limited;
  return json<FormResult & { test?: TestEmailResult }>({ test: await sendTestEmail({ actor }) });
}

export default function AdminEmail() {
  const t = useT();
  const locale = useLocale();
  const { email, status } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (FormResult & { test?: TestEmailResult }) | undefined;
  const sending = useNavigation().state === "submitting";
  const when = (iso: string) => formatDateTime(locale, iso);
  const { mode } = status;
  const modeText =
    mode.kind === "outbox"
      ? t("admin.email.mode.outbox", { dir: mode.dir })
      : t(mode.secure ? "admin.email.mode.smtps" : "admin.email.mode.smtp", { host: mode.host, port: String(mode.port) });
  return (
    <div className="stack">
      <AdminNav />
      <h1>{t("admin.email.title")}</h1>
      <p className="muted">{t("admin.email.intro")}</p>
      <section className="card" aria-labelledby="mail-status">
        <h2 id="mail-status">{t("admin.email.status")}</h2>
        <dl className="facts">
          <dt>{t("admin.email.mode")}</dt>
          <dd>{modeText}</dd>
          <dt>{t("admin.email.lastError")}</dt>
          <dd>
            {status.lastError ? (
              t("admin.email.lastError.at", { error: status.lastError.message, date: when(status.lastError.at) })
            ) : (
              <span className="muted">{t("admin.email.lastError.none")}</span>
            )}
          </dd>
          <dt>{t("admin.email.queued")}</dt>
          <dd>{formatNumber(locale, status.queued)}</dd>
          <dt>{t("admin.email.retrying")}</dt>
          <dd>{formatNumber(locale, status.retrying)}</dd>
          <dt>{t("admin.email.failed")}</dt>
          <dd>
            {formatNumber(locale, status.failed)}
            {status.failed > 0 ? (
              <>
                {" · "}
                <Link to="/admin/deliveries">{t("admin.email.failedLink")}</Link>
              </>
            ) : null}
          </dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="test-email">
        <h2 id="test-email">{t("admin.email.test.title")}</h2>
        <p>{t("admin.email.test.intro", { email })}</p>
        {result?.formError ? <Notice kind="error">{result.formError}</Notice> : null}
        {result?.test?.ok ? (
          <Notice kind="success">
            {t("admin.email.test.sent", { email: result.test.to })}
            {result.test.file ? ` ${t("admin.email.test.written", { file: result.test.file })}` : null}
          </Notice>
        ) : null}
        {result?.test && !result.test.ok ? <Notice kind="error">{t("admin.email.test.failed", { error: result.test.error })}</Notice> : null}
        <Form method="post">
          <input type="hidden" name="intent" value="test" />
          <button type="submit" className="button button--primary" disabled={sending}>
            {t("admin.email.test.button")}
          </button>
        </Form>
      </section>
    </div>
  );
}
