import { withUserText } from "../components/with-nodes";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "../components/Field";
import { translate, type MessageKey } from "../i18n";
import { useT } from "../i18n/use-t";
import { notFound } from "../lib/errors.server";
import { readFormData } from "../lib/http.server";
import { requestLocale } from "../lib/locale.server";
import { readUnsubscribeLink, unsubscribeWithLink } from "../models/notification-settings.server";
import { pageMeta } from "../page-meta";

const headers = { "Referrer-Policy": "no-referrer", "Cache-Control": "private, no-store" };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard", null, [{ name: "robots", content: "noindex" }]);

const KINDS: Array<[keyof UnsubscribeSettings, MessageKey]> = [
  ["emailOnStatusChange", "emailSettings.statusChange"],
  ["emailOnStaffComment", "emailSettings.staffComment"],
  ["emailOnReply", "emailSettings.reply"],
  ["emailOnComment", "emailSettings.comment"],
];
type UnsubscribeSettings = NonNullable<Awaited<ReturnType<typeof readUnsubscribeLink>>>["settings"];

/** The page behind every notification email's unsubscribe link; works signed out (the token is the credential). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const link = await readUnsubscribeLink({ token: params.token ?? "" });
  const title = `${translate(requestLocale(request, context), "unsubscribe.title")} · Loopboard`;
  const view = link
    ? {
        idea: link.idea && { title: link.idea.title, url: link.idea.url },
        unsubscribedIdea: link.unsubscribedIdea,
        unsubscribedAll: link.unsubscribedAll,
        kinds: KINDS.filter(([name]) => link.settings[name]).map(([, label]) => label),
      }
    : null;
  return json({ title, link: view }, { status: link ? 200 : 404, headers });
}

const INTENTS = ["idea", "all", "undo-idea", "undo-all"] as const;
type Intent = (typeof INTENTS)[number];

/**
 * POST: intent=idea|all (unsubscribe) or undo-idea|undo-all (take it back) from the page's
 * buttons, or the RFC 8058 one-click body "List-Unsubscribe=One-Click" from a mail client (no
 * cookies, no Origin), which unsubscribes from the idea the email was about.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readFormData(request, 4096);
  const posted = form.get("intent");
  const intent: Intent = form.get("List-Unsubscribe") !== "One-Click" && INTENTS.includes(posted as Intent) ? (posted as Intent) : "idea";
  const token = params.token ?? "";
  const from = intent.endsWith("all") ? "all" : "idea";
  const undo = intent.startsWith("undo-");
  const link = await unsubscribeWithLink({ token, from, undo });
  if (!link) throw notFound();
  const done = link.scope === "all" ? "all" : from;
  return json({ done: undo ? (`undo-${done}` as const) : done }, { headers });
}

const DONE: Record<string, MessageKey> = {
  idea: "unsubscribe.done.idea",
  all: "unsubscribe.done.all",
  "undo-idea": "unsubscribe.undone.idea",
  "undo-all": "unsubscribe.undone.all",
};

export default function Unsubscribe() {
  const t = useT();
  const { link } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!link) {
    return (
      <div className="narrow card stack">
        <h1>{t("unsubscribe.title")}</h1>
        <Notice kind="error">{t("unsubscribe.invalid")}</Notice>
      </div>
    );
  }
  const title = link.idea?.title ?? "";
  return (
    <div className="narrow card stack">
      <h1>{t("unsubscribe.title")}</h1>
      {result?.done ? <Notice kind="success">{withUserText(t(DONE[result.done]), { title })}</Notice> : <p>{t("unsubscribe.intro")}</p>}
      <section className="stack" aria-labelledby="unsubscribe-now">
        <h2 id="unsubscribe-now">{t("unsubscribe.now.title")}</h2>
        <ul>
          {link.idea ? <li>{withUserText(t(link.unsubscribedIdea ? "unsubscribe.already.idea" : "unsubscribe.now.idea"), { title })}</li> : null}
          {link.unsubscribedAll ? (
            <li>{t("unsubscribe.already.all")}</li>
          ) : link.kinds.length === 0 ? (
            <li>{t("unsubscribe.now.none")}</li>
          ) : (
            <li>
              {t("unsubscribe.now.kinds")}
              <ul>
                {link.kinds.map((kind) => (
                  <li key={kind}>{t(kind)}</li>
                ))}
              </ul>
            </li>
          )}
        </ul>
      </section>
      {/* A button is a flex box: its label sits in one span, or the title's <bdi> becomes an item of its own. */}
      <Form method="post" className="row">
        {link.idea && !link.unsubscribedAll ? (
          link.unsubscribedIdea ? (
            <button type="submit" name="intent" value="undo-idea" className="button">
              <span>{withUserText(t("unsubscribe.undo.idea"), { title })}</span>
            </button>
          ) : (
            <button type="submit" name="intent" value="idea" className="button button--primary">
              <span>{withUserText(t("unsubscribe.idea"), { title })}</span>
            </button>
          )
        ) : null}
        {link.unsubscribedAll ? (
          <button type="submit" name="intent" value="undo-all" className="button">
            {t("unsubscribe.undo.all")}
          </button>
        ) : (
          <button type="submit" name="intent" value="all" className={link.idea && !link.unsubscribedIdea ? "button" : "button button--primary"}>
            {t("unsubscribe.all")}
          </button>
        )}
      </Form>
      {link.idea ? <Link to={link.idea.url}>{t("unsubscribe.viewIdea")}</Link> : null}
    </div>
  );
}
