import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { endSession } from "../lib/auth.server";
import { titledMeta } from "../page-meta";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "auth.logout.title");

export async function action({ context }: ActionFunctionArgs) {
  const cookie = await endSession(context);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

/** Signing out is a POST (a link cannot sign anyone out); this page offers the button. */
export default function Logout() {
  const t = useT();
  return (
    <div className="narrow card">
      <h1>{t("auth.logout.title")}</h1>
      <Form method="post">
        <button type="submit" className="button button--primary">
          {t("auth.logout.submit")}
        </button>
      </Form>
    </div>
  );
}
