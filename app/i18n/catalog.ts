import type { en } from "./en";

/** A message: plain text, or plural forms keyed by Intl.PluralRules category (`other` always present). */
export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;

/** Another language's version of an English catalog section: every key, and only those keys. */
export type Translation<T> = { [K in keyof T]: Message };

/** A complete catalog for one language. */
export type Catalog = Translation<typeof en>;
