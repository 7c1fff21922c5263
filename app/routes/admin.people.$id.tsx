import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdminNav } from "../components/AdminNav";
import { BlockForm, type BlockNotice } from "../components/BlockForm";
import { Field, Notice } from "../components/Field";
import { StatusBadge } from "../components/StatusBadge";
import { translate } from "../i18n";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { notFound } from "../lib/errors.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { requestLocale } from "../lib/locale.server";
import { setPersonCompany } from "../models/companies.server";
import { findPerson, updatePerson } from "../models/people.server";
import { getPersonProfile } from "../models/person-profile.server";
import { canManageUsers } from "../permissions";
import { pageMeta } from "../page-meta";
import { isPositiveInt4 } from "../schemas/limits";
import type { IdeaStatus } from "../statuses";
import customerStyles from "../styles/customers.css";
import { withUserText } from "../components/with-nodes";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: customerStyles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

function personId(raw: string | undefined): number {
  const id = raw && /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!isPositiveInt4(id)) throw notFound();
  return id;
}

/** A person's profile (staff): who they are, their company, their ideas, votes, comments and follows. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const profile = await getPersonProfile({ actor, userId: personId(params.id) });
  if (!profile) throw notFound();
  const locale = requestLocale(request, context);
  // Admins: whether the person is blocked, for the Block form.
  const managed = canManageUsers(actor) ? await findPerson({ actor, id: profile.person.id }) : null;
  return json({
    ...profile,
    title: `${profile.person.name} · ${translate(locale, "person.title")} · Loopboard`,
    joined: formatDate(locale, profile.person.createdAt),
    saved: new URL(request.url).searchParams.has("saved"),
    block: managed ? { blockedAt: managed.blockedAt?.toISOString() ?? null } : null,
  });
}

type ActionData = FormResult & { content?: BlockNotice };

/**
 * Staff put the person in a company by hand (an empty id: back to their email's domain); admins
 * block or unblock them (intent "block"), with their content hidden or restored if ticked.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const userId = personId(params.id);
  const { raw, locale } = await readForm(request, context);
  if (raw.intent === "block") {
    try {
      const { blocked, hideContent, restoreContent } = raw;
      const person = await updatePerson({ actor, id: userId, change: { blocked, hideContent, restoreContent } });
      return person.content ? json<ActionData>({ form: "block", content: person.content }) : redirect(`/admin/people/${userId}`);
    } catch (error) {
      return formResult(error, raw, "block", locale);
    }
  }
  try {
    await setPersonCompany({ actor, userId, externalId: typeof raw.company === "string" ? raw.company.trim() : null });
  } catch (error) {
    return formResult(error, raw, "company", locale);
  }
  return redirect(`/admin/people/${userId}?saved`);
}

function IdeaList({ items, empty }: { items: { number: number; title: string; url: string; extra?: React.ReactNode }[]; empty: string }) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul className="plain-list">
      {items.map((item, i) => (
        <li key={`${item.url}-${i}`}>
          <Link to={item.url} dir="auto">
            {item.title}
          </Link>{" "}
          <span className="muted small">#{item.number}</span> {item.extra}
        </li>
      ))}
    </ul>
  );
}

export default function PersonProfilePage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const { person } = data;
  const none = t("person.none");
  return (
    <div className="stack">
      <AdminNav />
      <h1>
        <bdi>{person.name}</bdi>
      </h1>
      {person.isContact ? <Notice kind="info">{t("person.contact")}</Notice> : null}
      <dl className="figures">
        <div>
          <dt>{t("person.email")}</dt>
          <dd className="small">{person.email}</dd>
        </div>
        <div>
          <dt>{t("person.role")}</dt>
          <dd className="small">{t(`person.role.${person.role}`)}</dd>
        </div>
        <div>
          <dt>{t("person.joined")}</dt>
          <dd className="small">{data.joined}</dd>
        </div>
        <div>
          <dt>{t("person.company")}</dt>
          <dd className="small">
            {person.company ? <bdi>{person.company.name}</bdi> : t("person.noCompany")}
            {person.company ? <span className="muted"> ({t(person.companyByHand ? "person.byHand" : "person.byDomain")})</span> : null}
          </dd>
        </div>
      </dl>
      {data.block ? <BlockForm blockedAt={data.block.blockedAt} notice={result?.content} error={result?.form === "block" ? result.formError : undefined} /> : null}
      <section className="card" aria-labelledby="person-company">
        <h2 id="person-company">{t("person.company")}</h2>
        {data.saved ? <Notice kind="success">{t("person.companySaved")}</Notice> : null}
        <Form method="post" noValidate>
          <Field
            id="person-company-id"
            name="company"
            label={t("person.companyField")}
            hint={t("person.companyHint")}
            defaultValue={result?.values?.company ?? (person.companyByHand ? person.company?.externalId : "") ?? ""}
            error={result?.errors?.company}
          />
          <button type="submit" className="button">
            {t("person.saveCompany")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="person-ideas">
        <h2 id="person-ideas">{t("person.ideas")}</h2>
        <IdeaList items={data.ideas.map((i) => ({ ...i, extra: <StatusBadge status={i.status as IdeaStatus} /> }))} empty={none} />
      </section>
      <section className="card" aria-labelledby="person-votes">
        <h2 id="person-votes">{t("person.votes")}</h2>
        <IdeaList
          items={data.votes.map((v) => ({
            ...v,
            extra: (
              <span className="small">
                {v.importance ? t(`importance.${v.importance}`) : null}
                {v.note ? <> · <span dir="auto">{v.note}</span></> : null}
                {v.addedBy ? <span className="muted"> ({withUserText(t("demand.addedBy"), { name: v.addedBy })})</span> : null}
              </span>
            ),
          }))}
          empty={none}
        />
      </section>
      <section className="card" aria-labelledby="person-comments">
        <h2 id="person-comments">{t("person.comments")}</h2>
        <IdeaList items={data.comments.map((c) => ({ ...c, extra: <span className="small" dir="auto">{c.excerpt}</span> }))} empty={none} />
      </section>
      <section className="card" aria-labelledby="person-follows">
        <h2 id="person-follows">{t("person.follows")}</h2>
        <IdeaList items={data.follows} empty={none} />
      </section>
    </div>
  );
}
