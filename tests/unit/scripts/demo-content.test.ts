/**
 * The demo data's status notes are claims about the product: whatever a note says shipped must
 * exist. Each page path a note names must be served by a route, and each "Settings › …" section
 * it names must be one of the settings tabs.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translate } from "~/i18n";
import { LOCALES } from "~/i18n/locales";
import { SETTINGS_TABS } from "~/routes/settings";
import { IDEAS, STATUS_MOVES } from "../../../db/demo-content";

const routeFiles = fs.readdirSync(path.resolve(__dirname, "../../../app/routes"));

/** Whether some flat route file serves `urlPath` (or, for a prefix like /api/v1, something under it). */
function served(urlPath: string): boolean {
  const dotted = urlPath.replace(/^\//, "").replace(/\./g, "[.]").replace(/\//g, ".");
  return routeFiles.some((file) => file.replace(/\.tsx?$/, "") === dotted || file.startsWith(`${dotted}.`));
}

describe("demo content", () => {
  const shipped = STATUS_MOVES.filter(([, status]) => status === "shipped");

  it("moves only ideas that exist, and ships something", () => {
    expect(shipped.length).toBeGreaterThan(0);
    for (const [number] of STATUS_MOVES) expect(IDEAS[number - 1], `idea ${number}`).toBeDefined();
  });

  it("every path a shipped note names is a page or API the app serves", () => {
    const paths = shipped.flatMap(([, , note]) => [...note.matchAll(/(?<![\w.])\/[a-z][\w./-]*[\w]/g)].map((m) => m[0]));
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(served(p), p).toBe(true);
    expect(served("/no-such-page")).toBe(false);
  });

  it("every settings section a note names is a settings tab", () => {
    const tabs = SETTINGS_TABS.map((tab) => translate("en", tab.label));
    const named = STATUS_MOVES.flatMap(([, , note]) => [...note.matchAll(/Settings › ([\w ]+?)\*\*/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThan(0);
    for (const section of named) expect(tabs, section).toContain(section);
  });

  it("no note says a theme or a layout shipped that the app does not have", () => {
    const css = fs.readFileSync(path.resolve(__dirname, "../../../app/styles/app.css"), "utf8");
    const hasDarkTheme = /prefers-color-scheme:\s*dark|color-scheme:\s*[^;]*dark/.test(css);
    for (const [number, , note] of shipped) {
      const claim = `${IDEAS[number - 1][1]} ${note}`;
      if (!hasDarkTheme) expect(claim, `idea ${number}`).not.toMatch(/dark (mode|theme)/i);
      if (!Object.values(LOCALES).some((l) => (l.dir as string) === "rtl")) expect(claim, `idea ${number}`).not.toMatch(/right.to.left/i);
      // A language a note says Loopboard speaks is one of its catalogs.
      for (const [language, code] of [["Arabic", "ar"], ["Slovenian", "sl"], ["Hebrew", "he"]]) {
        if (new RegExp(`speaks [^.]*\\b${language}\\b`).test(note)) expect(Object.keys(LOCALES), language).toContain(code);
      }
    }
  });
});
