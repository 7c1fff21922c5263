/**
 * A page's <title> and meta description. In Remix the deepest route's meta replaces its parents',
 * so every route builds its tags here: the page's own description, or the site's in the reader's
 * language (taken from the root loader's data).
 */
import type { MetaDescriptor } from "@remix-run/node";
import { translate } from "./i18n";
import { DEFAULT_LOCALE, isLocale } from "./i18n/locales";

interface MetaMatch {
  id: string;
  data?: unknown;
}

export function pageMeta(matches: readonly MetaMatch[], title: string, description?: string | null, extra: MetaDescriptor[] = []): MetaDescriptor[] {
  const rootLocale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  const locale = isLocale(rootLocale) ? rootLocale : DEFAULT_LOCALE;
  return [{ title }, { name: "description", content: description || translate(locale, "meta.description") }, ...extra];
}
