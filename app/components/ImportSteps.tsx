import { Form } from "@remix-run/react";
import type { MessageKey } from "../i18n";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import type { ImportCounts } from "../shapes";
import { findStatusView, useStatuses, type IdeaStatus } from "../statuses";
import { Field, Notice, SelectField } from "./Field";

type Counts = ImportCounts;

interface PreviewRow {
  line: number;
  type: "idea" | "vote" | "comment";
  ref: string;
  text: string;
  email: string;
  status: IdeaStatus | null;
  voters: number;
}

/** The action's answer: a refused form, the dry run's figures, or the problems by line; `mapping` is what was posted. */
export type ImportActionData = FormResult & {
  mapping?: string[];
  dryRun?: { counts: Counts; ignored: string[]; preview: PreviewRow[] };
  problems?: { line: number; message: string }[];
};

interface Staged {
  id: string;
  format: string;
  fileName: string;
  columns: { name: string; field: string }[];
}

const STEPS: MessageKey[] = ["import.step.upload", "import.step.columns", "import.step.dryRun", "import.step.import"];

/** Where the admin is: the four steps, the current one marked for screen readers. */
export function ImportSteps({ current }: { current: number }) {
  const t = useT();
  return (
    <ol className="import-steps" aria-label={t("import.steps")}>
      {STEPS.map((key, i) => (
        <li key={key} aria-current={i + 1 === current ? "step" : undefined} className={i + 1 === current ? "import-steps__current" : undefined}>
          {t(key)}
        </li>
      ))}
    </ol>
  );
}

