import { Form, Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import type { IdeaStatus } from "../statuses";
import { Field, Notice } from "./Field";
import { StatusBadge } from "./StatusBadge";

/** An idea that looks like the one on the page, offered as a merge target. */
export interface MergeCandidate {
  number: number;
  title: string;
  url: string;
  status: IdeaStatus;
  voteCount: number;
  board: string;
}

/**
 * Staff merge the idea on this page into another one (by number). A plain form: it works without
 * JavaScript, and a refusal comes back as the field's message.
 */
export function MergeForm({ result, similar = [] }: { result?: FormResult; similar?: MergeCandidate[] }) {
  const t = useT();
  const mine = result?.form === "merge" ? result : undefined;
  return (
    <section className="card merge-form" aria-labelledby="merge-form-heading" id="merge">
      <h2 id="merge-form-heading">{t("merge.title")}</h2>
      <p className="hint">{t("merge.intro")}</p>
      <Form method="post" noValidate preventScrollReset>
        <input type="hidden" name="intent" value="merge" />
        {mine?.formError && !mine.errors ? <Notice kind="error">{mine.formError}</Notice> : null}
        <Field
          id="merge-into"
          name="into"
          label={t("merge.into")}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={mine?.values?.into}
          error={mine?.errors?.into}
        />
        <button type="submit" className="button">
          {t("merge.submit")}
        </button>
      </Form>
      {similar.length > 0 ? (
        <section className="similar__box merge-similar" aria-labelledby="merge-similar-heading">
          <h3 id="merge-similar-heading">{t("merge.similarTitle")}</h3>
          <p className="small muted">{t("merge.similarHint")}</p>
          <ul className="similar__list">
            {similar.map((idea) => (
              <li key={idea.number} className="similar__item">
                <div className="similar__text">
                  <Link to={idea.url} dir="auto">
                    {idea.title}
                  </Link>
                  <p className="merge-similar__meta small">
                    <span>#{idea.number}</span>
                    <StatusBadge status={idea.status} />
                    <span dir="auto">{idea.board}</span>
                    <span>{t("board.votes", { count: idea.voteCount })}</span>
                  </p>
                </div>
                <Form method="post" preventScrollReset className="merge-similar__form">
                  <input type="hidden" name="intent" value="merge" />
                  <input type="hidden" name="into" value={idea.number} />
                  <button type="submit" className="button" aria-label={t("merge.intoThisLabel", { number: idea.number, title: idea.title })}>
                    {t("merge.intoThis")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
