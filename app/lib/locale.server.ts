/**
 * Which language a request is answered in, in this order: the account's setting (Settings →
 * Language), the language switcher's cookie, Accept-Language, DEFAULT_LOCALE. An account that
 * never chose one follows the same rule as a visitor. See docs/decisions/0018-languages.md.
 */
import type { AppLoadContext } from "@remix-run/node";
import { isLocale, LOCALES, negotiateLocale, type Locale } from "../i18n/locales";
import { env } from "./env.server";

/** The language switcher's cookie (app/routes/language.tsx). */
export const LOCALE_COOKIE = "lb_lang";
const LOCALE_COOKIE_PATTERN = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`);

/** The language the switcher's cookie names, if it names one Loopboard speaks. */
export function cookieLocale(cookieHeader: string | null | undefined): Locale | null {
  const value = cookieHeader ? LOCALE_COOKIE_PATTERN.exec(cookieHeader)?.[1]?.trim() : undefined;
  return isLocale(value) ? value : null;
}

export function chooseLocale(input: { chosen: Locale | null | undefined; cookie: string | null | undefined; acceptLanguage: string | null | undefined }): Locale {
  return input.chosen ?? cookieLocale(input.cookie) ?? negotiateLocale(input.acceptLanguage, env.defaultLocale);
}

/** The request's language: prepareRequest() decides it once; computed the same way when it did not. */
export function requestLocale(request: Request, context: AppLoadContext): Locale {
  if (context.locale) return context.locale;
  return chooseLocale({ chosen: context.auth.user?.chosenLocale, cookie: request.headers.get("cookie"), acceptLanguage: request.headers.get("accept-language") });
}

/** The Set-Cookie that remembers the switcher's choice for a year. */
export function localeCookie(locale: Locale, https: boolean): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax${https ? "; Secure" : ""}`;
}

/** Headers of every answer whose content depends on the language. */
export function languageHeaders(locale: Locale): Record<string, string> {
  return { "Content-Language": locale, Vary: "Accept-Language, Cookie" };
}

export const SUPPORTED_LOCALES = Object.keys(LOCALES) as Locale[];
