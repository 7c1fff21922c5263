/**
 * The message catalog. Every user-visible string goes through t(): pages, JSON error messages and
 * emails alike. Messages use {name} placeholders; a message may be an object of plural forms keyed
 * by Intl.PluralRules categories (zero, one, two, few, many, other), chosen by the `count` param.
 * A numeric `count` is also written as the language writes numbers (1,284 · 1.284).
 */
import type { Message } from "./catalog";
import { en } from "./en";
import { formatNumber } from "./format";
import { DEFAULT_LOCALE, type Locale } from "./locales";

type Catalog = typeof en;
export type MessageKey = keyof Catalog;
export type Params = Record<string, string | number>;

/**
 * The catalogs at hand. English is always here (every other language falls back to it); the
 * others are loaded by loadCatalog(): all of them at once on the server, below, and in a browser
 * only the page's own (entry.client.tsx), so a page carries one language's messages, not three.
 */
const ENGLISH: Partial<Record<MessageKey, Message>> = en;
const catalogs: Partial<Record<Locale, Partial<Record<MessageKey, Message>>>> = { [DEFAULT_LOCALE]: ENGLISH };

/** Loads a language's catalog (a chunk of its own in the browser); resolves once translate() has it. */
export async function loadCatalog(locale: Locale): Promise<void> {
  if (catalogs[locale]) return;
  if (locale === "ar") catalogs.ar = (await import("./ar")).ar;
  else if (locale === "sl") catalogs.sl = (await import("./sl")).sl;
}

/** Whether translate() has `locale`'s own messages yet (otherwise it answers in English). */
export function hasCatalog(locale: Locale): boolean {
  return catalogs[locale] !== undefined;
}

// Pages, emails, JSON errors and the command line: the server speaks every language from the start.
if (typeof document === "undefined") await Promise.all([loadCatalog("ar"), loadCatalog("sl")]);

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const message: Message | undefined = catalogs[locale]?.[key] ?? ENGLISH[key];
  if (message === undefined) return key;
  let text: string;
  if (typeof message === "string") text = message;
  else {
    const count = Number(params?.count ?? params?.min ?? params?.max ?? 0);
    text = message[pluralCategory(locale, count)] ?? message.other ?? "";
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    return name === "count" && typeof value === "number" ? formatNumber(locale, value) : String(value);
  });
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export { DEFAULT_LOCALE, type Locale } from "./locales";
