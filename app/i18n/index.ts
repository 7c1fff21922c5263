/**
 * The message catalog. Every user-visible string goes through t(): pages, JSON error messages and
 * emails alike. Messages use {name} placeholders; a message may be an object of plural forms keyed
 * by Intl.PluralRules categories (zero, one, two, few, many, other), chosen by the `count` param.
 * A numeric `count` is also written as the language writes numbers (1,284 · 1.284).
 */
import { ar } from "./ar";
import type { Message } from "./catalog";
import { en } from "./en";
import { formatNumber } from "./format";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { sl } from "./sl";

type Catalog = typeof en;
export type MessageKey = keyof Catalog;
export type Params = Record<string, string | number>;

const catalogs: Record<Locale, Partial<Record<MessageKey, Message>>> = { en, sl, ar };

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const message: Message | undefined = catalogs[locale]?.[key] ?? catalogs[DEFAULT_LOCALE][key];
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
