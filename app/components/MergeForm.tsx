import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import { Field, Notice } from "./Field";

/**
 * Staff merge the idea on this page into another one (by number). A plain form: it works without
 * JavaScript, and a refusal comes back as the field's message.
 */
export function MergeForm({ result }: { result?: FormResult }) {
  const t = useT();
  const mine = result?.form === "merge" ? result : undefined;
  return (
    <section className="card merge-form" aria-labelledby="merge-form-heading" id="merge">
      <h2 id="merge-form-heading">{t("merge.title")}</h2>
      <p className="hint">{t("merge.intro")}</p>
      <Form method="post" noValidate preventScrollReset>
        <input type="hidden" name="intent" value="merge" />
        {mine?.formError && !mine.errors ? <Notice kind="error">{mine.formError}</Notice> : null}
        <Field
          id="merge-into"
          name="into"
          label={t("merge.into")}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={mine?.values?.into}
          error={mine?.errors?.into}
        />
        <button type="submit" className="button">
          {t("merge.submit")}
        </button>
      </Form>
    </section>
  );
}
