import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Notice } from "../components/Field";
import { IdeaBodyField, IdeaTitleField } from "../components/IdeaFields";
import { translate } from "../i18n";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { notFound } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { editRefusal, getIdea, updateIdea } from "../models/ideas.server";
import boardStyles from "../styles/board.css";
import { pageMeta } from "../page-meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const idea = await getIdea({ actor, number: ideaNumberParam(params.number) });
  if (!idea) throw notFound();
  if (!idea.canEdit) throw editRefusal(actor, { authorId: idea.author.id, status: idea.status });
  return json({
    title: translate(requestLocale(request, context), "ideaForm.editMeta"),
    idea: { number: idea.number, url: idea.url, title: idea.title, body: idea.body },
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  const { raw, locale } = await readForm(request, context);
  try {
    const idea = await updateIdea({ actor, number, title: raw.title, body: raw.body });
    return redirect(idea.url);
  } catch (error) {
    return formResult(error, raw, "idea", locale);
  }
}

export default function EditIdea() {
  const t = useT();
  const { idea } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  const values = result?.values;
  return (
    <div className="idea-form card">
      <h1>{t("ideaForm.editTitle")}</h1>
      {result?.formError ? <Notice kind="error">{result.formError}</Notice> : null}
      <Form method="post" noValidate>
        <IdeaTitleField defaultValue={values?.title ?? idea.title} error={result?.errors?.title} />
        <IdeaBodyField rows={12} defaultValue={values?.body ?? idea.body} error={result?.errors?.body} />
        <div className="row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t("ideaForm.save")}
          </button>
          <Link to={idea.url}>{t("common.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
