import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, Notice } from "../components/Field";
import { useT } from "../i18n/use-t";
import { endSession, requireUser } from "../lib/auth.server";
import { formRateLimit, formResult, readForm, type FormResult } from "../lib/forms.server";
import { badRequest } from "../lib/errors.server";
import { deleteAccount } from "../models/account-deletion.server";
import { changePassword, hasPassword, requestEmailChange } from "../models/account-settings.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  return json({ email: actor.email, hasPassword: await hasPassword({ actor }) });
}

type Data = FormResult & { done?: "password" | "email"; sentTo?: string };

/** Three forms, told apart by `intent`: email, password, delete. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const { raw, locale } = await readForm(request, context);
  const intent = String(raw.intent ?? "");
  try {
    if (intent === "email") {
      const limited = await formRateLimit([["emailLinkIp", context.clientIp], ["emailLinkAddress", String(raw.email ?? "").trim().toLowerCase()]], locale);
      if (limited) return limited;
      const { email } = await requestEmailChange({ actor, email: raw.email });
      return json<Data>({ form: "email", done: "email", sentTo: email });
    }
    if (intent === "password") {
      await changePassword({ actor, sessionId: context.auth.sessionId, currentPassword: raw.currentPassword, newPassword: raw.newPassword });
      return json<Data>({ form: "password", done: "password" });
    }
    if (intent === "delete") {
      await deleteAccount({ actor, content: raw.content, confirmation: raw.confirmation });
      return redirect("/account-deleted", { headers: { "Set-Cookie": await endSession(context) } });
    }
  } catch (error) {
    return formResult(error, raw, intent);
  }
  throw badRequest();
}

export default function AccountSettings() {
  const t = useT();
  const { email, hasPassword } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Data | undefined;
  const on = (form: string) => (result?.form === form ? result : undefined);
  return (
    <div className="stack">
      <section className="card narrow stack" aria-labelledby="email-heading">
        <h2 id="email-heading">{t("account.email.title")}</h2>
        {on("email")?.done ? <Notice kind="success">{t("account.email.sent", { email: result?.sentTo ?? "" })}</Notice> : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="email" />
          <Field label={t("account.email.current")} name="currentEmail" id="current-email" type="email" value={email} readOnly />
          <Field
            label={t("account.email.new")}
            name="email"
            id="new-email"
            type="email"
            autoComplete="email"
            required
            hint={t("account.email.hint")}
            defaultValue={on("email")?.values?.email}
            error={on("email")?.errors?.email ?? (on("email")?.errors ? undefined : on("email")?.formError)}
          />
          <button type="submit" className="button button--primary">
            {t("account.email.submit")}
          </button>
        </Form>
      </section>

      <section className="card narrow stack" aria-labelledby="password-heading">
        <h2 id="password-heading">{t("account.password.title")}</h2>
        {on("password")?.done ? <Notice kind="success">{t("account.password.saved")}</Notice> : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="password" />
          {hasPassword ? (
            <Field label={t("account.password.current")} name="currentPassword" type="password" autoComplete="current-password" required error={on("password")?.errors?.currentPassword} />
          ) : null}
          <Field
            label={t("account.password.new")}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            hint={t("account.password.hint")}
            error={on("password")?.errors?.newPassword ?? (on("password")?.errors ? undefined : on("password")?.formError)}
          />
          <button type="submit" className="button button--primary">
            {t("account.password.submit")}
          </button>
        </Form>
      </section>

      <section className="card narrow stack" aria-labelledby="export-heading">
        <h2 id="export-heading">{t("account.export.title")}</h2>
        <p className="muted">{t("account.export.intro")}</p>
        <p>
          <a href="/api/v1/me/export" download className="button">
            {t("account.export.link")}
          </a>
        </p>
      </section>

      <section className="card narrow stack" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t("account.delete.title")}</h2>
        <p>{t("account.delete.intro")}</p>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="delete" />
          <fieldset className="stack" aria-describedby={on("delete")?.errors?.content ? "delete-content-error" : undefined}>
            <legend>{t("account.delete.content")}</legend>
            <div className="checkbox">
              <input type="radio" id="delete-keep" name="content" value="keep" defaultChecked={on("delete")?.values?.content !== "remove"} />
              <label htmlFor="delete-keep">{t("account.delete.keep")}</label>
            </div>
            <div className="checkbox">
              <input type="radio" id="delete-remove" name="content" value="remove" defaultChecked={on("delete")?.values?.content === "remove"} />
              <label htmlFor="delete-remove">{t("account.delete.remove")}</label>
            </div>
            {on("delete")?.errors?.content ? (
              <p id="delete-content-error" className="field-error">
                {on("delete")?.errors?.content}
              </p>
            ) : null}
          </fieldset>
          <Field
            label={hasPassword ? t("account.delete.password") : t("account.delete.typeEmail", { email })}
            name="confirmation"
            id="delete-confirmation"
            type={hasPassword ? "password" : "text"}
            autoComplete={hasPassword ? "current-password" : "off"}
            required
            error={on("delete")?.errors?.confirmation ?? (on("delete")?.errors ? undefined : on("delete")?.formError)}
          />
          <div>
            <button type="submit" className="button button--danger">
              {t("account.delete.submit")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