/** Step 1: the file and its format, a plain multipart form. */
export function ImportUpload(props: { formats: readonly string[]; maxMegabytes: number; result?: ImportActionData }) {
  const t = useT();
  const errors = props.result?.errors;
  return (
    <section className="card" aria-labelledby="import-upload">
      <h2 id="import-upload">{t("import.step.upload")}</h2>
      {props.result?.formError && !errors ? <Notice kind="error">{props.result.formError}</Notice> : null}
      <Form method="post" action="/admin/import" encType="multipart/form-data" className="stack">
        <input type="hidden" name="intent" value="upload" />
        <Field id="import-file" label={t("import.file")} hint={t("import.fileHint", { max: props.maxMegabytes })} name="file" type="file" accept=".csv,text/csv" error={errors?.file} required />
        <SelectField id="import-format" label={t("import.format")} name="format" error={errors?.format} defaultValue={props.result?.values?.format ?? "canny"}>
          {props.formats.map((f) => (
            <option key={f} value={f}>
              {t(`import.format.${f}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <div>
          <button type="submit" className="button">
            {t("import.upload")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** Step 2: each column of the file with the field it is read as (the format's mapping, or what was chosen), then the dry run. */
export function ImportColumns(props: { staged: Staged; fields: readonly string[]; result?: ImportActionData }) {
  const t = useT();
  const { staged } = props;
  const chosen = props.result?.mapping;
  return (
    <section className="card" aria-labelledby="import-columns">
      <h2 id="import-columns">{t("import.step.columns")}</h2>
      <p className="muted">{t("import.columnsIntro", { file: staged.fileName, format: t(`import.format.${staged.format}` as MessageKey) })}</p>
      {props.result?.errors?.fields ? <Notice kind="error">{props.result.errors.fields}</Notice> : null}
      <Form method="post" action={`/admin/import?upload=${staged.id}`} className="stack">
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="import-columns">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("import.col.column")}</th>
                <th scope="col">{t("import.col.field")}</th>
              </tr>
            </thead>
            <tbody>
              {staged.columns.map((column, i) => (
                <tr key={`${i}-${column.name}`}>
                  <th scope="row" id={`import-column-${i}`}>
                    <bdi>{column.name}</bdi>
                  </th>
                  <td>
                    <label className="visually-hidden" htmlFor={`import-field-${i}`}>
                      {t("import.fieldFor", { column: column.name })}
                    </label>
                    <select id={`import-field-${i}`} name="fields[]" defaultValue={chosen?.[i] ?? column.field}>
                      {props.fields.map((f) => (
                        <option key={f} value={f}>
                          {t(`import.field.${f}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <button type="submit" name="intent" value="dryRun" className="button">
            {t("import.dryRun")}
          </button>
        </div>
      </Form>
    </section>
  );
}

const COUNT_KEYS: [keyof Counts, MessageKey][] = [
  ["ideas", "import.count.ideas"],
  ["votes", "import.count.votes"],
  ["people", "import.count.people"],
  ["contacts", "import.count.contacts"],
  ["comments", "import.count.comments"],
  ["statuses", "import.count.statuses"],
  ["boards", "import.count.boards"],
  ["unchanged", "import.count.unchanged"],
];

function CountList({ counts }: { counts: Counts }) {
  const t = useT();
  return (
    <ul className="import-counts">
      {COUNT_KEYS.map(([name, key]) => (
        <li key={name}>{t(key, { count: counts[name] })}</li>
      ))}
    </ul>
  );
}

function Preview({ rows }: { rows: PreviewRow[] }) {
  const t = useT();
  const statuses = useStatuses();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="import-preview">
      <table className="data">
        <caption id="import-preview">{t("import.preview")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("import.col.line")}</th>
            <th scope="col">{t("import.col.type")}</th>
            <th scope="col">{t("import.col.id")}</th>
            <th scope="col">{t("import.col.text")}</th>
            <th scope="col">{t("import.col.email")}</th>
            <th scope="col">{t("import.col.status")}</th>
            <th scope="col">{t("import.col.voters")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.line}>
              <th scope="row">{row.line}</th>
              <td>{t(`import.type.${row.type}` as MessageKey)}</td>
              <td>
                <bdi>{row.ref}</bdi>
              </td>
              <td dir="auto">{row.text}</td>
              <td>
                <bdi>{row.email}</bdi>
              </td>
              <td>{row.status ? findStatusView(statuses, row.status).label : ""}</td>
              <td>{row.voters}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Step 3 and the way to step 4: what the import would do, or the lines to fix; the import runs with the mapping the dry run used. */
export function ImportDryRun(props: { stagedId: string; result?: ImportActionData }) {
  const t = useT();
  const { result } = props;
  if (!result?.dryRun && !result?.problems) return null;
  return (
    <section className="card" aria-labelledby="import-dry-run">
      <h2 id="import-dry-run">{t("import.step.dryRun")}</h2>
      {result.problems ? (
        <div className="notice notice--error" role="alert">
          <p>{t("import.problems")}</p>
          <ul>
            {result.problems.map((p) => (
              <li key={`${p.line}-${p.message}`}>{t("import.problemLine", { line: p.line, message: p.message })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.dryRun ? (
        <>
          <div role="status">
            <p>{t("import.wouldImport")}</p>
            <CountList counts={result.dryRun.counts} />
          </div>
          {result.dryRun.ignored.length > 0 ? <p className="muted">{t("import.ignored", { columns: result.dryRun.ignored.join(", ") })}</p> : null}
          <Preview rows={result.dryRun.preview} />
          <Form method="post" action={`/admin/import?upload=${props.stagedId}`}>
            {(result.mapping ?? []).map((field, i) => (
              <input key={i} type="hidden" name="fields[]" value={field} />
            ))}
            <button type="submit" name="intent" value="import" className="button">
              {t("import.run")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

/** Step 4: what the import did. */
export function ImportResult({ counts }: { counts: Counts }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="import-done">
      <h2 id="import-done">{t("import.step.import")}</h2>
      <Notice kind="success">{t("import.done")}</Notice>
      <CountList counts={counts} />
      <p>
        <a href="/">{t("import.toBoard")}</a> · <a href="/admin/import">{t("import.another")}</a>
      </p>
    </section>
  );
}
