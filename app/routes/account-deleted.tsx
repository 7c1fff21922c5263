import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { translate } from "../i18n";
import { useT } from "../i18n/use-t";
import { requestLocale } from "../lib/locale.server";
import { pageMeta } from "../page-meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard", null, [{ name: "robots", content: "noindex" }]);

/** Where deleting an account ends up, signed out. */
export function loader({ request, context }: LoaderFunctionArgs) {
  return json({ title: `${translate(requestLocale(request, context), "account.delete.title")} · Loopboard` });
}

export default function AccountDeleted() {
  const t = useT();
  return (
    <div className="narrow card stack">
      <h1>{t("account.delete.title")}</h1>
      <p role="status">{t("account.delete.done")}</p>
      <Link to="/">{t("error.goHome")}</Link>
    </div>
  );
}
