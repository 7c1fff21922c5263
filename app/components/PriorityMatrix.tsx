import { useId } from "react";
import { useLocale, useT } from "../i18n/use-t";
import { localeDir } from "../i18n/locales";
import { QUADRANTS, SCORE_MAX, SCORE_MIN, SCORE_SPLIT, type Quadrant } from "../schemas/priorities";

export interface MatrixPoint {
  number: number;
  title: string;
  url: string;
  impact: number;
  effort: number;
  impactText: string;
  effortText: string;
}

const SIZE = 420;
const PAD = 44;
const PLOT = SIZE - PAD - 12;

/** Where each quadrant sits: [high effort?, high impact?]. */
const CORNER: Record<Quadrant, [boolean, boolean]> = { quickWins: [false, true], bigBets: [true, true], fillIns: [false, false], moneyPits: [true, false] };

/**
 * The impact/effort matrix: each scored idea a point linking to it, the four quadrants named and
 * each a link that lists only its ideas. Effort runs along the reading direction, impact upwards.
 */
export function PriorityMatrix({ points, active }: { points: MatrixPoint[]; active: Quadrant | null }) {
  const t = useT();
  const rtl = localeDir(useLocale()) === "rtl";
  const id = useId();
  const span = SCORE_MAX - SCORE_MIN;
  const along = (v: number) => PAD + (PLOT * (v - SCORE_MIN)) / span;
  const x = (effort: number) => (rtl ? SIZE - along(effort) : along(effort));
  const y = (impact: number) => 12 + PLOT - (PLOT * (impact - SCORE_MIN)) / span;
  // Ideas with the same scores fan out around their spot instead of hiding each other.
  const seen = new Map<string, number>();
  const placed = points.map((p) => {
    const key = `${p.impact.toFixed(1)}|${p.effort.toFixed(1)}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const angle = k * 2.4;
    const r = k === 0 ? 0 : 7 + 3 * Math.sqrt(k);
    return { ...p, cx: x(p.effort) + r * Math.cos(angle), cy: y(p.impact) + r * Math.sin(angle) };
  });
  return (
    <figure className="matrix">
      <figcaption id={`${id}-title`} className="chart__title">
        {t("priorities.matrix.title")}
      </figcaption>
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} className="matrix__svg" role="group" aria-labelledby={`${id}-title`}>
        {QUADRANTS.map((q) => {
          const [costly, high] = CORNER[q];
          const [effortLo, effortHi] = costly ? [SCORE_SPLIT, SCORE_MAX] : [SCORE_MIN, SCORE_SPLIT];
          const [impactLo, impactHi] = high ? [SCORE_SPLIT, SCORE_MAX] : [SCORE_MIN, SCORE_SPLIT];
          const qx = Math.min(x(effortLo), x(effortHi));
          const qw = Math.abs(x(effortHi) - x(effortLo));
          const qy = y(impactHi);
          const qh = y(impactLo) - y(impactHi);
          return (
            <a key={q} href={active === q ? "?" : `?quadrant=${q}`} className={`matrix__quadrant matrix__quadrant--${q}${active === q ? " is-active" : ""}`} aria-current={active === q ? "true" : undefined}>
              <rect x={qx} y={qy} width={qw} height={qh} />
              <text x={qx + qw / 2} y={qy + 20} textAnchor="middle">
                {t(`priorities.quadrant.${q}`)}
              </text>
            </a>
          );
        })}
        <text className="matrix__axis" x={SIZE / 2} y={SIZE - 6} textAnchor="middle">
          {t("priorities.matrix.effort")}
        </text>
        <text className="matrix__axis" x={0} y={0} textAnchor="middle" transform={`translate(${rtl ? SIZE - 14 : 14} ${SIZE / 2}) rotate(${rtl ? 90 : -90})`}>
          {t("priorities.matrix.impact")}
        </text>
        {placed.map((p) => (
          <a key={p.number} href={p.url} className="matrix__point" aria-label={t("priorities.matrix.point", { number: p.number, title: p.title, impact: p.impactText, effort: p.effortText })}>
            <circle cx={p.cx} cy={p.cy} r={7} />
            <title>{`#${p.number} ${p.title}`}</title>
          </a>
        ))}
      </svg>
    </figure>
  );
}
