import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "../components/Field";
import { NewPasswordField } from "../components/NewPasswordField";
import { translate } from "../i18n";
import { useT } from "../i18n/use-t";
import { startSession } from "../lib/auth.server";
import { parseFormRequest, type FormResult } from "../lib/forms.server";
import { peekPasswordReset, resetPassword } from "../models/password-resets.server";
import { ResetPasswordForm } from "../schemas/auth";
import { titledMeta } from "../page-meta";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "auth.reset.title", [{ name: "robots", content: "noindex" }]);

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await peekPasswordReset(params.token ?? "");
  return json({ email: link?.email ?? null }, { headers: { "Referrer-Policy": "no-referrer" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = await parseFormRequest(request, context, ResetPasswordForm);
  if (!parsed.ok) return parsed.response;
  const result = await resetPassword({ token: params.token ?? "", password: parsed.data.password, locale: parsed.locale });
  if (!result.ok) {
    return json<FormResult>(
      result.errors ? { errors: result.errors } : { formError: translate(parsed.locale, "auth.reset.invalid") },
      { status: 400 },
    );
  }
  // Every earlier session was ended by the reset; this browser gets a fresh one.
  const cookie = await startSession(result.user.id, { ...context, auth: { user: null, sessionId: null, via: null } });
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

export default function ResetPassword() {
  const t = useT();
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  if (!email) {
    return (
      <div className="narrow card">
        <h1>{t("auth.reset.title")}</h1>
        <Notice kind="error">{t("auth.reset.invalid")}</Notice>
        <Link to="/forgot-password">{t("auth.forgot.submit")}</Link>
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>{t("auth.reset.title")}</h1>
      {result?.formError ? <Notice kind="error">{result.formError}</Notice> : null}
      <Form method="post" noValidate>
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <NewPasswordField label={t("auth.field.newPassword")} error={result?.errors?.password} />
        <button type="submit" className="button button--primary">
          {t("auth.reset.submit")}
        </button>
      </Form>
    </div>
  );
}
