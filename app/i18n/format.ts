import type { Locale } from "./locales";

/**
 * A calendar date in the reader's language. Loaders call it so the text is produced once, on the
 * server: formatting in components could differ between the server's and the browser's time zone
 * or ICU data and break hydration.
 */
export function formatDate(locale: Locale, date: Date | string): string {
  return new Date(date).toLocaleDateString(locale, { dateStyle: "medium", timeZone: "UTC" });
}

/** A count in the reader's language ("1,284"); like dates, formatted by loaders. */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A month heading in the reader's language ("May 2025"), for the month (UTC) the date falls in. */
export function formatMonth(locale: Locale, date: Date | string): string {
  return new Date(date).toLocaleDateString(locale, { month: "long", year: "numeric", timeZone: "UTC" });
}
