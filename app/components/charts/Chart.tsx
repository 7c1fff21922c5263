import { useId } from "react";
import { useT } from "../../i18n/use-t";
import { useLocale } from "../../i18n/use-t";
import { localeDir } from "../../i18n/locales";
import type { ChartData } from "./chart-data";

/** The chart's frame: 640 × 220 units, scaled to the width of its card. */
const W = 640;
const H = 220;
const AXIS = 44;
const TOP = 12;
const BOTTOM = 28;
/** Lines differ by pattern as well as colour, so they read apart without colour. */
const DASHES = ["", "6 4", "2 3"];

interface Props {
  title: string;
  data: ChartData;
  kind: "line" | "bar";
}

/**
 * A chart drawn on the server as SVG, with its text alternative: the SVG is one image named by
 * the title, and the same figures follow as a table (under "Show the figures"). Time runs with the
 * reading direction: right to left in Arabic.
 */
export function Chart({ title, data, kind }: Props) {
  const t = useT();
  const rtl = localeDir(useLocale()) === "rtl";
  const id = useId();
  const n = data.labels.length;
  const plotStart = AXIS;
  const plotWidth = W - AXIS - 8;
  const slot = plotWidth / Math.max(n, 1);
  const flip = (x: number) => (rtl ? W - x : x);
  const xAt = (i: number) => flip(plotStart + slot * (i + 0.5));
  const yAt = (v: number) => TOP + (H - TOP - BOTTOM) * (1 - v / data.max);
  // At most about eight labels under the axis; the table has them all.
  const every = Math.max(1, Math.ceil(n / 8));
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className={`chart__svg chart__svg--${kind}`}>
        <desc id={`${id}-desc`}>{t("dashboard.chart.tableBelow")}</desc>
        {data.ticks.map((tick) => (
          <g key={tick.value} className="chart__tick">
            <line x1={flip(plotStart)} x2={flip(W - 8)} y1={yAt(tick.value)} y2={yAt(tick.value)} />
            <text x={flip(plotStart - 6)} y={yAt(tick.value) + 4} textAnchor={rtl ? "start" : "end"}>
              {tick.text}
            </text>
          </g>
        ))}
        {data.labels.map((label, i) =>
          i % every === 0 ? (
            <text key={i} className="chart__label" x={xAt(i)} y={H - 8} textAnchor="middle">
              {label}
            </text>
          ) : null,
        )}
        {kind === "bar"
          ? data.series[0]?.values.map((v, i) => (
              <rect key={i} className="chart__bar" x={xAt(i) - slot * 0.35} width={slot * 0.7} y={yAt(v)} height={Math.max(0, yAt(0) - yAt(v))} />
            ))
          : data.series.map((s, k) => (
              <g key={s.label} className={`chart__series chart__series--${k}`}>
                <polyline fill="none" strokeDasharray={DASHES[k % DASHES.length] || undefined} points={s.values.map((v, i) => `${xAt(i)},${yAt(v)}`).join(" ")} />
                {s.values.map((v, i) => (
                  <circle key={i} cx={xAt(i)} cy={yAt(v)} r={3} />
                ))}
              </g>
            ))}
      </svg>
      {kind === "line" ? (
        <ul className="chart__legend">
          {data.series.map((s, k) => (
            <li key={s.label}>
              <svg viewBox="0 0 24 8" aria-hidden="true" className={`chart__key chart__series--${k}`}>
                <line x1={0} x2={24} y1={4} y2={4} strokeDasharray={DASHES[k % DASHES.length] || undefined} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <details className="chart__data">
        <summary>{t("dashboard.chart.showFigures")}</summary>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.chart.period")}</th>
              {data.series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.labels.map((label, i) => (
              <tr key={i}>
                <th scope="row">{label}</th>
                {data.series.map((s) => (
                  <td key={s.label}>{s.texts[i]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
