import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { FormResult } from "../schemas/parse";
import { Field, Notice } from "./Field";
import { useT } from "../i18n/use-t";
import type { MessageKey } from "../i18n";

export type EmailRequestData = FormResult & { sent?: string };

/** "Enter your email and we will send you a link" pages: sign-in link and password reset. */
export function EmailRequestPage({ title, intro, submit }: { title: MessageKey; intro: MessageKey; submit: MessageKey }) {
  const t = useT();
  const result = useActionData() as EmailRequestData | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow card">
      <h1>{t(title)}</h1>
      {result?.sent ? (
        <Notice kind="success">{result.sent}</Notice>
      ) : (
        <>
          <p>{t(intro)}</p>
          {result?.formError ? <Notice kind="error">{result.formError}</Notice> : null}
          <Form method="post" noValidate>
            <Field label={t("auth.field.email")} name="email" type="email" autoComplete="email" required error={result?.errors?.email} />
            <button type="submit" className="button button--primary" disabled={busy}>
              {t(submit)}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
