import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import { SCORING_KINDS, type ScoringKind } from "../schemas/priorities";
import { Field, Notice, SelectField } from "./Field";

interface FactorRow {
  id: number;
  name: string;
  shownName: string;
  kind: ScoringKind;
  weight: number;
  retired: boolean;
}

/** Admins: the factors staff score ideas by — rename, reweigh, retire or restore each, add one. */
export function ScoringFactors({ factors, result }: { factors: FactorRow[]; result?: FormResult & { done?: true } }) {
  const t = useT();
  const errorsFor = (form: string) => (result?.form === form ? result.errors : undefined);
  return (
    <section className="card stack" aria-labelledby="factors-heading">
      <h2 id="factors-heading">{t("priorities.factors.title")}</h2>
      <p className="muted">{t("priorities.factors.intro")}</p>
      {result?.done ? <Notice kind="success">{t("priorities.factors.saved")}</Notice> : null}
      {result?.formError && !result.errors ? <Notice kind="error">{result.formError}</Notice> : null}
      {factors.map((f) => (
        <div key={f.id} className="factor row">
          <Form method="post" noValidate className="row factor__form" aria-label={f.shownName}>
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="id" value={f.id} />
            <Field id={`factor-name-${f.id}`} label={t("priorities.factors.name")} name="name" defaultValue={f.shownName} error={errorsFor(String(f.id))?.name} />
            <Field id={`factor-weight-${f.id}`} label={t("priorities.factors.weight")} name="weight" type="number" min={1} max={100} defaultValue={f.weight} error={errorsFor(String(f.id))?.weight} />
            <p className="small muted">{t(`priorities.kind.${f.kind}`)}</p>
            <button type="submit" className="button">
              {t("priorities.factors.save")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="retire" />
            <input type="hidden" name="id" value={f.id} />
            <input type="hidden" name="retired" value={f.retired ? "false" : "true"} />
            <button type="submit" className="button">
              {t(f.retired ? "priorities.factors.restore" : "priorities.factors.retire")}
            </button>
          </Form>
        </div>
      ))}
      <Form method="post" noValidate className="row factor__form" aria-labelledby="new-factor-heading">
        <h3 id="new-factor-heading" className="visually-hidden">
          {t("priorities.factors.new")}
        </h3>
        <input type="hidden" name="intent" value="create" />
        <Field id="factor-name-new" label={t("priorities.factors.name")} name="name" error={errorsFor("new")?.name} />
        <SelectField id="factor-kind-new" label={t("priorities.factors.kind")} name="kind" error={errorsFor("new")?.kind}>
          {SCORING_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`priorities.kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <Field id="factor-weight-new" label={t("priorities.factors.weight")} name="weight" type="number" min={1} max={100} defaultValue={1} error={errorsFor("new")?.weight} />
        <button type="submit" className="button button--primary">
          {t("priorities.factors.add")}
        </button>
      </Form>
    </section>
  );
}
