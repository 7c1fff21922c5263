/**
 * What a chart draws, prepared by a loader: the values, and every text the chart shows already
 * formatted in the reader's language (labels, values, axis ticks), so the server and the browser
 * render the same characters.
 */
import type { Locale } from "../../i18n";
import { formatNumber } from "../../i18n/format";

export type ChartSeries = { label: string; values: number[]; texts: string[] };
export type ChartData = { labels: string[]; series: ChartSeries[]; max: number; ticks: { value: number; text: string }[] };

/** The smallest round number (1, 2, 4 or 5 times a power of ten) at or above `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 4, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export function chartData(locale: Locale, labels: string[], series: { label: string; values: number[] }[], format = (n: number) => formatNumber(locale, n)): ChartData {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const whole = series.every((s) => s.values.every(Number.isInteger));
  const ticks = [0, max / 2, max].filter((value) => !whole || Number.isInteger(value)).map((value) => ({ value, text: format(value) }));
  return { labels, max, ticks, series: series.map((s) => ({ ...s, texts: s.values.map(format) })) };
}
