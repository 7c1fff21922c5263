import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "../components/Field";
import { useT } from "../i18n/use-t";
import type { MessageKey } from "../i18n";
import { requireUser } from "../lib/auth.server";
import { parseFormRequest, type FormResult } from "../lib/forms.server";
import { getNotificationSettings, updateNotificationSettings, type NotificationSettings } from "../models/notification-settings.server";
import { NotificationSettingsInput } from "../schemas/statuses";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  return json({ settings: await getNotificationSettings({ actor }) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const parsed = await parseFormRequest(request, context, NotificationSettingsInput);
  if (!parsed.ok) return parsed.response;
  await updateNotificationSettings({ actor, ...parsed.data });
  return json<FormResult & { saved?: boolean }>({ saved: true });
}

const CHOICES: Array<{ name: keyof NotificationSettings; label: MessageKey }> = [
  { name: "emailOnStatusChange", label: "emailSettings.statusChange" },
  { name: "emailOnStaffComment", label: "emailSettings.staffComment" },
  { name: "emailOnReply", label: "emailSettings.reply" },
  { name: "emailOnComment", label: "emailSettings.comment" },
];

/** A checkbox that always posts a value: "false" from the hidden input unless checked ("true" comes last and wins). */
function Choice({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div className="checkbox">
      <input type="hidden" name={name} value="false" />
      <input type="checkbox" id={`setting-${name}`} name={name} value="true" defaultChecked={checked} />
      <label htmlFor={`setting-${name}`}>{label}</label>
    </div>
  );
}

export default function NotificationSettingsPage() {
  const t = useT();
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (FormResult & { saved?: boolean }) | undefined;
  return (
    <section className="card narrow stack" aria-labelledby="notification-settings-heading">
      <h2 id="notification-settings-heading">{t("emailSettings.title")}</h2>
      <p className="muted">{t("emailSettings.intro")}</p>
      {result?.saved ? <Notice kind="success">{t("emailSettings.saved")}</Notice> : null}
      <Form method="post" noValidate className="stack">
        <fieldset className="stack">
          <legend>{t("emailSettings.legend")}</legend>
          {CHOICES.map((choice) => (
            <Choice key={choice.name} name={choice.name} label={t(choice.label)} checked={settings[choice.name]} />
          ))}
        </fieldset>
        <Choice name="unsubscribedAll" label={t("emailSettings.all")} checked={settings.unsubscribedAll} />
        <div>
          <button type="submit" className="button button--primary">
            {t("common.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}
