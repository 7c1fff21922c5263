import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AdminNav } from "../components/AdminNav";
import { BlockContentNotice, BlockToggle, type BlockNotice } from "../components/BlockForm";
import { Field, Notice, SelectField } from "../components/Field";
import { translate } from "../i18n";
import { formatDate } from "../i18n/format";
import { useLocale, useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { forbidden } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { listPeople, updatePerson } from "../models/people.server";
import { canManageUsers } from "../permissions";
import { ROLES } from "../roles";
import { PEOPLE_QUERY_MAX } from "../schemas/people";
import { pageMeta } from "../page-meta";
import { withUserText } from "../components/with-nodes";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

/** Admin › People: search by name or address, change roles, block and unblock (with their content, if ticked). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  if (!canManageUsers(actor)) throw forbidden();
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const people = await listPeople({ actor, q });
  const title = `${translate(requestLocale(request, context), "people.title")} · Loopboard`;
  return json({ title, q, meId: actor.id, people: people.map((p) => ({ ...p, blockedAt: p.blockedAt?.toISOString() ?? null, createdAt: p.createdAt.toISOString() })) });
}

const PersonRef = z.object({ id: z.coerce.number().int().positive() });
type Data = FormResult & { saved?: string; content?: BlockNotice };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const { raw, locale } = await readForm(request, context);
  const ref = PersonRef.safeParse(raw);
  if (!ref.success) return json<Data>({ formError: translate(locale, "error.badRequest.title") }, { status: 400 });
  const change = raw.intent === "role" ? { role: raw.role } : { blocked: raw.blocked, hideContent: raw.hideContent, restoreContent: raw.restoreContent };
  try {
    const person = await updatePerson({ actor, id: ref.data.id, change });
    return json<Data>({ form: String(person.id), saved: person.name, ...(person.content ? { content: person.content } : {}) });
  } catch (error) {
    return formResult(error, raw, String(ref.data.id), locale);
  }
}

export default function AdminPeople() {
  const t = useT();
  const locale = useLocale();
  const { q, meId, people } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Data | undefined;
  return (
    <div className="stack">
      <AdminNav />
      <h1>{t("people.title")}</h1>
      <Form method="get" role="search" className="row people-search">
        <Field id="people-q" label={t("people.search")} name="q" type="search" defaultValue={q} maxLength={PEOPLE_QUERY_MAX} />
        <button type="submit" className="button">
          {t("people.searchSubmit")}
        </button>
      </Form>
      {result?.saved ? <Notice kind="success">{withUserText(t("people.saved"), { name: result.saved })}</Notice> : null}
      {result?.content ? <BlockContentNotice notice={result.content} /> : null}
      {people.length === 0 ? (
        <p>{t("people.none")}</p>
      ) : (
        <ul className="people-list" aria-label={t("people.list")}>
          {people.map((person) => (
            <li key={person.id} className="card stack" aria-labelledby={`person-${person.id}`}>
              <h2 id={`person-${person.id}`} className="people-name">
                <bdi>{person.name}</bdi> {person.id === meId ? <span className="muted small">{t("people.you")}</span> : null}
              </h2>
              <p className="muted small">
                <bdi>{person.email}</bdi>
                {person.blockedAt ? <> · <strong>{t("people.blockedSince", { date: formatDate(locale, person.blockedAt) })}</strong></> : null}
              </p>
              {result?.formError && result.form === String(person.id) ? <Notice kind="error">{result.formError}</Notice> : null}
              <div className="row people-actions">
                <Form method="post" className="row">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="id" value={person.id} />
                  <SelectField id={`role-${person.id}`} label={t("people.role")} name="role" defaultValue={person.role}>
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`role.${role}`)}
                      </option>
                    ))}
                  </SelectField>
                  <button type="submit" className="button" aria-describedby={`person-${person.id}`}>
                    {t("people.changeRole")}
                  </button>
                </Form>
                <BlockToggle blocked={person.blockedAt !== null} personId={person.id} describedBy={`person-${person.id}`} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
