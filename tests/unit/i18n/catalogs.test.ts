/// <reference types="vite/client" />
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { translate, type MessageKey } from "~/i18n";
import type { Message } from "~/i18n/catalog";
import { LOCALES, type Locale } from "~/i18n/locales";

// Every language registered in LOCALES must have its catalog module, app/i18n/<locale>.ts,
// exporting a const named after the locale.
const modules = import.meta.glob<Record<string, Record<string, Message>>>("../../../app/i18n/*.ts", { eager: true });
function catalogOf(locale: string): Record<string, Message> | undefined {
  return modules[`../../../app/i18n/${locale}.ts`]?.[locale];
}

const others = (Object.keys(LOCALES) as Locale[]).filter((locale) => locale !== "en");
const englishKeys = Object.keys(en) as MessageKey[];

function forms(message: Message): [string, string][] {
  return typeof message === "string" ? [["text", message]] : Object.entries(message).map(([form, text]) => [form, text ?? ""]);
}
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();
}
/**
 * The placeholders that carry the number a plural form is chosen by: translate() chooses by
 * `count`, else `min`, else `max`, and `{n}` is the same count formatted for the reader.
 */
function countPlaceholders(key: MessageKey): string[] {
  const names = englishPlaceholders(key);
  const counts = names.filter((name) => name === "count" || name === "n");
  if (counts.length > 0) return counts;
  const bound = names.find((name) => name === "min") ?? names.find((name) => name === "max");
  return bound ? [bound] : [];
}
/**
 * The plural categories that one number alone selects (Arabic zero, one and two; not Slovenian
 * one, which is also 101): such a form may say its number in words ("صوتان") instead of {count}.
 */
function exactCategories(locale: string): Set<string> {
  const rules = new Intl.PluralRules(locale);
  const numbers = new Map<string, number>();
  for (let n = 0; n <= 1000; n++) numbers.set(rules.select(n), (numbers.get(rules.select(n)) ?? 0) + 1);
  return new Set([...numbers].filter(([, count]) => count === 1).map(([category]) => category));
}
/** The placeholders of every form of a message; the English ones must agree among themselves. */
function englishPlaceholders(key: MessageKey): string[] {
  return placeholders(forms(en[key]).map(([, text]) => text).join(" "));
}

/** The source the catalog serves: app/ (but the catalogs themselves), db/, scripts/ and server.ts. */
function sourceText(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== path.join("app", "i18n")) walk(full);
      } else if (/\.tsx?$/.test(entry.name)) files.push(full);
    }
  };
  for (const dir of ["app", "db", "scripts"]) walk(dir);
  files.push("server.ts");
  return files.map((file) => fs.readFileSync(file, "utf8")).join("\n");
}

