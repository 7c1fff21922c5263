import type { Locale } from "./locales";

// Building an Intl formatter costs far more than using one (hundreds of µs against a few): one
// per (language, options), built on first use and kept for the life of the process.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, kind: "date" | "month"): Intl.DateTimeFormat {
  const key = `${locale}|${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === "date" ? { dateStyle: "medium", timeZone: "UTC" } : { month: "long", year: "numeric", timeZone: "UTC" };
    dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  }
  return format;
}

/**
 * A calendar date in the reader's language. Loaders call it so the text is produced once, on the
 * server: formatting in components could differ between the server's and the browser's time zone
 * or ICU data and break hydration.
 */
export function formatDate(locale: Locale, date: Date | string): string {
  return dateFormat(locale, "date").format(new Date(date));
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A count in the reader's language ("1,284"); like dates, formatted by loaders. */
export function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}

/** A month heading in the reader's language ("May 2025"), for the month (UTC) the date falls in. */
export function formatMonth(locale: Locale, date: Date | string): string {
  return dateFormat(locale, "month").format(new Date(date));
}
