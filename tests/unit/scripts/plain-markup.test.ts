/**
 * `bench:floor`'s column "same markup as plain elements" claims to render the page's own markup
 * with React alone. It holds only if the plain elements made from a page render back to that page.
 */
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parsePage, plainElements, plainMarkupCost, rendersBack } from "../../../scripts/bench/plain-markup";

/** A page made the way the app makes one: components, a script with raw text, forms and boolean attributes. */
function Card({ n }: { n: number }) {
  return h(
    "article",
    { className: "idea-card card", id: `idea-${n}`, "aria-labelledby": `idea-${n}-title` },
    h(
      "form",
      { method: "post", action: `/ideas/${n}/vote`, className: "vote" },
      h("input", { type: "hidden", name: "intent", value: "vote" }),
      h("button", { type: "submit", "aria-pressed": false, disabled: n === 2 }, h("span", { "aria-hidden": "true" }, "▲"), h("span", null, n * 1000)),
    ),
    h("h2", { id: `idea-${n}-title`, dir: "auto" }, h("a", { href: `/ideas/${n}` }, `Idea ${n} & <more> "quoted"`)),
    h("p", { className: "idea-meta small" }, "by ", h("bdi", null, "Ana"), " · ", n, " comments", h("time", { dateTime: "2025-03-22T23:21:24.061Z" }, "Mar 22, 2025")),
    h("label", { htmlFor: `q-${n}` }, "Search"),
    h("input", { id: `q-${n}`, name: "q", autoComplete: "off", maxLength: 200, required: true }),
    h("details", { open: n === 1 }, h("summary", null, "More")),
  );
}

function Page() {
  return h(
    "html",
    { lang: "en", dir: "ltr" },
    h("head", null, h("meta", { charSet: "utf-8" }), h("title", null, "Board"), h("link", { rel: "stylesheet", href: "/build/app.css" })),
    h(
      "body",
      null,
      h("main", null, h("ul", null, [1, 2, 3].map((n) => h("li", { key: n }, h(Card, { n }))))),
      h("script", { nonce: "abc", dangerouslySetInnerHTML: { __html: 'window.__ctx = {"a":"</b> & <i>"};' } }),
    ),
  );
}

describe("the page's markup as plain elements", () => {
  const html = `<!DOCTYPE html>${renderToString(h(Page))}`;

  it("renders back to exactly the page it was parsed from", () => {
    const { root } = parsePage(html);
    const again = renderToString(h(() => plainElements(h, root)));
    // The comparison has to see what matters: attributes, escaped text, the script's raw text and booleans.
    expect(html).toContain('dateTime="2025-03-22T23:21:24.061Z"');
    expect(html).toContain("&amp; &lt;more&gt; &quot;quoted&quot;");
    expect(html).toContain('window.__ctx = {"a":"</b> & <i>"};');
    expect(html).toContain('disabled=""');
    expect(html).toContain("<!-- -->");
    expect(`<!DOCTYPE html>${again}`).toBe(html);
    expect(rendersBack({ createElement: h, renderToString }, html)).toBe(true);
    // An inline style (which the app never writes: its CSP forbids them) is left out, and the flag says so.
    expect(rendersBack({ createElement: h, renderToString }, html.replace("<main>", '<main style="color:red">'))).toBe(false);
  });

  it("counts the page's elements, <html> included", () => {
    // html, head, meta, title, link, body, main, ul, script, and per card: li, article, form, input,
    // button, 2 spans, h2, a, p, bdi, time, label, input, details, summary = 16.
    expect(parsePage(html).elements).toBe(9 + 3 * 16);
  });

  it("measures CPU per render and refuses a page without <html>", () => {
    const cost = plainMarkupCost({ createElement: h, renderToString }, html, 20);
    expect(cost.elements).toBe(57);
    expect(cost.cpu).toBeGreaterThan(0);
    expect(() => parsePage("<p>no page</p>")).toThrow("no <html> element");
  });
});