describe("English catalog", () => {
  it("has no key that no code uses (a key is used when quoted in full, or under a prefix code completes, t(`board.sort.${sort}`))", () => {
    const source = sourceText();
    const prefixes = [...new Set([...source.matchAll(/`([a-zA-Z][\w.]*\.)\$\{/g)].map((match) => match[1]))];
    const unused = englishKeys.filter(
      (key) =>
        !["\"", "'", "`"].some((quote) => source.includes(`${quote}${key}${quote}`)) &&
        !prefixes.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });

  it("uses the same placeholders in every plural form", () => {
    const mismatched = englishKeys.filter((key) => forms(en[key]).some(([, text]) => placeholders(text).join() !== englishPlaceholders(key).join()));
    expect(mismatched).toEqual([]);
  });
});

describe.each(others)("%s catalog", (locale) => {
  const catalog = catalogOf(locale) ?? {};
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];

  it("exists as app/i18n/<locale>.ts and is the one translate() uses", () => {
    expect(catalogOf(locale), `app/i18n/${locale}.ts must export const ${locale}`).toBeDefined();
    // A message without params comes back as written (plural objects: the form for 0).
    const zero = new Intl.PluralRules(locale).select(0);
    const wrong = englishKeys.filter((key) => {
      const message = catalog[key];
      if (message === undefined) return false;
      const expected = typeof message === "string" ? message : (message[zero] ?? message.other);
      return translate(locale, key) !== expected;
    });
    expect(wrong).toEqual([]);
  });

  it("has every English key", () => {
    expect(englishKeys.filter((key) => !(key in catalog))).toEqual([]);
  });

  it("has no key that English lacks", () => {
    expect(Object.keys(catalog).filter((key) => !(key in en))).toEqual([]);
  });

  it("uses exactly the English placeholders, in every plural form (a form for one number may spell it out)", () => {
    const exact = exactCategories(locale);
    const mismatched: string[] = [];
    for (const key of englishKeys) {
      const message = catalog[key];
      if (message === undefined) continue;
      const expected = englishPlaceholders(key).join(", ");
      for (const [form, text] of forms(message)) {
        const actual = placeholders(text).join(", ");
        const spelledOut = exact.has(form) ? countPlaceholders(key) : [];
        const withCount = placeholders(text + spelledOut.map((name) => ` {${name}}`).join("")).join(", ");
        if (actual !== expected && withCount !== expected) mismatched.push(`${key} [${form}]: {${actual}} instead of {${expected}}`);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it("gives every plural object an `other` form, only forms the language has, and a count to choose by", () => {
    const problems: string[] = [];
    for (const key of englishKeys) {
      const message = catalog[key];
      if (message === undefined || typeof message === "string") continue;
      if (!message.other) problems.push(`${key}: no other`);
      const unused = Object.keys(message).filter((form) => !categories.includes(form));
      if (unused.length) problems.push(`${key}: ${unused.join(", ")} never chosen in ${locale}`);
      // translate() chooses the form by count, else min, else max. Where English has a plural, the
      // callers pass count (some show a formatted {n}); where English has plain text, the text must
      // hold the number that chooses, or every reader gets the form for 0.
      if (typeof en[key] === "string" && !["count", "min", "max"].some((name) => englishPlaceholders(key).includes(name))) problems.push(`${key}: nothing to choose a form by`);
    }
    expect(problems).toEqual([]);
  });
});

describe("Slovenian catalog", () => {
  const sl = catalogOf("sl") ?? {};

  it("gives every plural object the four Slovenian forms: one, two (the dual), few and other", () => {
    expect(new Intl.PluralRules("sl").resolvedOptions().pluralCategories.sort()).toEqual(["few", "one", "other", "two"]);
    const incomplete = Object.entries(sl)
      .filter(([, message]) => typeof message !== "string")
      .filter(([, message]) => Object.keys(message).sort().join() !== "few,one,other,two")
      .map(([key]) => key);
    expect(incomplete).toEqual([]);
  });

  it("gives English plurals a plural object", () => {
    const flat = englishKeys.filter((key) => typeof en[key] !== "string" && typeof sl[key] === "string");
    expect(flat).toEqual([]);
  });

  it("declines counts: 1 and 101, 2 and 102, 3 and 4, then the rest", () => {
    const votes = [1, 101, 2, 102, 3, 4, 5, 11, 0].map((count) => translate("sl", "board.votes", { count }));
    expect(votes).toEqual(["1 glas", "101 glas", "2 glasova", "102 glasova", "3 glasovi", "4 glasovi", "5 glasov", "11 glasov", "0 glasov"]);
    expect(translate("sl", "ideaForm.titleLeft", { count: 2 })).toBe("Na voljo sta še 2 znaka");
    expect(translate("sl", "field.tooShort", { min: 3 })).toBe("Vnesite vsaj 3 znake.");
    expect(translate("sl", "follow.count", { count: 2, n: "2" })).toBe("Spremljata ga 2 osebi");
  });

  it("writes a count as Slovenian writes numbers: a point between thousands from five digits on", () => {
    expect(translate("sl", "board.votes", { count: 12_840 })).toBe("12.840 glasov");
    expect(translate("sl", "board.votes", { count: 1284 })).toBe("1284 glasov");
    expect(translate("sl", "board.comments", { count: 10_001 })).toMatch(/^10\.001 /);
  });

  it("translates everything but the brand", () => {
    const same = englishKeys.filter((key) => JSON.stringify(sl[key]) === JSON.stringify(en[key]));
    expect(same).toEqual(["app.name", "admin.email.lastError.at"]);
  });

  it("writes č, š and ž, not c, s and z, in the words that have them", () => {
    const text = Object.values(sl).flatMap((message) => forms(message).map(([, t]) => t)).join("\n");
    expect(text).toMatch(/Načrt razvoja/);
    expect(text).not.toMatch(/\b(Nacrt|nacrtovano|Zeton|zeton|sporocil|Obvescen|Uresniceno|Slovenscina|Ze imate)\b/i);
  });
});

describe("Arabic catalog", () => {
  const ar = catalogOf("ar") ?? {};
  const six = ["few", "many", "one", "other", "two", "zero"];

  it("gives every plural object all six Arabic forms, and English plurals a plural object", () => {
    expect(new Intl.PluralRules("ar").resolvedOptions().pluralCategories.sort()).toEqual(six);
    expect([...exactCategories("ar")].sort()).toEqual(["one", "two", "zero"]);
    const incomplete = Object.entries(ar)
      .filter(([, message]) => typeof message !== "string")
      .filter(([, message]) => Object.keys(message).sort().join() !== six.join())
      .map(([key]) => key);
    expect(incomplete).toEqual([]);
    expect(englishKeys.filter((key) => typeof en[key] !== "string" && typeof ar[key] === "string")).toEqual([]);
  });

  it("chooses the form by Intl.PluralRules: none, one, the dual, 3–10, 11–99, and the rest", () => {
    const votes = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103].map((count) => translate("ar", "board.votes", { count }));
    expect(votes).toEqual(["لا أصوات", "صوت واحد", "صوتان", "3 أصوات", "10 أصوات", "11 صوتًا", "99 صوتًا", "100 صوت", "102 صوت", "103 أصوات"]);
    expect(translate("ar", "follow.count", { count: 12, n: "١٢" })).toBe("١٢ متابعًا");
    // Counts are written with Western Arabic digits and a comma between thousands (docs/i18n.md).
    expect(translate("ar", "board.votes", { count: 1284 })).toBe("1,284 صوتًا");
    expect(translate("en", "board.votes", { count: 1284 })).toBe("1,284 votes");
    expect(translate("ar", "idea.error.titleTooShort", { min: 3 })).toBe("يحتاج العنوان إلى 3 أحرف على الأقل.");
    expect(translate("ar", "delivery.gaveUp", { count: 2, error: "550" })).toBe("أُوقف الإرسال بعد محاولتين: 550");
    expect(translate("ar", "email.status.subject", { title: "الوضع الداكن", status: translate("ar", "status.planned") })).toBe("حالة «الوضع الداكن» الآن: مخطط لها");
  });

  it("is written in Arabic: every form has Arabic text unless English has only the brand and placeholders", () => {
    const untranslated = englishKeys.flatMap((key) =>
      forms(ar[key] ?? "")
        .filter(([, text]) => !/[\u0600-\u06FF]/.test(text))
        .filter(() => /[a-z]/i.test(forms(en[key])[0][1].replace(/\{\w+\}|Loopboard/g, "")))
        .map(([form]) => `${key} [${form}]`),
    );
    expect(untranslated).toEqual([]);
  });
});
