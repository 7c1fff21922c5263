import fs from "node:fs";
import path from "node:path";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { shiftHeadings } from "~/components/Markdown";
import { markdownToText } from "~/lib/markdown-text.server";
import { LINK_REL, RENDERER_VERSION, renderMarkdown } from "~/lib/markdown.server";

// The shared test data lives beside the repository, never inside it.
const DATA_DIR = path.resolve(__dirname, "../../../../shared/data");
const readStrings = (file: string): string[] => JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), "utf8"));
const XSS_VECTORS = readStrings("xss-vectors.json");
const NAUGHTY_STRINGS = readStrings("naughty-strings.json");

/** Tag → the attributes it may carry. Anything else in the output is a failure. */
const ALLOWED: Record<string, readonly string[]> = {
  p: [], br: [], hr: [], strong: [], em: [], del: [], s: [], pre: [], blockquote: [],
  ul: [], ol: ["start"], li: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  table: [], thead: [], tbody: [], tr: [], th: [], td: [],
  code: ["class"],
  a: ["href", "title", "rel"],
  img: ["src", "alt", "title", "loading"],
};
const VOID_TAGS = new Set(["br", "hr", "img"]);
/** The only images user content may show: the site's own screenshots. */
const OWN_IMAGE = /^\/attachments\/[0-9a-f]{32}(\/thumbnail)?$/;
const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * Everything wrong with a piece of rendered HTML, as readable strings (empty when it is clean).
 * The HTML is parsed the way a browser tokenizes it (htmlparser2, attribute values decoded), and
 * every tag and attribute is held against the allowlist.
 */
