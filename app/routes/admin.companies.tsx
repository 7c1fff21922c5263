import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdminNav } from "../components/AdminNav";
import { AttributeDefinitions, CompanyForm, CompanyImportForm } from "../components/CompanyForms";
import { Notice } from "../components/Field";
import { translate } from "../i18n";
import { formatMoney, formatNumber } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { env } from "../lib/env.server";
import { badRequest } from "../lib/errors.server";
import { formResult, type FormResult } from "../lib/forms.server";
import { readFormData } from "../lib/http.server";
import { requestLocale } from "../lib/locale.server";
import { COMPANY_CSV_MAX_BYTES, importCompanies } from "../models/company-import.server";
import { defineCompanyAttribute, listAttributeDefinitions, listCompanies, saveCompanyForm } from "../models/companies.server";
import { pageMeta } from "../page-meta";
import { canDefineCompanyAttributes } from "../permissions";
import { formToObject } from "../schemas/parse";
import customerStyles from "../styles/customers.css";
import { withUserText } from "../components/with-nodes";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: customerStyles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

/** Companies (staff): the list, the form (?edit=<external id> fills it), the CSV import, the attributes. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const locale = requestLocale(request, context);
  const companies = await listCompanies({ actor });
  const url = new URL(request.url);
  const editing = companies.find((c) => c.externalId === url.searchParams.get("edit")) ?? null;
  const currency = env.revenueCurrency;
  return json({
    title: `${translate(locale, "admin.companies.title")} · Loopboard`,
    currency,
    companies: companies.map((c) => ({ ...c, revenue: formatMoney(locale, c.monthlyRevenueCents, currency), people: formatNumber(locale, c.peopleCount) })),
    editing,
    saved: url.searchParams.get("saved"),
    definitions: await listAttributeDefinitions(),
    canDefine: canDefineCompanyAttributes(actor),
  });
}

type Result = FormResult & { imported?: { created: number; updated: number }; problems?: { line: number; message: string }[]; done?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const locale = requestLocale(request, context);
  const form = await readFormData(request, COMPANY_CSV_MAX_BYTES + 64 * 1024);
  const raw = formToObject(form);
  const intent = String(raw.intent ?? "");
  try {
    if (intent === "save") {
      const externalId = await saveCompanyForm({ actor, raw });
      return redirect(`/admin/companies?saved=${encodeURIComponent(externalId)}`);
    }
    if (intent === "import") {
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) return json<Result>({ form: "import", formError: translate(locale, "companies.import.noFile") }, { status: 400 });
      const result = await importCompanies({ actor, text: await file.text() });
      return result.ok ? json<Result>({ form: "import", imported: result }) : json<Result>({ form: "import", problems: result.problems }, { status: 422 });
    }
    if (intent === "attribute") {
      await defineCompanyAttribute({ actor, key: raw.key, label: raw.label, type: raw.type });
      return json<Result>({ form: "attribute", done: "attribute" });
    }
  } catch (error) {
    return formResult(error, raw, intent, locale);
  }
  throw badRequest();
}

const moneyText = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));

export default function AdminCompanies() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const editing = data.editing;
  const values = editing
    ? {
        externalId: editing.externalId,
        name: editing.name,
        plan: editing.plan,
        monthlyRevenue: moneyText(editing.monthlyRevenueCents),
        segment: editing.segment,
        domains: editing.domains.join(" "),
        attributes: Object.fromEntries(Object.entries(editing.attributes).map(([k, v]) => [k, String(v)])),
      }
    : { externalId: "", name: "", plan: "", monthlyRevenue: "", segment: "", domains: "", attributes: {} };
  return (
    <div className="stack">
      <AdminNav />
      <h1>{t("admin.companies.title")}</h1>
      <p className="muted">{t("admin.companies.intro")}</p>
      {data.saved ? <Notice kind="success">{t("admin.companies.saved")}</Notice> : null}
      {data.companies.length === 0 ? (
        <p>{t("admin.companies.empty")}</p>
      ) : (
        // Focusable, so a keyboard can scroll a table wider than a phone.
        <div className="card table-scroll" tabIndex={0} role="region" aria-label={t("admin.companies.title")}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("admin.companies.col.name")}</th>
                <th scope="col">{t("admin.companies.col.externalId")}</th>
                <th scope="col">{t("admin.companies.col.plan")}</th>
                <th scope="col">{t("admin.companies.col.segment")}</th>
                <th scope="col">{t("admin.companies.col.revenue")}</th>
                <th scope="col">{t("admin.companies.col.domains")}</th>
                <th scope="col">{t("admin.companies.col.people")}</th>
              </tr>
            </thead>
            <tbody>
              {data.companies.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/admin/companies?edit=${encodeURIComponent(c.externalId)}#company-form`}>
                      <bdi>{c.name}</bdi>
                    </Link>
                  </th>
                  <td>
                    <code>{c.externalId}</code>
                  </td>
                  <td dir="auto">{c.plan}</td>
                  <td dir="auto">{c.segment}</td>
                  <td>{c.revenue}</td>
                  <td>{c.domains.join(", ")}</td>
                  <td>{c.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CompanyForm
        heading={editing ? withUserText(t("admin.companies.editing"), { name: editing.name }) : t("admin.companies.new")}
        currency={data.currency}
        definitions={data.definitions}
        values={values}
        result={result}
      />
      <CompanyImportForm result={result} />
      <AttributeDefinitions definitions={data.definitions} canDefine={data.canDefine} result={result} />
    </div>
  );
}
