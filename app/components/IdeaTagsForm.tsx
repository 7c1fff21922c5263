import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import type { TagView } from "../shapes";
import { Notice } from "./Field";

/**
 * Staff choose the idea's tags: a tick box per tag, saved together (a plain form: it works
 * without JavaScript). Private tags say so; members never get this form, or those tags.
 */
export function IdeaTagsForm({ tags, current, saved, result }: { tags: TagView[]; current: string[]; saved: boolean; result?: FormResult }) {
  const t = useT();
  const mine = result?.form === "tags" ? result : undefined;
  const on = new Set(current);
  return (
    <section className="card idea-tags-form" aria-labelledby="idea-tags-heading" id="tags">
      <h2 id="idea-tags-heading">{t("tags.ideaForm.title")}</h2>
      {saved ? <Notice kind="success">{t("tags.ideaForm.saved")}</Notice> : null}
      {mine?.formError ? <Notice kind="error">{mine.errors?.tags ?? mine.formError}</Notice> : null}
      {tags.length === 0 ? (
        <p className="muted">{t("tags.ideaForm.none")}</p>
      ) : (
        <Form method="post" noValidate preventScrollReset key={current.join(" ")}>
          <input type="hidden" name="intent" value="tags" />
          <fieldset className="stack">
            <legend className="visually-hidden">{t("tags.ideaForm.title")}</legend>
            {tags.map((tag) => (
              <div className="checkbox" key={tag.slug}>
                <input type="checkbox" id={`idea-tag-${tag.slug}`} name="tags[]" value={tag.slug} defaultChecked={on.has(tag.slug)} />
                <label htmlFor={`idea-tag-${tag.slug}`}>
                  <span className={`tag tag--${tag.colour}`}>
                    <span dir="auto">{tag.name}</span>
                    {tag.private ? <span className="tag__private">{t("tags.privateMark")}</span> : null}
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button">
            {t("tags.ideaForm.save")}
          </button>
        </Form>
      )}
    </section>
  );
}
