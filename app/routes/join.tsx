import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, Notice } from "../components/Field";
import { NewPasswordField } from "../components/NewPasswordField";
import { translate } from "../i18n";
import { useT } from "../i18n/use-t";
import { formRateLimit, parseFormRequest, readNextStep, type FormResult } from "../lib/forms.server";
import { signUp } from "../models/users.server";
import { SignUpForm } from "../schemas/auth";
import { accountPath } from "../schemas/pending-action";
import { titledMeta } from "../page-meta";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "auth.join.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const next = readNextStep(new URL(request.url).searchParams);
  if (context.auth.user) throw redirect(next.redirectTo);
  return json(next);
}

type JoinData = FormResult & { sent?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseFormRequest(request, context, SignUpForm);
  if (!parsed.ok) return parsed.response;
  const limited = await formRateLimit([["signUpIp", context.clientIp]], parsed.locale);
  if (limited) return limited;
  // The emailed link brings the person back here, with what they were doing done.
  const result = await signUp({ ...parsed.data, ...readNextStep(parsed.raw), locale: parsed.locale });
  if (!result.ok) return json<JoinData>({ errors: result.errors }, { status: 400 });
  return json<JoinData>({ sent: translate(parsed.locale, "auth.join.checkEmail", { email: parsed.data.email }) });
}

export default function Join() {
  const t = useT();
  const { redirectTo, then } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as JoinData | undefined;
  const busy = useNavigation().state === "submitting";
  if (result?.sent) {
    return (
      <div className="narrow card">
        <h1>{t("auth.join.title")}</h1>
        <Notice kind="success">{result.sent}</Notice>
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>{t("auth.join.title")}</h1>
      {result?.formError ? <Notice kind="error">{result.formError}</Notice> : null}
      {then ? <p>{t("auth.join.toVote")}</p> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {then ? <input type="hidden" name="then" value={then} /> : null}
        <Field label={t("auth.field.name")} name="name" autoComplete="nickname" required maxLength={50} error={result?.errors?.name} />
        <Field label={t("auth.field.email")} name="email" type="email" autoComplete="email" required error={result?.errors?.email} />
        <NewPasswordField label={t("auth.field.password")} error={result?.errors?.password} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("auth.join.submit")}
        </button>
      </Form>
      <p className="small">
        {t("auth.join.haveAccount")} <Link to={accountPath("/login", redirectTo, then)}>{t("nav.signIn")}</Link>
      </p>
    </div>
  );
}
