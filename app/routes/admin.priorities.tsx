import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdminNav } from "../components/AdminNav";
import { StaffFilters, staffViewLinks } from "../components/StaffFilters";
import { PriorityMatrix } from "../components/PriorityMatrix";
import { ScoringFactors } from "../components/ScoringFactors";
import { StatusBadge } from "../components/StatusBadge";
import { translate } from "../i18n";
import { formatNumber } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { badRequest, forbidden } from "../lib/errors.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { requestLocale } from "../lib/locale.server";
import { listBoards } from "../models/boards.server";
import {
  createFactor,
  factorName,
  listFactors,
  listPriorities,
  setFactorRetired,
  updateFactor,
} from "../models/priorities.server";
import { pageMeta } from "../page-meta";
import { canManageScoring, canScoreIdeas } from "../permissions";
import { QUADRANTS, type Quadrant } from "../schemas/priorities";
export const links = staffViewLinks;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, data?.title ?? "Loopboard");

/** Staff: scored ideas ranked by priority, and the impact/effort matrix. Admins also edit the factors. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  if (!canScoreIdeas(actor)) throw forbidden();
  const locale = requestLocale(request, context);
  const params = new URL(request.url).searchParams;
  const asked = params.get("quadrant");
  const quadrant = (QUADRANTS as readonly string[]).includes(asked ?? "")
    ? (asked as Quadrant)
    : null;
  const board = params.get("board") ?? "";
  const { factors, ideas } = await listPriorities({
    actor,
    board: board || undefined,
    quadrant: quadrant ?? undefined,
  });
  const decimal = (v: number | null) =>
    v === null ? "—" : formatNumber(locale, Math.round(v * 10) / 10);
  return json({
    title: `${translate(locale, "priorities.title")} · Loopboard`,
    boards: (await listBoards()).map((b) => ({ slug: b.slug, name: b.name })),
    board,
    quadrant,
    factors: factors.map((f) => ({
      id: f.id,
      name: factorName(locale, f),
      kind: f.kind,
    })),
    ideas: ideas.map((p) => ({
      ...p,
      impactText: decimal(p.impact),
      effortText: decimal(p.effort),
      scoreText: decimal(p.score),
      votesText: formatNumber(locale, p.voteCount),
    })),
    canManage: canManageScoring(actor),
    allFactors: canManageScoring(actor)
      ? (await listFactors({ includeRetired: true })).map((f) => ({
          ...f,
          shownName: factorName(locale, f),
        }))
      : [],
  });
}

/** Admins: add a factor, rename or reweigh one, retire or restore one. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const { raw, locale } = await readForm(request, context);
  const id = Number(raw.id);
  const form = raw.intent === "create" ? "new" : String(raw.id ?? "");
  try {
    if (raw.intent === "create") await createFactor({ actor, raw, locale });
    else if (raw.intent === "update")
      await updateFactor({ actor, id, raw, locale });
    else if (raw.intent === "retire")
      await setFactorRetired({ actor, id, retired: raw.retired === "true" });
    else throw badRequest();
  } catch (error) {
    return formResult(error, raw, form, locale);
  }
  return json<FormResult & { done: true }>({ done: true });
}

export default function Priorities() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    | (FormResult & { done?: true })
    | undefined;
  const plotted = data.ideas.filter(
    (p) => p.impact !== null && p.effort !== null
  ) as Array<(typeof data.ideas)[number] & { impact: number; effort: number }>;
  return (
    <div className="stack priorities">
      <AdminNav />
      <h1>{t("priorities.title")}</h1>
      <p className="muted">{t("priorities.intro")}</p>
      <StaffFilters boards={data.boards} board={data.board}>
        {data.quadrant ? (
          <input type="hidden" name="quadrant" value={data.quadrant} />
        ) : null}
      </StaffFilters>
      <div className="priorities__grid">
        <section className="card" aria-labelledby="matrix-heading">
          <h2 id="matrix-heading" className="visually-hidden">
            {t("priorities.matrix.title")}
          </h2>
          <PriorityMatrix points={plotted} active={data.quadrant} />
          {data.quadrant ? (
            <p>
              <Link to="?">{t("priorities.showAll")}</Link>
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="ranking-heading">
          <h2 id="ranking-heading">
            {data.quadrant
              ? t(`priorities.quadrant.${data.quadrant}`)
              : t("priorities.ranking")}
          </h2>
          {data.ideas.length === 0 ? (
            <p>{t("priorities.none")}</p>
          ) : (
            <div
              className="priorities__table"
              tabIndex={0}
              role="group"
              aria-labelledby="ranking-heading"
            >
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t("priorities.idea")}</th>
                    <th scope="col">{t("priorities.score")}</th>
                    <th scope="col">{t("priorities.matrix.impact")}</th>
                    <th scope="col">{t("priorities.matrix.effort")}</th>
                    <th scope="col">{t("priorities.votes")}</th>
                    <th scope="col">{t("priorities.quadrantColumn")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.ideas.map((p) => (
                    <tr key={p.number}>
                      <td>
                        <Link to={`${p.url}#scores`} dir="auto">
                          {p.title}
                        </Link>{" "}
                        <StatusBadge status={p.status} />
                      </td>
                      <td>{p.scoreText}</td>
                      <td>{p.impactText}</td>
                      <td>{p.effortText}</td>
                      <td>{p.votesText}</td>
                      <td>
                        {p.quadrant
                          ? t(`priorities.quadrant.${p.quadrant}`)
                          : t("priorities.partly")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
      {data.canManage ? (
        <ScoringFactors factors={data.allFactors} result={result} />
      ) : null}
    </div>
  );
}
