import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, Notice, SelectField } from "../components/Field";
import { LocaleOptions } from "../components/LanguageSwitcher";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { parseFormRequest, type FormResult } from "../lib/forms.server";
import { updateProfile } from "../models/users.server";
import { ProfileForm } from "../schemas/auth";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json({ name: user.name, email: user.email, locale: user.chosenLocale });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const parsed = await parseFormRequest(request, context, ProfileForm);
  if (!parsed.ok) return parsed.response;
  await updateProfile({ actor, name: parsed.data.name, locale: parsed.data.locale });
  return json<FormResult & { saved?: boolean }>({ saved: true });
}

export default function Profile() {
  const t = useT();
  const { name, email, locale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (FormResult & { saved?: boolean }) | undefined;
  return (
    <section className="card narrow" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t("settings.profile.title")}</h2>
      {result?.saved ? <Notice kind="success">{t("settings.profile.saved")}</Notice> : null}
      <Form method="post" noValidate>
        <Field label={t("auth.field.email")} name="email" type="email" value={email} readOnly />
        <Field label={t("auth.field.name")} name="name" defaultValue={name} required maxLength={50} error={result?.errors?.name} />
        <SelectField label={t("language.label")} name="locale" defaultValue={locale ?? ""} hint={t("language.accountHint")} error={result?.errors?.locale}>
          <option value="">{t("language.auto")}</option>
          <LocaleOptions />
        </SelectField>
        <button type="submit" className="button button--primary">
          {t("common.save")}
        </button>
      </Form>
    </section>
  );
}
