/**
 * The folding and stemming that idea_search and every search query go through (migration 0008,
 * docs/decisions/0014-search-folding.md), on both drivers: each case a writer varies, alone and mixed.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, queryRows } from "~/lib/db.server";

const fold = async (text: string) => (await queryRows<{ f: string }>(db, sql`SELECT search_fold(${text}) AS f`))[0].f;

/** Whether a search for `query` finds a document with `text` in its title, the way idea_search stores it. */
const finds = async (text: string, query: string) =>
  (await queryRows<{ m: boolean }>(db, sql`SELECT idea_search_vector(${text}, '') @@ search_query(${query}) AS m`))[0].m;

describe("search folding (search_fold)", () => {
  it("drops Arabic diacritics (tashkeel, U+064B–U+0652 and the superscript alef U+0670)", async () => {
    expect(await fold("مُحَمَّدٌ")).toBe("محمد");
    expect(await fold("كِتَابٌ جَدِيدٌ")).toBe("كتاب جديد");
    expect(await fold("هٰذا")).toBe("هذا");
    expect(await fold("\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670ب")).toBe("ب");
  });

  it("drops tatweel (U+0640)", async () => {
    expect(await fold("جـــديـد")).toBe("جديد");
  });

  it("writes every alef form (أ إ آ ٱ) as ا", async () => {
    expect(await fold("أحمد إسلام آخر ٱلله")).toBe(await fold("احمد اسلام اخر الله"));
    expect(await fold("أإآٱ")).toBe("اااا");
  });

  it("writes ى as ي", async () => {
    expect(await fold("مستشفى على")).toBe("مستشفي علي");
  });

  it("treats a word-final ة and ه as one letter (ة), and leaves ه inside a word alone", async () => {
    expect(await fold("مدرسة")).toBe(await fold("مدرسه"));
    expect(await fold("الاولويه جديدة")).toBe("الاولوية جديدة");
    expect(await fold("مهم")).toBe("مهم");
  });

  it("drops Latin diacritics and lower-cases (unaccent)", async () => {
    expect(await fold("Čebelica ŠOLA Žaba ćevapi đak")).toBe("cebelica sola zaba cevapi dak");
    expect(await fold("Crème brûlée")).toBe("creme brulee");
  });

  it("folds mixed scripts in one text", async () => {
    expect(await fold("Čebelica: الأَولويّـات")).toBe("cebelica: الاولويات");
  });
});

describe("search matching (idea_search_vector @@ search_query)", () => {
  it("stems Arabic with the arabic configuration after folding: الأولويات finds الاولويه and the reverse", async () => {
    expect(await finds("الاولويه", "الأولويات")).toBe(true);
    expect(await finds("الأولويات", "الاولويه")).toBe(true);
    expect(await finds("أولوية العملاء", "الأولوية")).toBe(true);
  });

  it("finds Arabic whatever the diacritics, tatweel, alef and ى the query or the text is written with", async () => {
    expect(await finds("مُلاحَظات العُملاء", "ملاحظات العملاء")).toBe(true);
    expect(await finds("ملاحظات العملاء", "مُلاحَظـات")).toBe(true);
    expect(await finds("إضافة", "اضافه")).toBe(true);
    expect(await finds("مستشفى", "مستشفي")).toBe(true);
  });

  it("finds Slovenian and other Latin text with or without diacritics", async () => {
    expect(await finds("Čebelica na travniku", "cebelica")).toBe(true);
    expect(await finds("Cebelica na travniku", "čebelica")).toBe(true);
    expect(await finds("povratne informacije strank", "povratne informacije")).toBe(true);
    expect(await finds("Crème brûlée", "creme")).toBe(true);
  });

  it("keeps English words whole and drops English stop words", async () => {
    expect(await finds("Export reports", "reports")).toBe(true);
    expect(await finds("Dark mode for the mobile app", "the mobile app")).toBe(true);
    expect((await queryRows<{ v: string }>(db, sql`SELECT idea_search_vector('the and of', '')::text AS v`))[0].v).toBe("");
  });

  it("does not match unrelated words", async () => {
    expect(await finds("الاولويه", "العملاء")).toBe(false);
    expect(await finds("Čebelica", "cebula")).toBe(false);
  });

  it("builds an any-word query from text, nothing for stop words alone, and survives quotes and backslashes", async () => {
    const anyWord = async (text: string) => (await queryRows<{ q: string | null }>(db, sql`SELECT search_any_word(${text})::text AS q`))[0].q;
    expect(await anyWord("Dark theme for the mobile app")).toBe("'app' | 'dark' | 'mobile' | 'theme'");
    expect(await anyWord("the of and")).toBeNull();
    expect(await anyWord("it's a \\ back'slash")).toMatch(/'back'/);
  });
});
