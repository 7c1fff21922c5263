import { Form, Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import { SCORE_MAX, SCORE_MIN, type Quadrant, type ScoringKind } from "../schemas/priorities";
import { Notice } from "./Field";

export interface ScoreFormData {
  factors: { id: number; name: string; kind: ScoringKind; value: number | null }[];
  scoreText: string | null;
  quadrant: Quadrant | null;
}

const VALUES = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);

/** Staff: score the idea 1–10 on each factor; its priority and quadrant show beside the form. */
export function ScoreForm({ data, result }: { data: ScoreFormData; result?: FormResult }) {
  const t = useT();
  const errors = result?.form === "scores" ? result.errors : undefined;
  return (
    <section id="scores" className="card" aria-labelledby="scores-heading">
      <h2 id="scores-heading">{t("priorities.scoreForm.title")}</h2>
      {result?.form === "scores" && result.formError ? <Notice kind="error">{result.formError}</Notice> : null}
      <p>
        {data.scoreText === null
          ? t("priorities.scoreForm.unscored")
          : t("priorities.scoreForm.current", { score: data.scoreText, quadrant: data.quadrant ? t(`priorities.quadrant.${data.quadrant}`) : "" })}{" "}
        <Link to="/admin/priorities">{t("priorities.scoreForm.all")}</Link>
      </p>
      <Form method="post" className="row score-form" preventScrollReset>
        <input type="hidden" name="intent" value="scores" />
        {data.factors.map((f) => (
          <label key={f.id} className="score-form__factor">
            <span>
              <bdi>{f.name}</bdi> <span className="muted small">({t(`priorities.kind.${f.kind}`)})</span>
            </span>
            <select name={`scores.${f.id}`} defaultValue={f.value === null ? "" : String(f.value)} aria-invalid={errors?.[`scores.${f.id}`] ? true : undefined}>
              <option value="">{t("priorities.scoreForm.none")}</option>
              {VALUES.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button type="submit" className="button">
          {t("priorities.scoreForm.save")}
        </button>
      </Form>
    </section>
  );
}
