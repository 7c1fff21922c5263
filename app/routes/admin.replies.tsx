import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CreateSection } from "../components/CreateSection";
import { AdminNav } from "../components/AdminNav";
import { ConfirmForm } from "../components/ConfirmForm";
import { Field, Notice, TextAreaField } from "../components/Field";
import { CANNED_REPLY_PLACEHOLDERS } from "../canned-replies";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { badRequest, forbidden } from "../lib/errors.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from "../models/canned-replies.server";
import { canManageCannedReplies } from "../permissions";
import { CANNED_REPLY_BODY_MAX, CANNED_REPLY_NAME_MAX } from "../schemas/canned-replies";
import { titledMeta } from "../page-meta";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "admin.replies.title");

/** Admin › Canned replies: create, edit and delete the response templates staff insert. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  if (!canManageCannedReplies(actor)) throw forbidden();
  return json({ replies: await listCannedReplies({ actor }) });
}

type Data = FormResult & { done?: "created" | "updated" | "deleted" };

/** Each reply's form is named by its id; the new-reply form is "new". */
const formName = (id: unknown) => (typeof id === "string" && id !== "" ? id : "new");

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const { raw, locale } = await readForm(request, context);
  try {
    if (raw.intent === "create") await createCannedReply({ actor, name: raw.name, body: raw.body });
    else if (raw.intent === "update") await updateCannedReply({ actor, id: raw.id, name: raw.name, body: raw.body });
    else if (raw.intent === "delete") await deleteCannedReply({ actor, id: raw.id });
    else throw badRequest();
  } catch (error) {
    return formResult(error, raw, formName(raw.id), locale);
  }
  return json<Data>({ done: raw.intent === "create" ? "created" : raw.intent === "update" ? "updated" : "deleted" });
}

export default function AdminReplies() {
  const t = useT();
  const { replies } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Data | undefined;
  const mine = (id?: number) => (result?.form === formName(id === undefined ? undefined : String(id)) ? result : undefined);
  const list = CANNED_REPLY_PLACEHOLDERS.map((p) => `{${p}}`).join(", ");
  return (
    <div className="stack">
      <AdminNav />
      <h1>{t("admin.replies.title")}</h1>
      <p>{t("admin.replies.intro")}</p>
      <p>{t("admin.replies.placeholders", { list })}</p>
      <ul>
        {CANNED_REPLY_PLACEHOLDERS.map((p) => (
          <li key={p}>
            <code>{`{${p}}`}</code> — {t(`admin.replies.placeholder.${p}`)}
          </li>
        ))}
      </ul>
      {result?.done ? <Notice kind="success">{t(`admin.replies.${result.done}`)}</Notice> : null}
      {result?.formError && !result.errors && !result.form ? <Notice kind="error">{result.formError}</Notice> : null}
      {replies.length === 0 ? <p className="muted">{t("admin.replies.none")}</p> : null}
      {replies.map((reply) => (
        <section key={reply.id} className="card" aria-labelledby={`reply-${reply.id}`}>
          <h2 id={`reply-${reply.id}`}>
            <bdi>{reply.name}</bdi>
          </h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="id" value={reply.id} />
            <Field id={`name-${reply.id}`} label={t("admin.replies.name")} name="name" maxLength={CANNED_REPLY_NAME_MAX} defaultValue={mine(reply.id)?.values?.name ?? reply.name} error={mine(reply.id)?.errors?.name} />
            <TextAreaField id={`body-${reply.id}`} label={t("admin.replies.body")} name="body" rows={4} maxLength={CANNED_REPLY_BODY_MAX} defaultValue={mine(reply.id)?.values?.body ?? reply.body} error={mine(reply.id)?.errors?.body} />
            <button type="submit" className="button button--primary">
              {t("admin.replies.save")}
            </button>
          </Form>
          <ConfirmForm id={`delete-reply-${reply.id}`} label={t("admin.replies.delete")} warning={t("admin.replies.deleteWarning")} confirm={t("admin.replies.deleteConfirm")} fields={{ intent: "delete", id: reply.id }} />
        </section>
      ))}
      <CreateSection id="new-reply" title={t("admin.replies.new")} formKey={replies.length}>
        <Field id="new-name" label={t("admin.replies.name")} name="name" required maxLength={CANNED_REPLY_NAME_MAX} defaultValue={mine()?.values?.name} error={mine()?.errors?.name} />
        <TextAreaField id="new-body" label={t("admin.replies.body")} name="body" required rows={4} maxLength={CANNED_REPLY_BODY_MAX} defaultValue={mine()?.values?.body} error={mine()?.errors?.body} />
      </CreateSection>
    </div>
  );
}
