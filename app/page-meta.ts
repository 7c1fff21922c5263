/**
 * A page's <title> and meta description. In Remix the deepest route's meta replaces its parents',
 * so every route builds its tags here: the page's own description, or the site's in the reader's
 * language (taken from the root loader's data).
 */
import type { MetaDescriptor } from "@remix-run/node";
import { translate, type MessageKey } from "./i18n";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./i18n/locales";

interface MetaMatch {
  id: string;
  data?: unknown;
}

function pageLocale(matches: readonly MetaMatch[]): Locale {
  const rootLocale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  return isLocale(rootLocale) ? rootLocale : DEFAULT_LOCALE;
}

export function pageMeta(matches: readonly MetaMatch[], title: string, description?: string | null, extra: MetaDescriptor[] = []): MetaDescriptor[] {
  return [{ title }, { name: "description", content: description || translate(pageLocale(matches), "meta.description") }, ...extra];
}

/** The tags of a page whose title is a catalog message: "<message> · Loopboard" in the reader's language. */
export function titledMeta(matches: readonly MetaMatch[], titleKey: MessageKey, extra: MetaDescriptor[] = []): MetaDescriptor[] {
  return pageMeta(matches, `${translate(pageLocale(matches), titleKey)} · Loopboard`, null, extra);
}

/** A page about one piece of writing (an idea): its canonical address and the Open Graph tags a link preview (chat, social, mail) shows. */
export function articleMeta(matches: readonly MetaMatch[], article: { title: string; excerpt: string; url: string }): MetaDescriptor[] {
  const tags = pageMeta(matches, `${article.title} · Loopboard`, article.excerpt);
  const description = tags.find((tag) => "name" in tag && tag.name === "description") as { content: string };
  return [
    ...tags,
    { tagName: "link", rel: "canonical", href: article.url },
    { property: "og:type", content: "article" },
    { property: "og:site_name", content: "Loopboard" },
    { property: "og:title", content: article.title },
    { property: "og:description", content: description.content },
    { property: "og:url", content: article.url },
    { name: "twitter:card", content: "summary" },
  ];
}
