import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import { Notice, SelectField } from "./Field";

/**
 * Staff move the idea on this page to another board. A plain form: it works without JavaScript,
 * and a refusal comes back as the field's message.
 */
export function MoveForm({ boards, current, result }: { boards: Array<{ slug: string; name: string }>; current: string; result?: FormResult }) {
  const t = useT();
  const mine = result?.form === "move" ? result : undefined;
  return (
    <section className="card move-form" aria-labelledby="move-form-heading" id="move">
      <h2 id="move-form-heading">{t("move.title")}</h2>
      <Form method="post" noValidate preventScrollReset>
        <input type="hidden" name="intent" value="move" />
        {mine?.formError && !mine.errors ? <Notice kind="error">{mine.formError}</Notice> : null}
        <SelectField id="move-board" name="board" label={t("move.board")} defaultValue={mine?.values?.board ?? current} error={mine?.errors?.board}>
          {boards.map((b) => (
            <option key={b.slug} value={b.slug} dir="auto">
              {b.slug === current ? t("move.currentBoard", { board: `\u2068${b.name}\u2069` }) : b.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          {t("move.submit")}
        </button>
      </Form>
    </section>
  );
}
