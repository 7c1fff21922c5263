import type { Locale } from "./locales";

/**
 * The BCP 47 tag Intl formats a language with. Arabic is written with Latin ("Western Arabic")
 * digits, `-u-nu-latn`: that is what the Arabic customer-feedback writing Loopboard's users read
 * uses, and counts typed or pasted by people (idea numbers, versions) stay in the same digits as
 * the ones Loopboard formats. See docs/i18n.md.
 */
export function intlTag(locale: Locale): string {
  return locale === ("ar" as Locale) ? "ar-u-nu-latn" : locale;
}

// Building an Intl formatter costs far more than using one (hundreds of µs against a few): one
// per (language, options), built on first use and kept for the life of the process.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, kind: "date" | "month" | "dateTime"): Intl.DateTimeFormat {
  const key = `${locale}|${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === "date"
        ? { dateStyle: "medium", timeZone: "UTC" }
        : kind === "dateTime"
          ? { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }
          : { month: "long", year: "numeric", timeZone: "UTC" };
    dateFormats.set(key, (format = new Intl.DateTimeFormat(intlTag(locale), options)));
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
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(intlTag(locale))));
  return format.format(value);
}

/** A date and time (UTC, which the staff pages say) in the reader's language. */
export function formatDateTime(locale: Locale, date: Date | string): string {
  return dateFormat(locale, "dateTime").format(new Date(date));
}

/** A month heading in the reader's language ("May 2025"), for the month (UTC) the date falls in. */
export function formatMonth(locale: Locale, date: Date | string): string {
  return dateFormat(locale, "month").format(new Date(date));
}
