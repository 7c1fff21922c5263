import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "../components/Field";
import { useT } from "../i18n/use-t";
import { startSession } from "../lib/auth.server";
import { safeRedirectPath } from "../lib/http.server";
import { finishPendingAction } from "../models/pending-actions.server";
import { peekSignInLink, redeemSignInLink } from "../models/users.server";
import { titledMeta } from "../page-meta";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "auth.link.title", [{ name: "robots", content: "noindex" }]);

// The link shows a button instead of signing in on GET: mail scanners that open links must not
// use up a single-use link.
export async function loader({ params }: LoaderFunctionArgs) {
  const link = await peekSignInLink(params.token ?? "");
  return json({ email: link?.email ?? null, confirmsSignUp: link?.confirmsSignUp ?? false }, { headers: { "Referrer-Policy": "no-referrer" } });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const redeemed = await redeemSignInLink(params.token ?? "");
  if (!redeemed) return json({ invalid: true }, { status: 400 });
  const cookie = await startSession(redeemed.user.id, context);
  await finishPendingAction({ actor: redeemed.user, then: redeemed.then });
  // Checked again on the way out, though it was checked when the link was made.
  return redirect(safeRedirectPath(redeemed.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function SignInLink() {
  const t = useT();
  const { email, confirmsSignUp } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!email || result?.invalid) {
    return (
      <div className="narrow card">
        <h1>{t("auth.link.title")}</h1>
        <Notice kind="error">{t("auth.link.invalid")}</Notice>
        <Link to="/login/email">{t("auth.link.submit")}</Link>
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>{t(confirmsSignUp ? "auth.link.signUpTitle" : "auth.link.confirmTitle")}</h1>
      <p>{t(confirmsSignUp ? "auth.link.signUpBody" : "auth.link.confirmBody", { email })}</p>
      <p className="small muted">{t("auth.link.why")}</p>
      <Form method="post">
        <button type="submit" className="button button--primary">
          {t(confirmsSignUp ? "auth.link.signUpSubmit" : "auth.link.confirmSubmit")}
        </button>
      </Form>
    </div>
  );
}
