import { Form } from "@remix-run/react";
import type { MessageKey } from "../i18n";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import { Field, Notice, SelectField } from "./Field";
import type { ReactNode } from "react";

export interface AttributeDefinitionView {
  key: string;
  label: string;
  type: "text" | "number" | "boolean" | "date";
}

export interface CompanyFormValues {
  externalId: string;
  name: string;
  plan: string;
  monthlyRevenue: string;
  segment: string;
  domains: string;
  attributes: Record<string, string>;
}

const TYPES = ["text", "number", "boolean", "date"] as const;

/** The first message for `field` or any of its parts ("domains.1"). */
function errorFor(errors: Record<string, string> | undefined, field: string): string | undefined {
  if (!errors) return undefined;
  return errors[field] ?? Object.entries(errors).find(([key]) => key.startsWith(`${field}.`))?.[1];
}

/** Create a company, or change the one being edited (the same external id). */
export function CompanyForm(props: { heading: ReactNode; currency: string; definitions: AttributeDefinitionView[]; values: CompanyFormValues; result?: FormResult }) {
  const t = useT();
  const errors = props.result?.form === "save" ? props.result.errors : undefined;
  const typed = props.result?.form === "save" ? props.result.values : undefined;
  const value = (name: keyof Omit<CompanyFormValues, "attributes">) => typed?.[name] ?? props.values[name];
  return (
    <section className="card" aria-labelledby="company-form">
      <h2 id="company-form">{props.heading}</h2>
      <Form method="post" noValidate key={props.values.externalId}>
        <input type="hidden" name="intent" value="save" />
        <Field id="company-external-id" label={t("admin.companies.field.externalId")} hint={t("admin.companies.field.externalIdHint")} name="externalId" defaultValue={value("externalId")} required error={errorFor(errors, "externalId")} />
        <Field id="company-name" label={t("admin.companies.field.name")} name="name" defaultValue={value("name")} required error={errorFor(errors, "name")} />
        <Field id="company-plan" label={t("admin.companies.field.plan")} name="plan" defaultValue={value("plan")} error={errorFor(errors, "plan")} />
        <Field
          id="company-revenue"
          label={t("admin.companies.field.revenue", { currency: props.currency })}
          hint={t("admin.companies.field.revenueHint")}
          name="monthlyRevenue"
          inputMode="decimal"
          defaultValue={value("monthlyRevenue")}
          error={errorFor(errors, "monthlyRevenue")}
        />
        <Field id="company-segment" label={t("admin.companies.field.segment")} name="segment" defaultValue={value("segment")} error={errorFor(errors, "segment")} />
        <Field id="company-domains" label={t("admin.companies.field.domains")} hint={t("admin.companies.field.domainsHint")} name="domains" defaultValue={value("domains")} error={errorFor(errors, "domains")} />
        {props.definitions.map((d) => (
          <Field
            key={d.key}
            id={`company-attr-${d.key}`}
            label={`${d.label} (${t(`admin.companies.attributes.type.${d.type}`)})`}
            name={`attr.${d.key}`}
            defaultValue={typed?.[`attr.${d.key}`] ?? props.values.attributes[d.key] ?? ""}
            error={errors?.[`attributes.${d.key}`]}
          />
        ))}
        <button type="submit" className="button button--primary">
          {t("admin.companies.save")}
        </button>
      </Form>
    </section>
  );
}

/** The CSV import: a file, and either what was imported or every problem by line. */
export function CompanyImportForm(props: { result?: FormResult & { imported?: { created: number; updated: number }; problems?: { line: number; message: string }[] } }) {
  const t = useT();
  const result = props.result?.form === "import" ? props.result : undefined;
  return (
    <section className="card" aria-labelledby="company-import">
      <h2 id="company-import">{t("admin.companies.import.title")}</h2>
      <p className="muted">{t("admin.companies.import.hint")}</p>
      {result?.imported ? <Notice kind="success">{t("admin.companies.imported", { created: result.imported.created, updated: result.imported.updated })}</Notice> : null}
      {result?.problems ? (
        <div className="notice notice--error" role="alert">
          <p>{t("admin.companies.import.problems")}</p>
          <ul>
            {result.problems.map((p) => (
              <li key={`${p.line}-${p.message}`}>{t("admin.companies.import.line", { line: p.line, message: p.message })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result?.formError && !result.problems ? <Notice kind="error">{result.formError}</Notice> : null}
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="import" />
        <Field id="company-csv" label={t("admin.companies.import.file")} name="file" type="file" accept=".csv,text/csv" required />
        <button type="submit" className="button">
          {t("admin.companies.import.submit")}
        </button>
      </Form>
    </section>
  );
}

/** Admins define custom attributes: key, label, type. */
export function AttributeDefinitions(props: { definitions: AttributeDefinitionView[]; canDefine: boolean; result?: FormResult & { done?: string } }) {
  const t = useT();
  const errors = props.result?.form === "attribute" ? props.result.errors : undefined;
  return (
    <section className="card" aria-labelledby="company-attributes">
      <h2 id="company-attributes">{t("admin.companies.attributes.title")}</h2>
      <p className="muted">{t("admin.companies.attributes.intro")}</p>
      {props.result?.done === "attribute" ? <Notice kind="success">{t("admin.companies.attributes.added")}</Notice> : null}
      {props.definitions.length === 0 ? (
        <p>{t("admin.companies.attributes.none")}</p>
      ) : (
        <ul className="plain-list">
          {props.definitions.map((d) => (
            <li key={d.key}>
              <code>{d.key}</code> — <bdi>{d.label}</bdi> ({t(`admin.companies.attributes.type.${d.type}` as MessageKey)})
            </li>
          ))}
        </ul>
      )}
      {props.canDefine ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="attribute" />
          <Field id="attribute-key" label={t("admin.companies.attributes.key")} hint={t("admin.companies.attributes.keyHint")} name="key" required error={errors?.key} />
          <Field id="attribute-label" label={t("admin.companies.attributes.label")} name="label" required error={errors?.label} />
          <SelectField id="attribute-type" label={t("admin.companies.attributes.type")} name="type" error={errors?.type}>
            {TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`admin.companies.attributes.type.${type}`)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button">
            {t("admin.companies.attributes.add")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
