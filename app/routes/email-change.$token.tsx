import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "../components/Field";
import { translate } from "../i18n";
import { useT } from "../i18n/use-t";
import { requestLocale } from "../lib/locale.server";
import { confirmEmailChange, peekEmailChange } from "../models/account-settings.server";
import { pageMeta } from "../page-meta";

const headers = { "Referrer-Policy": "no-referrer", "Cache-Control": "private, no-store" };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard", null, [{ name: "robots", content: "noindex" }]);

/**
 * The link sent to a new address. GET only shows a button (mail scanners open links and must not
 * use this one up); the POST makes the change. Works in any browser: the link is the credential.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const link = await peekEmailChange(params.token ?? "");
  const title = `${translate(requestLocale(request, context), "account.emailChange.title")} · Loopboard`;
  return json({ title, email: link?.email ?? null }, { headers });
}

export async function action({ params }: ActionFunctionArgs) {
  const result = await confirmEmailChange(params.token ?? "");
  if (result === null) return json({ outcome: "invalid" as const, email: null }, { status: 400, headers });
  if (result === "taken") return json({ outcome: "taken" as const, email: null }, { status: 409, headers });
  return json({ outcome: "changed" as const, email: result.email }, { headers });
}

export default function EmailChange() {
  const t = useT();
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="narrow card stack">
      <h1>{t("account.emailChange.title")}</h1>
      {result?.outcome === "changed" ? (
        <>
          <Notice kind="success">{t("account.emailChange.done", { email: result.email })}</Notice>
          <Link to="/settings/account">{t("account.title")}</Link>
        </>
      ) : result?.outcome === "taken" ? (
        <Notice kind="error">{t("account.emailChange.taken")}</Notice>
      ) : !email || result?.outcome === "invalid" ? (
        <>
          <Notice kind="error">{t("account.emailChange.invalid")}</Notice>
          <Link to="/settings/account">{t("account.title")}</Link>
        </>
      ) : (
        <>
          <p>{t("account.emailChange.intro", { email })}</p>
          <p className="small muted">{t("account.emailChange.why")}</p>
          <Form method="post">
            <button type="submit" className="button button--primary">
              {t("account.emailChange.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
