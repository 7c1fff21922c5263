import { Form, Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { ImportanceLevel } from "../importance";
import type { FormResult } from "../schemas/parse";
import { Field, Notice, TextAreaField } from "./Field";
import { withUserText } from "./with-nodes";

export interface DemandView {
  figures: { voters: string; companies: string; revenue: string; mustHave: string; bySegment: { segment: string; voters: string; companies: string; revenue: string }[] };
  companies: { externalId: string; name: string; segment: string; plan: string; revenue: string; voters: string }[];
  voters: { userId: number; name: string; email: string; isContact: boolean; company: string | null; importance: ImportanceLevel | null; addedBy: string | null; note: string | null }[];
  votersTotal: number;
}

/**
 * Staff only: who asked for this idea (figures, companies, voters with importance and notes), and
 * the form that adds a vote for a customer. Loaded only for staff, so nothing of it reaches anyone else.
 */
export function DemandPanel({ number, demand, result, notice }: { number: number; demand: DemandView; result?: FormResult; notice: string | null }) {
  const t = useT();
  const mine = result?.form === "voteOnBehalf" ? result : undefined;
  const { figures } = demand;
  return (
    <section className="card stack" aria-labelledby="demand-heading" id="demand">
      <h2 id="demand-heading">{t("demand.title")}</h2>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <dl className="figures">
        <div>
          <dt>{t("demand.voters")}</dt>
          <dd>{figures.voters}</dd>
        </div>
        <div>
          <dt>{t("demand.companies")}</dt>
          <dd>{figures.companies}</dd>
        </div>
        <div>
          <dt>{t("demand.revenue")}</dt>
          <dd>{figures.revenue}</dd>
        </div>
        <div>
          <dt>{t("demand.mustHave")}</dt>
          <dd>{figures.mustHave}</dd>
        </div>
      </dl>
      {figures.bySegment.length > 0 ? (
        // Focusable, so a keyboard can scroll a table wider than a phone.
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("demand.bySegment")}>
          <table className="data">
            <caption>{t("demand.bySegment")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("demand.segment")}</th>
                <th scope="col">{t("demand.voters")}</th>
                <th scope="col">{t("demand.companies")}</th>
                <th scope="col">{t("demand.revenue")}</th>
              </tr>
            </thead>
            <tbody>
              {figures.bySegment.map((s) => (
                <tr key={s.segment}>
                  <th scope="row" dir="auto">{s.segment}</th>
                  <td>{s.voters}</td>
                  <td>{s.companies}</td>
                  <td>{s.revenue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h3>{t("demand.companiesTitle")}</h3>
      {demand.companies.length === 0 ? (
        <p>{t("demand.noCompanies")}</p>
      ) : (
        <ul className="plain-list">
          {demand.companies.map((c) => (
            <li key={c.externalId}>
              <bdi>{c.name}</bdi> · {c.revenue} · {t("demand.voters")}: {c.voters}
              {c.segment ? <> · <bdi>{c.segment}</bdi></> : null}
            </li>
          ))}
        </ul>
      )}
      <h3 id="demand-voters">{t("demand.votersTitle")}</h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="demand-voters">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("demand.voter")}</th>
              <th scope="col">{t("demand.company")}</th>
              <th scope="col">{t("demand.importance")}</th>
              <th scope="col">{t("demand.noteCol")}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {demand.voters.map((v) => (
              <tr key={v.userId}>
                <th scope="row">
                  <Link to={`/admin/people/${v.userId}`}>
                    <bdi>{v.name}</bdi>
                  </Link>
                  <br />
                  <span className="muted small">{v.email}</span>
                  {v.isContact ? <span className="muted small"> · {t("demand.contact")}</span> : null}
                </th>
                <td>{v.company ? <bdi>{v.company}</bdi> : null}</td>
                <td>{v.importance ? t(`importance.${v.importance}`) : null}</td>
                <td>
                  {v.note ? <span dir="auto">{v.note}</span> : null}
                  {v.addedBy ? (
                    <span className="muted small">
                      {" "}
                      ({withUserText(t("demand.addedBy"), { name: v.addedBy })})
                    </span>
                  ) : null}
                </td>
                <td>
                  {v.addedBy ? (
                    <Form method="post" action={`/ideas/${number}/on-behalf`} preventScrollReset>
                      <input type="hidden" name="email" value={v.email} />
                      <button type="submit" className="button" aria-label={t("onBehalf.remove", { name: v.name })}>
                        ✕
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {demand.voters.length < demand.votersTotal ? <p className="hint">{t("demand.more", { shown: demand.voters.length })}</p> : null}
      <h3 id="on-behalf-heading">{t("onBehalf.title")}</h3>
      <p className="hint">{t("onBehalf.intro")}</p>
      <Form method="post" noValidate preventScrollReset aria-labelledby="on-behalf-heading">
        <input type="hidden" name="intent" value="voteOnBehalf" />
        {mine?.formError && !mine.errors ? <Notice kind="error">{mine.formError}</Notice> : null}
        <Field id="on-behalf-email" name="email" type="email" label={t("onBehalf.email")} autoComplete="off" required defaultValue={mine?.values?.email} error={mine?.errors?.email} />
        <Field id="on-behalf-name" name="name" label={t("onBehalf.name")} autoComplete="off" defaultValue={mine?.values?.name} error={mine?.errors?.name} />
        <TextAreaField id="on-behalf-note" name="note" label={t("onBehalf.note")} hint={t("onBehalf.noteHint")} rows={2} defaultValue={mine?.values?.note} error={mine?.errors?.note} />
        <button type="submit" className="button button--primary">
          {t("onBehalf.submit")}
        </button>
      </Form>
    </section>
  );
}