function problemsIn(html: string): string[] {
  const problems: string[] = [];
  // Raw-text checks: text content is escaped, so a literal "<" can only start a real tag.
  if (/<script/i.test(html)) problems.push("contains <script");
  if (/<(iframe|object|embed|svg|math|style|form|input)\b/i.test(html)) problems.push("contains a forbidden element");
  if (/<[^>]*\son\w+\s*=/i.test(html)) problems.push("contains an on*= attribute inside a tag");

  const open: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const allowed = ALLOWED[name];
        if (!allowed) {
          problems.push(`tag <${name}> is not allowed`);
          return;
        }
        if (!VOID_TAGS.has(name)) open.push(name);
        if (name === "img" && !OWN_IMAGE.test(attribs.src ?? "")) problems.push(`an image from elsewhere: "${attribs.src}"`);
        for (const [attr, value] of Object.entries(attribs)) {
          if (!allowed.includes(attr)) problems.push(`attribute ${attr} on <${name}> is not allowed`);
          if (/^on/i.test(attr)) problems.push(`event handler ${attr} on <${name}>`);
          if (attr === "href" || attr === "src") {
            const squashed = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
            if (/^(javascript|vbscript|data):/i.test(squashed)) problems.push(`dangerous ${attr}="${value}"`);
            let protocol = "unparseable";
            try {
              protocol = new URL(value, "https://loopboard.invalid/").protocol;
            } catch {
              // reported below
            }
            if (!ALLOWED_PROTOCOLS.has(protocol)) problems.push(`${attr} with scheme ${protocol}: "${value}"`);
          }
          if (name === "code" && attr === "class" && !/^language-[\w#+.-]+$/.test(value)) problems.push(`class="${value}" on <code>`);
          if (name === "a" && attr === "rel" && value !== LINK_REL) problems.push(`rel="${value}" on <a>`);
          if (name === "ol" && attr === "start" && !/^\d+$/.test(value)) problems.push(`start="${value}" on <ol>`);
        }
        if (name === "a" && attribs.rel !== LINK_REL) problems.push("<a> without the required rel");
      },
      onclosetag(name, isImplied) {
        if (VOID_TAGS.has(name) || !ALLOWED[name]) return;
        // An implied close means the markup was not balanced as written.
        if (isImplied || open.at(-1) !== name) problems.push(`unbalanced </${name}>`);
        else open.pop();
      },
      oncomment() {
        problems.push("contains a comment");
      },
      onprocessinginstruction(name) {
        problems.push(`contains a declaration or processing instruction (${name})`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  if (open.length) problems.push(`unclosed ${open.join(", ")}`);
  return problems;
}

/** The text a reader sees (entities decoded, tags dropped). */
function textOf(html: string): string {
  let text = "";
  const parser = new Parser({ ontext: (t) => void (text += t) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return text;
}

const label = (i: number, s: string) => `#${i} ${JSON.stringify(s).slice(0, 70)}`;

describe("the checker itself", () => {
  it("flags markup the renderer must never produce", () => {
    expect(problemsIn('<a href="javascript:alert(1)" rel="x">x</a>')).toEqual(
      expect.arrayContaining([expect.stringContaining("dangerous href"), expect.stringContaining('rel="x"')]),
    );
    expect(problemsIn('<p onclick="x()">x</p>').length).toBeGreaterThan(0);
    expect(problemsIn("<img src=x>").length).toBeGreaterThan(0);
    expect(problemsIn('<img src="https://tracker.example/p.gif">').length).toBeGreaterThan(0);
    expect(problemsIn("<svg><script>alert(1)</script></svg>").length).toBeGreaterThan(0);
    expect(problemsIn('<a href="&#106;avascript:alert(1)">x</a>')).toEqual(expect.arrayContaining([expect.stringContaining("dangerous href")]));
    expect(problemsIn('<a href="java\tscript:x">x</a>').length).toBeGreaterThan(0);
    expect(problemsIn('<a href="data:text/html,x" rel="nofollow ugc noopener noreferrer">x</a>').length).toBeGreaterThan(0);
    expect(problemsIn("<p><strong>x</p>").length).toBeGreaterThan(0);
    expect(problemsIn("<h1>x</h1>").length).toBeGreaterThan(0);
    expect(problemsIn('<a href="https://x" rel="nofollow ugc noopener noreferrer" target="_blank">x</a>').length).toBeGreaterThan(0);
    expect(problemsIn('<p class="x">x</p>').length).toBeGreaterThan(0);
    expect(problemsIn('<p><a href="https://x" rel="nofollow ugc noopener noreferrer">x</a></p>')).toEqual([]);
  });
});

describe.each([
  ["xss-vectors.json", XSS_VECTORS],
  ["naughty-strings.json", NAUGHTY_STRINGS],
])("renderMarkdown over every string of %s", (_file, strings) => {
  it("has strings to check", () => {
    expect(strings.length).toBeGreaterThan(200);
  });

  it.each(strings.map((s, i) => [label(i, s), s] as const))("%s", (_name, source) => {
    let html = "";
    expect(() => (html = renderMarkdown(source))).not.toThrow();
    expect(typeof html).toBe("string");
    expect(problemsIn(html)).toEqual([]);
  });
});

describe("renderMarkdown", () => {
  it("has a renderer version to store beside the HTML", () => {
    expect(RENDERER_VERSION).toBe(3);
  });

  it("renders emphasis, strikethrough and line breaks", () => {
    expect(renderMarkdown("**bold** and _em_ ~~gone~~\nnext line")).toBe(
      "<p><strong>bold</strong> and <em>em</em> <del>gone</del><br />next line</p>",
    );
  });

  it("keeps http, https and mailto links, each with rel and without target", () => {
    const html = renderMarkdown("[secure](https://example.com/a?b=1&c=2) [plain](http://example.com) [mail](mailto:team@example.com)");
    expect(html).toBe(
      `<p><a href="https://example.com/a?b=1&amp;c=2" rel="${LINK_REL}">secure</a> ` +
        `<a href="http://example.com" rel="${LINK_REL}">plain</a> ` +
        `<a href="mailto:team@example.com" rel="${LINK_REL}">mail</a></p>`,
    );
    expect(html).not.toContain("target");
  });

  it("links bare URLs and email addresses (GFM autolinks)", () => {
    expect(renderMarkdown("see www.example.com or write to team@example.com")).toBe(
      `<p>see <a href="http://www.example.com" rel="${LINK_REL}">www.example.com</a> ` +
        `or write to <a href="mailto:team@example.com" rel="${LINK_REL}">team@example.com</a></p>`,
    );
  });

  it("keeps relative links and a link title", () => {
    expect(renderMarkdown('[idea 12](/ideas/12 "Dark mode")')).toBe(
      `<p><a href="/ideas/12" title="Dark mode" rel="${LINK_REL}">idea 12</a></p>`,
    );
  });

  it.each([
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](&#106;avascript:alert(1))",
    "[click](java&#09;script:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](file:///etc/passwd)",
  ])("turns a link with a refused scheme into its text: %s", (source) => {
    expect(renderMarkdown(source)).toBe("<p>click</p>");
  });

  it("shows raw HTML as text instead of interpreting it", () => {
    expect(renderMarkdown('<a href="javascript:alert(1)">x</a> <b>hi</b>')).toBe(
      '<p>&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt; &lt;b&gt;hi&lt;/b&gt;</p>',
    );
    expect(renderMarkdown("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(renderMarkdown("<div>\nhello\n</div>")).toBe("<p>&lt;div&gt;<br />hello<br />&lt;/div&gt;</p>");
  });

  it("starts headings at h2, below the page's h1, and never skips a level", () => {
    expect(renderMarkdown("# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six")).toBe(
      "<h2>One</h2>\n<h3>Two</h3>\n<h4>Three</h4>\n<h5>Four</h5>\n<h6>Five</h6>\n<h6>Six</h6>",
    );
    expect(renderMarkdown("Title\n=====\n\nSub\n---")).toBe("<h2>Title</h2>\n<h3>Sub</h3>");
    // The author's own gaps close up, and a body whose biggest heading is ### starts at h2 too.
    expect(renderMarkdown("# A\n\n### B\n\n##### C")).toBe("<h2>A</h2>\n<h3>B</h3>\n<h4>C</h4>");
    expect(renderMarkdown("### Only\n\n> #### Quoted")).toBe("<h2>Only</h2>\n<blockquote>\n<h3>Quoted</h3>\n</blockquote>");
  });

  it("moves stored headings further down where the content is shown deeper in a page", () => {
    const html = renderMarkdown("# A\n\n## B\n\nSome `<h2>` text");
    expect(shiftHeadings(html, 2)).toBe(html);
    expect(shiftHeadings(html, 3)).toBe("<h3>A</h3>\n<h4>B</h4>\n<p>Some <code>&lt;h2&gt;</code> text</p>");
    expect(shiftHeadings(html, 6)).toBe("<h6>A</h6>\n<h6>B</h6>\n<p>Some <code>&lt;h2&gt;</code> text</p>");
  });

  it("escapes code blocks and inline code, keeping the language class", () => {
    expect(renderMarkdown('```html\n<script>alert("x")</script>\n```')).toBe(
      '<pre><code class="language-html">&lt;script&gt;alert("x")&lt;/script&gt;\n</code></pre>',
    );
    expect(renderMarkdown("use `<img onerror=x>` here")).toBe("<p>use <code>&lt;img onerror=x&gt;</code> here</p>");
  });

  it("drops a language class that is not a plain word", () => {
    const html = renderMarkdown('```"><img src=x onerror=alert(1)>\ncode\n```');
    expect(problemsIn(html)).toEqual([]);
    expect(textOf(html)).toBe("code\n");
  });

  it("renders tables", () => {
    expect(renderMarkdown("| Idea | Votes |\n|:--|--:|\n| Dark mode | 12 |")).toBe(
      "<table>\n<thead>\n<tr>\n<th>Idea</th>\n<th>Votes</th>\n</tr>\n</thead>\n" +
        "<tbody><tr>\n<td>Dark mode</td>\n<td>12</td>\n</tr>\n</tbody></table>",
    );
  });

  it("renders lists, quotes, rules and task lists without form controls", () => {
    expect(renderMarkdown("3. three\n4. four")).toBe('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>');
    expect(renderMarkdown("> quoted\n\n---")).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr />");
    expect(renderMarkdown("- [x] done\n- [ ] to do")).toBe("<ul>\n<li>☑ done</li>\n<li>☐ to do</li>\n</ul>");
  });

  it("embeds the site's own screenshots, and nothing else", () => {
    const key = "0123456789abcdef0123456789abcdef";
    expect(renderMarkdown(`![the bug](/attachments/${key})`)).toBe(`<p><img src="/attachments/${key}" alt="the bug" loading="lazy" /></p>`);
    expect(renderMarkdown(`![](/attachments/${key}/thumbnail "Small")`)).toBe(`<p><img src="/attachments/${key}/thumbnail" alt="" title="Small" loading="lazy" /></p>`);
    // Near misses are links, never images: another path, a query, a protocol-relative host.
    for (const src of [`/attachments/${key}/../x`, `/attachments/${key}?x=1`, `//attachments/${key}`, `https://evil.example/attachments/${key}`]) {
      expect(renderMarkdown(`![x](${src})`)).not.toContain("<img");
    }
    // Quotes in the alt text and title stay inside their attributes.
    expect(renderMarkdown(`![a" onerror="alert(1)](/attachments/${key} "t\\" onload=x")`)).toBe(
      `<p><img src="/attachments/${key}" alt="a&quot; onerror=&quot;alert(1)" title="t&quot; onload=x" loading="lazy" /></p>`,
    );
  });

  it("never embeds other images: an image from elsewhere becomes a link to it", () => {
    expect(renderMarkdown("![a chart](https://example.com/chart.png)")).toBe(
      `<p><a href="https://example.com/chart.png" rel="${LINK_REL}">a chart</a></p>`,
    );
    expect(renderMarkdown("![](https://example.com/pixel.gif)")).toBe(
      `<p><a href="https://example.com/pixel.gif" rel="${LINK_REL}">https://example.com/pixel.gif</a></p>`,
    );
    expect(renderMarkdown("![x](javascript:alert(1))")).toBe("<p>x</p>");
    // an image inside a link would nest links: only its text stays
    expect(renderMarkdown("[![logo](https://example.com/logo.png)](https://example.com)")).toBe(
      `<p><a href="https://example.com" rel="${LINK_REL}">logo</a></p>`,
    );
  });

  it.each([
    ["Arabic", "مرحبا بكم في لوحة الاقتراحات"],
    ["Slovenian", "Živjo! Čas je za šumnike: č š ž Č Š Ž"],
    ["emoji", "Ship it 🚀 👍🏽 👨‍👩‍👧 🇸🇮"],
    ["CJK", "功能请求：深色模式"],
    ["punctuation", "Q&A: \"quotes\" and 'apostrophes' <3"],
  ])("keeps %s text exactly", (_name, text) => {
    const html = renderMarkdown(text);
    expect(textOf(html)).toBe(text);
    expect(html.startsWith("<p>") && html.endsWith("</p>")).toBe(true);
  });

  it("returns an empty string for empty or blank input", () => {
    expect(renderMarkdown("")).toBe("");
    expect(renderMarkdown("   \n\n  ")).toBe("");
  });

  it("replaces NUL characters, which PostgreSQL text cannot hold", () => {
    expect(renderMarkdown("a\u0000b")).toBe("<p>a\uFFFDb</p>");
  });

  it("does not throw for values that are not strings at runtime", () => {
    expect(renderMarkdown(undefined as unknown as string)).toBe("");
    expect(renderMarkdown(42 as unknown as string)).toBe("<p>42</p>");
  });

  it("falls back to escaped text when markdown nests too deeply to render", () => {
    const source = "> ".repeat(10_000) + "<script>x</script>";
    const html = renderMarkdown(source);
    expect(problemsIn(html)).toEqual([]);
    expect(textOf(html)).toContain("<script>x</script>");
  });

  it("stays safe on long pathological input at the body length limit", () => {
    for (const unit of ["*a", "[a](", "![", "<a", "&#", "`a", "**_", "www.a.b "]) {
      const source = unit.repeat(Math.ceil(20_000 / unit.length)).slice(0, 20_000);
      expect(problemsIn(renderMarkdown(source))).toEqual([]);
    }
  });
});

describe("markdown as plain text", () => {
  const source = "# Release notes\n\nSome **bold**, _it_ and `code` with a [link](https://x.example).\n\n| Plan | Price |\n|---|---|\n| Pro | 10 |\n\n- one\n- two\n  - nested\n\n> quoted *line*\n\n***\n\n![a screenshot](https://img.example/a.png)";

  it("leaves no markup in an excerpt: no hashes, asterisks, pipes, backticks or link targets", () => {
    const text = markdownToText(source, "excerpt");
    expect(text).toContain("Release notes");
    expect(text).toContain("Some bold, it and code with a link.");
    expect(text).toContain("Plan, Price\nPro, 10");
    expect(text).toContain("a screenshot");
    expect(text).not.toMatch(/[#*|`>]|https?:|\]\(/);
  });

  it("keeps lists, quotes and link addresses readable in an email's text part", () => {
    const text = markdownToText(source, "email");
    expect(text).toContain("Some bold, it and code with a link (https://x.example).");
    expect(text).toContain("- one\n- two\n   - nested");
    expect(text).toContain("> quoted line");
    expect(text).toContain("Plan · Price");
    expect(text).not.toMatch(/\*\*|\||`|^#/m);
  });
});
