import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CreateSection } from "../components/CreateSection";
import { AdminNav } from "../components/AdminNav";
import { ConfirmForm } from "../components/ConfirmForm";
import { Field, Notice, SelectField } from "../components/Field";
import { TagChips } from "../components/Tags";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { badRequest, forbidden } from "../lib/errors.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { createTag, deleteTag, listTags, tagView, updateTag } from "../models/tags.server";
import { titledMeta } from "../page-meta";
import { canManageTags } from "../permissions";
import { TAG_NAME_MAX } from "../schemas/tags";
import { TAG_COLOURS } from "../tags";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "tags.admin.title");

/** Admin › Tags: create, rename, recolour, make private or public, and delete the tags staff put on ideas. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  if (!canManageTags(actor)) throw forbidden();
  return json({ tags: (await listTags({ actor })).map(tagView) }, { headers: { "Cache-Control": "private, no-store" } });
}

type Data = FormResult & { done?: "created" | "updated" | "deleted" };

/** Each tag's form is named by its slug; the new-tag form is "new". */
const formName = (slug: unknown) => (typeof slug === "string" && slug !== "" ? slug : "new");

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const { raw, locale } = await readForm(request, context);
  try {
    if (raw.intent === "create") await createTag({ actor, name: raw.name, colour: raw.colour, private: raw.private });
    else if (raw.intent === "update") await updateTag({ actor, slug: raw.slug, name: raw.name, colour: raw.colour, private: raw.private });
    else if (raw.intent === "delete") await deleteTag({ actor, slug: raw.slug });
    else throw badRequest();
  } catch (error) {
    return formResult(error, raw, formName(raw.slug), locale);
  }
  return json<Data>({ done: raw.intent === "create" ? "created" : raw.intent === "update" ? "updated" : "deleted" });
}

/** The name, colour and "staff only" fields of a tag's form (ids made unique by `key`). */
function TagFields({ id, values, errors, name, colour, isPrivate }: { id: string; values?: Record<string, string>; errors?: Record<string, string>; name: string; colour: string; isPrivate: boolean }) {
  const t = useT();
  return (
    <>
      <Field id={`${id}-name`} label={t("tags.admin.name")} name="name" required maxLength={TAG_NAME_MAX} defaultValue={values?.name ?? name} error={errors?.name} dir="auto" />
      <SelectField id={`${id}-colour`} label={t("tags.admin.colour")} name="colour" defaultValue={values?.colour ?? colour} error={errors?.colour}>
        {TAG_COLOURS.map((c) => (
          <option key={c} value={c}>
            {t(`tags.colour.${c}`)}
          </option>
        ))}
      </SelectField>
      {/* Unticked sends the hidden "false"; ticked, the box's value comes last and wins. */}
      <input type="hidden" name="private" value="false" />
      <div className="checkbox">
        <input type="checkbox" id={`${id}-private`} name="private" value="true" defaultChecked={values ? values.private === "true" : isPrivate} />
        <label htmlFor={`${id}-private`}>{t("tags.admin.private")}</label>
      </div>
    </>
  );
}

export default function AdminTags() {
  const t = useT();
  const { tags } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Data | undefined;
  const mine = (slug?: string) => (result?.form === formName(slug) ? result : undefined);
  return (
    <div className="stack">
      <AdminNav />
      <h1>{t("tags.admin.title")}</h1>
      <p>{t("tags.admin.intro")}</p>
      {result?.done ? <Notice kind="success">{t(`tags.admin.${result.done}`)}</Notice> : null}
      {result?.formError && !result.errors && !result.form ? <Notice kind="error">{result.formError}</Notice> : null}
      {tags.length === 0 ? <p className="muted">{t("tags.admin.none")}</p> : null}
      {tags.map((tag) => (
        <section key={tag.slug} className="card stack" aria-labelledby={`tag-${tag.slug}`}>
          <h2 id={`tag-${tag.slug}`}>
            <bdi>{tag.name}</bdi>
          </h2>
          <TagChips tags={[tag]} />
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="slug" value={tag.slug} />
            <TagFields id={`tag-${tag.slug}`} values={mine(tag.slug)?.values} errors={mine(tag.slug)?.errors} name={tag.name} colour={tag.colour} isPrivate={tag.private} />
            <button type="submit" className="button button--primary">
              {t("tags.admin.save")}
            </button>
          </Form>
          <ConfirmForm id={`delete-tag-${tag.slug}`} label={t("tags.admin.delete")} warning={t("tags.admin.deleteWarning")} confirm={t("tags.admin.deleteConfirm")} fields={{ intent: "delete", slug: tag.slug }} />
        </section>
      ))}
      <CreateSection id="new-tag" title={t("tags.admin.new")} className="stack" formKey={tags.length}>
        <TagFields id="new-tag" values={mine()?.values} errors={mine()?.errors} name="" colour="blue" isPrivate={false} />
      </CreateSection>
    </div>
  );
}
