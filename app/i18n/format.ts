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
function dateFormat(locale: Locale, kind: "date" | "month" | "dateTime" | "day" | "shortMonth"): Intl.DateTimeFormat {
  const key = `${locale}|${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === "date"
        ? { dateStyle: "medium", timeZone: "UTC" }
        : kind === "dateTime"
          ? { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }
          : kind === "day"
            ? { month: "short", day: "numeric", timeZone: "UTC" }
            : kind === "shortMonth"
              ? { month: "short", year: "2-digit", timeZone: "UTC" }
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

/** A day without its year ("Dec 1"), for the labels under a chart's time axis. */
export function formatDay(locale: Locale, date: Date | string): string {
  return dateFormat(locale, "day").format(new Date(date));
}

/** A month in few characters ("Dec 26"), for the labels under a chart's time axis. */
export function formatShortMonth(locale: Locale, date: Date | string): string {
  return dateFormat(locale, "shortMonth").format(new Date(date));
}

const unitFormats = new Map<string, Intl.NumberFormat>();

/** A duration in hours or days, whichever reads better ("5 hours", "3.5 days"), in the reader's language. */
export function formatDuration(locale: Locale, hours: number): string {
  const unit = hours < 48 ? "hour" : "day";
  const value = unit === "hour" ? hours : hours / 24;
  const key = `${locale}|${unit}`;
  let format = unitFormats.get(key);
  if (!format) unitFormats.set(key, (format = new Intl.NumberFormat(intlTag(locale), { style: "unit", unit, unitDisplay: "long", maximumFractionDigits: 1 })));
  return format.format(value);
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** A share as a percentage ("87%"), in the reader's language. */
export function formatPercent(locale: Locale, share: number): string {
  let format = percentFormats.get(locale);
  if (!format) percentFormats.set(locale, (format = new Intl.NumberFormat(intlTag(locale), { style: "percent", maximumFractionDigits: 0 })));
  return format.format(share);
}

/** An amount of money kept in minor units (cents), in the reader's language: "$12,500.00". */
export function formatMoney(locale: Locale, cents: number, currency: string): string {
  return new Intl.NumberFormat(intlTag(locale), { style: "currency", currency }).format(cents / 100);
}
