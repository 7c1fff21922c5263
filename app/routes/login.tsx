import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, Notice } from "../components/Field";
import { useT } from "../i18n/use-t";
import { startSession } from "../lib/auth.server";
import { formRateLimit, parseForm, readForm, readNextStep, type FormResult } from "../lib/forms.server";
import { translate } from "../i18n";
import { finishPendingAction } from "../models/pending-actions.server";
import { checkPassword, resendSignUpConfirmation } from "../models/users.server";
import { EmailOnlyForm, SignInForm } from "../schemas/auth";
import { accountPath } from "../schemas/pending-action";
import { titledMeta } from "../page-meta";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "auth.login.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const next = readNextStep(new URL(request.url).searchParams);
  if (context.auth.user) throw redirect(next.redirectTo);
  return json(next);
}

type LoginData = FormResult & { unconfirmed?: string; resent?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const posted = await readForm(request, context);
  return posted.raw.intent === "resend" ? resend(posted, context.clientIp) : signIn(posted, context);
}

async function signIn(posted: Awaited<ReturnType<typeof readForm>>, context: ActionFunctionArgs["context"]) {
  const parsed = parseForm(SignInForm, posted);
  if (!parsed.ok) return parsed.response;
  const { email, password } = parsed.data;
  const limited = await formRateLimit([["signInIp", context.clientIp], ["signInAccount", email]], posted.locale);
  if (limited) return limited;
  const result = await checkPassword({ email, password });
  if (!result.ok && result.unconfirmed) return json<LoginData>({ formError: translate(posted.locale, "auth.login.unconfirmed"), unconfirmed: email }, { status: 400 });
  if (!result.ok) return json<LoginData>({ formError: translate(posted.locale, "auth.login.failed") }, { status: 400 });
  const cookie = await startSession(result.user.id, context);
  const next = readNextStep(posted.raw);
  await finishPendingAction({ actor: result.user, then: next.then });
  return redirect(next.redirectTo, { headers: { "Set-Cookie": cookie } });
}

/** A new confirmation link for a sign-up still waiting for one; the same answer whatever the address. */
async function resend(posted: Awaited<ReturnType<typeof readForm>>, clientIp: string) {
  const parsed = parseForm(EmailOnlyForm, posted);
  if (!parsed.ok) return parsed.response;
  const { email } = parsed.data;
  const limited = await formRateLimit([["emailLinkIp", clientIp], ["emailLinkAddress", email]], posted.locale);
  if (limited) return limited;
  await resendSignUpConfirmation({ email, locale: posted.locale });
  return json<LoginData>({ resent: translate(posted.locale, "auth.login.resent", { email }) });
}

export default function Login() {
  const t = useT();
  const { redirectTo, then } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as LoginData | undefined;
  const busy = useNavigation().state === "submitting";
  const nextFields = (
    <>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {then ? <input type="hidden" name="then" value={then} /> : null}
    </>
  );
  return (
    <div className="narrow card">
      <h1>{t("auth.login.title")}</h1>
      {then ? <p>{t("auth.login.toVote")}</p> : null}
      {result?.resent ? <Notice kind="success">{result.resent}</Notice> : null}
      {result?.formError ? (
        <Notice kind="error">
          {result.formError}
          {result.unconfirmed ? (
            <Form method="post" className="notice__action">
              <input type="hidden" name="intent" value="resend" />
              <input type="hidden" name="email" value={result.unconfirmed} />
              <button type="submit" className="button" disabled={busy}>
                {t("auth.login.resend")}
              </button>
            </Form>
          ) : null}
        </Notice>
      ) : null}
      <Form method="post" noValidate>
        {nextFields}
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
          {t("auth.login.noAccount")} <Link to={accountPath("/join", redirectTo, then)}>{t("nav.signUp")}</Link>
        </p>
      </div>
    </div>
  );
}
