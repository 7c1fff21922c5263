import type { AppLoadContext } from "@remix-run/node";
import { isLocale, negotiateLocale, type Locale } from "../i18n/locales";

/** The request's language: the signed-in user's choice, else a `lang` cookie, else Accept-Language. */
export function requestLocale(request: Request, context: AppLoadContext): Locale {
  const userLocale = context.auth.user?.locale;
  if (isLocale(userLocale)) return userLocale;
  const cookie = request.headers.get("cookie") ?? "";
  const match = /(?:^|;\s*)lb_lang=([a-z]{2,3})/.exec(cookie);
  if (match && isLocale(match[1])) return match[1];
  return negotiateLocale(request.headers.get("accept-language"));
}
