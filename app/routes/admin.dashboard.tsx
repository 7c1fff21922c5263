import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AdminNav } from "../components/AdminNav";
import { ExportLinks } from "../components/ExportLinks";
import { SegmentSelect } from "../components/BoardFilter";
import { StaffFilters, staffViewLinks } from "../components/StaffFilters";
import { Chart } from "../components/charts/Chart";
import { chartData } from "../components/charts/chart-data";
import { StatusBadge } from "../components/StatusBadge";
import { translate } from "../i18n";
import {
  formatDate,
  formatDay,
  formatDuration,
  formatNumber,
  formatPercent,
  formatShortMonth,
} from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { forbidden } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { listBoards } from "../models/boards.server";
import { listSegments } from "../models/companies.server";
import { getStats } from "../models/stats.server";
import { listTags, tagView } from "../models/tags.server";
import { TagSelect } from "../components/Tags";
import { pageMeta } from "../page-meta";
import { canSeeDeliveries, canSeeStats } from "../permissions";
import { STATS_WEEKS_CHOICES, STATS_WEEKS_DEFAULT } from "../schemas/stats";
import { findStatusView, useStatuses } from "../statuses";

export const links = staffViewLinks;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, data?.title ?? "Loopboard");

/** The staff dashboard: whether the board is heard and answered, as charts with their figures. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  if (!canSeeStats(actor)) throw forbidden();
  const locale = requestLocale(request, context);
  const params = new URL(request.url).searchParams;
  const asked = Number(params.get("weeks"));
  const weeks = (STATS_WEEKS_CHOICES as readonly number[]).includes(asked)
    ? asked
    : STATS_WEEKS_DEFAULT;
  const stats = await getStats({
    actor,
    raw: { board: params.get("board") ?? undefined, tag: params.get("tag") || undefined, segment: params.get("segment") || undefined, weeks: String(weeks) },
    locale,
  });
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const n = (value: number) => formatNumber(locale, value);
  return json({
    title: `${t("dashboard.title")} · Loopboard`,
    boards: (await listBoards()).map((b) => ({ slug: b.slug, name: b.name })),
    board: stats.board?.slug ?? "",
    tags: (await listTags({ actor })).map(tagView),
    tag: stats.tag?.slug ?? "",
    segments: await listSegments({ actor }),
    segment: stats.segment ?? "",
    weeks,
    since: formatDate(locale, stats.since),
    canSeeDeliveries: canSeeDeliveries(actor),
    activity: chartData(
      locale,
      stats.activity.map((w) => formatDay(locale, w.week)),
      [
        {
          label: t("dashboard.activity.ideas"),
          values: stats.activity.map((w) => w.ideas),
        },
        {
          label: t("dashboard.activity.votes"),
          values: stats.activity.map((w) => w.votes),
        },
        {
          label: t("dashboard.activity.comments"),
          values: stats.activity.map((w) => w.comments),
        },
      ]
    ),
    byStatus: stats.byStatus.map((s) => ({ ...s, text: n(s.count) })),
    statusMax: Math.max(1, ...stats.byStatus.map((s) => s.count)),
    shipped: chartData(
      locale,
      stats.shipping.months.map((m) => formatShortMonth(locale, m.month)),
      [
        {
          label: t("dashboard.shipped.count"),
          values: stats.shipping.months.map((m) => m.shipped),
        },
      ]
    ),
    response: {
      median:
        stats.response.medianHours === null
          ? null
          : formatDuration(locale, stats.response.medianHours),
      answered: stats.response.answered,
      answeredText: n(stats.response.answered),
      waiting: stats.response.waitingOver7Days,
      waitingText: n(stats.response.waitingOver7Days),
    },
    plannedToShipped:
      stats.shipping.medianPlannedToShippedDays === null
        ? null
        : formatDuration(
            locale,
            stats.shipping.medianPlannedToShippedDays * 24
          ),
    loop: {
      ...stats.loop,
      shareText:
        stats.loop.share === null
          ? null
          : formatPercent(locale, stats.loop.share),
      shippedText: n(stats.loop.shipped),
      ideas: stats.loop.ideas.map((i) => ({
        ...i,
        date: formatDate(locale, i.shippedAt),
      })),
    },
  });
}

export default function Dashboard() {
  const t = useT();
  const statuses = useStatuses();
  const data = useLoaderData<typeof loader>();
  const { loop } = data;
  return (
    <div className="stack dashboard">
      <AdminNav />
      <h1>{t("dashboard.title")}</h1>
      <StaffFilters boards={data.boards} board={data.board}>
        {data.tags.length > 0 ? <TagSelect id="dashboard-tag" tags={data.tags} current={data.tag} /> : null}
        {data.segments.length > 0 ? <SegmentSelect id="dashboard-segment" segments={data.segments} current={data.segment} /> : null}
        <label>
          {t("dashboard.filter.period")}
          <select name="weeks" defaultValue={String(data.weeks)}>
            {STATS_WEEKS_CHOICES.map((w) => (
              <option key={w} value={w}>
                {t("dashboard.filter.weeks", { count: w, n: String(w) })}
              </option>
            ))}
          </select>
        </label>
      </StaffFilters>
      <p className="muted small">
        {t("dashboard.since", { date: data.since })}
      </p>

      <section className="card dashboard__loop" aria-labelledby="loop-heading">
        <h2 id="loop-heading">{t("dashboard.loop.title")}</h2>
        {loop.shipped === 0 ? (
          <p>{t("dashboard.loop.none")}</p>
        ) : (
          <>
            <p className="dashboard__big">
              <strong>{loop.shareText}</strong>{" "}
              {t("dashboard.loop.share", {
                count: loop.shipped,
                n: loop.shippedText,
              })}
            </p>
            <meter
              min={0}
              max={1}
              value={loop.share ?? 0}
              aria-label={t("dashboard.loop.title")}
              className="dashboard__meter"
            />
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.loop.idea")}</th>
                  <th scope="col">{t("dashboard.loop.shippedOn")}</th>
                  <th scope="col">{t("dashboard.loop.state")}</th>
                  <th scope="col">{t("dashboard.loop.emailed")}</th>
                  <th scope="col">{t("dashboard.loop.suppressed")}</th>
                  <th scope="col">{t("dashboard.loop.failed")}</th>
                </tr>
              </thead>
              <tbody>
                {loop.ideas.map((i) => (
                  <tr
                    key={i.number}
                    className={i.failed > 0 ? "dashboard__failed" : undefined}
                  >
                    <td>
                      <Link to={i.url} dir="auto">
                        {i.title}
                      </Link>
                    </td>
                    <td>{i.date}</td>
                    <td>{t(`dashboard.loop.state.${i.state}`)}</td>
                    <td>{i.emailed}</td>
                    <td>{i.suppressed}</td>
                    <td>{i.failed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {loop.failures.length > 0 ? (
              <p>
                {t("dashboard.loop.failures", { count: loop.failures.length })}{" "}
                {data.canSeeDeliveries ? (
                  <Link to="/admin/deliveries">
                    {t("dashboard.loop.seeDeliveries")}
                  </Link>
                ) : null}
              </p>
            ) : null}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="activity-heading">
        <h2 id="activity-heading">{t("dashboard.activity.title")}</h2>
        <Chart
          kind="line"
          title={t("dashboard.activity.chart")}
          data={data.activity}
        />
      </section>

      <div className="dashboard__tiles">
        <section className="card" aria-labelledby="response-heading">
          <h2 id="response-heading">{t("dashboard.response.title")}</h2>
          <p className="dashboard__big">
            <strong>{data.response.median ?? "—"}</strong>
          </p>
          <p className="muted small">
            {t("dashboard.response.median", {
              count: data.response.answered,
              n: data.response.answeredText,
            })}
          </p>
          <p>
            <Link to="/admin/inbox">
              {t("dashboard.response.waiting", {
                count: data.response.waiting,
                n: data.response.waitingText,
              })}
            </Link>
          </p>
        </section>
        <section className="card" aria-labelledby="planned-heading">
          <h2 id="planned-heading">{t("dashboard.planned.title")}</h2>
          <p className="dashboard__big">
            <strong>{data.plannedToShipped ?? "—"}</strong>
          </p>
          <p className="muted small">{t("dashboard.planned.median")}</p>
        </section>
      </div>

      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">{t("dashboard.status.title")}</h2>
        <ul className="dashboard__statuses">
          {data.byStatus.map((s) => (
            <li key={s.status}>
              <StatusBadge status={s.status} />
              <svg
                className={`dashboard__hbar status--${
                  findStatusView(statuses, s.status).color
                }`}
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                aria-hidden="true"
              >
                <rect
                  width={(100 * s.count) / data.statusMax}
                  height={10}
                  fill="currentColor"
                />
              </svg>
              <span className="dashboard__count">{s.text}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="shipped-heading">
        <h2 id="shipped-heading">{t("dashboard.shipped.title")}</h2>
        <Chart
          kind="bar"
          title={t("dashboard.shipped.chart")}
          data={data.shipped}
        />
      </section>

      <ExportLinks />
    </div>
  );
}
