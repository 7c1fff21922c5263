import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "../components/Field";
import { translate } from "../i18n";
import { useT } from "../i18n/use-t";
import { notFound } from "../lib/errors.server";
import { readFormData } from "../lib/http.server";
import { requestLocale } from "../lib/locale.server";
import { readUnsubscribeLink, unsubscribeWithLink } from "../models/notification-settings.server";
import { pageMeta } from "../page-meta";

const headers = { "Referrer-Policy": "no-referrer", "Cache-Control": "private, no-store" };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard", null, [{ name: "robots", content: "noindex" }]);

/** The page behind every notification email's unsubscribe link; works signed out (the token is the credential). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const link = await readUnsubscribeLink({ token: params.token ?? "" });
  const title = `${translate(requestLocale(request, context), "unsubscribe.title")} · Loopboard`;
  const view = link ? { idea: link.idea && { title: link.idea.title, url: link.idea.url }, unsubscribedAll: link.unsubscribedAll } : null;
  return json({ title, link: view }, { status: link ? 200 : 404, headers });
}

/**
 * POST: intent=idea|all from the page's buttons, or the RFC 8058 one-click body
 * "List-Unsubscribe=One-Click" from a mail client (no cookies, no Origin), which unsubscribes
 * from the idea the email was about.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readFormData(request, 4096);
  const oneClick = form.get("List-Unsubscribe") === "One-Click";
  const from = !oneClick && form.get("intent") === "all" ? "all" : "idea";
  const link = await unsubscribeWithLink({ token: params.token ?? "", from });
  if (!link) throw notFound();
  return json({ done: link.idea ? from : "all" }, { headers });
}

export default function Unsubscribe() {
  const t = useT();
  const { link } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="narrow card stack">
      <h1>{t("unsubscribe.title")}</h1>
      {!link ? (
        <Notice kind="error">{t("unsubscribe.invalid")}</Notice>
      ) : result?.done ? (
        <Notice kind="success">
          {result.done === "idea" && link.idea
            ? t("unsubscribe.done.idea", { title: link.idea.title })
            : t("unsubscribe.done.all")}
        </Notice>
      ) : (
        <>
          <p>{t("unsubscribe.intro")}</p>
          {link.unsubscribedAll ? <Notice kind="info">{t("unsubscribe.already.all")}</Notice> : null}
          <Form method="post" className="row">
            {link.idea ? (
              <button type="submit" name="intent" value="idea" className="button button--primary">
                {t("unsubscribe.idea", { title: link.idea.title })}
              </button>
            ) : null}
            {link.unsubscribedAll ? null : (
              <button type="submit" name="intent" value="all" className={link.idea ? "button" : "button button--primary"}>
                {t("unsubscribe.all")}
              </button>
            )}
          </Form>
        </>
      )}
      {link?.idea ? <Link to={link.idea.url}>{t("unsubscribe.viewIdea")}</Link> : null}
    </div>
  );
}
