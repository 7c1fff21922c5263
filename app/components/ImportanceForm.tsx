import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { IMPORTANCE_LEVELS, type ImportanceLevel } from "../importance";

/**
 * After voting: one tap to say how much the idea matters (optional; pressing the chosen one again
 * clears it). Only staff ever see the answers.
 */
export function ImportanceForm({ number, current, saved }: { number: number; current: ImportanceLevel | null; saved: boolean }) {
  const t = useT();
  return (
    <Form method="post" action={`/ideas/${number}/importance`} preventScrollReset id="importance">
      <fieldset className="importance">
        <legend>{t("importance.question")}</legend>
        {IMPORTANCE_LEVELS.map((level) => (
          <button key={level} type="submit" name="importance" value={current === level ? "" : level} className="button" aria-pressed={current === level}>
            {t(`importance.${level}`)}
          </button>
        ))}
      </fieldset>
      <p className="hint small">{saved ? t("importance.saved") : t("importance.hint")}</p>
    </Form>
  );
}
