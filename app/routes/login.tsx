import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, Notice } from "../components/Field";
import { useT } from "../i18n/use-t";
import { startSession } from "../lib/auth.server";
import { formRateLimit, parseFormRequest, type FormResult } from "../lib/forms.server";
import { safeRedirectPath } from "../lib/http.server";
import { translate } from "../i18n";
import { signInWithPassword } from "../models/users.server";
import { SignInForm } from "../schemas/auth";

export const meta: MetaFunction = () => [{ title: "Sign in · Loopboard" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
  if (context.auth.user) throw redirect(redirectTo);
  return json({ redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseFormRequest(request, context, SignInForm);
  if (!parsed.ok) return parsed.response;
  const { email, password } = parsed.data;
  const limited = await formRateLimit([["signInIp", context.clientIp], ["signInAccount", email]], parsed.locale);
  if (limited) return limited;
  const user = await signInWithPassword({ email, password });
  if (!user) return json<FormResult>({ formError: translate(parsed.locale, "auth.login.failed") }, { status: 400 });
  const cookie = await startSession(user.id, context);
  return redirect(safeRedirectPath(parsed.raw.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const t = useT();
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow card">
      <h1>{t("auth.login.title")}</h1>
      {result?.formError ? <Notice kind="error">{result.formError}</Notice> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label={t("auth.field.email")} name="email" type="email" autoComplete="email" required error={result?.errors?.email} />
        <Field label={t("auth.field.password")} name="password" type="password" autoComplete="current-password" required error={result?.errors?.password} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("auth.login.submit")}
        </button>
      </Form>
      <div className="stack small">
        <p>
          <Link to="/forgot-password">{t("auth.login.forgot")}</Link>
        </p>
        <p>
          <Link to="/login/email">{t("auth.login.emailLink")}</Link>
        </p>
        <p>
          {t("auth.login.noAccount")} <Link to="/join">{t("nav.signUp")}</Link>
        </p>
      </div>
    </div>
  );
}
