import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Field, Notice } from "../components/Field";
import { translate } from "../i18n";
import { useT } from "../i18n/use-t";
import { formRateLimit, parseFormRequest, type FormErrorData } from "../lib/forms.server";
import { requestSignInLink } from "../models/users.server";
import { EmailOnlyForm } from "../schemas/auth";

export const meta: MetaFunction = () => [{ title: "Sign in by email · Loopboard" }];

type Data = FormErrorData & { sent?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseFormRequest(request, context, EmailOnlyForm);
  if (!parsed.ok) return parsed.response;
  const { email } = parsed.data;
  const limited = await formRateLimit([["emailLinkIp", context.clientIp], ["emailLinkAddress", email]], parsed.locale);
  if (limited) return limited;
  await requestSignInLink({ email, locale: parsed.locale });
  return json<Data>({ sent: translate(parsed.locale, "auth.link.sent", { email }) });
}

export default function EmailLink() {
  const t = useT();
  const result = useActionData<typeof action>() as Data | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow card">
      <h1>{t("auth.link.title")}</h1>
      {result?.sent ? (
        <Notice kind="success">{result.sent}</Notice>
      ) : (
        <>
          <p>{t("auth.link.intro")}</p>
          {result?.formError ? <Notice kind="error">{result.formError}</Notice> : null}
          <Form method="post" noValidate>
            <Field label={t("auth.field.email")} name="email" type="email" autoComplete="email" required error={result?.errors?.email} />
            <button type="submit" className="button button--primary" disabled={busy}>
              {t("auth.link.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
