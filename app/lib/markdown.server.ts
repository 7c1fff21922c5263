/**
 * The one producer of HTML from user text (idea bodies, comments, staff notes): marked (GFM,
 * single newlines become <br>) renders, then sanitize-html enforces an explicit allowlist.
 *
 * - Raw HTML typed into the markdown is shown as text, never interpreted: what people type is
 *   what they see, and the sanitizer only ever sees markup that marked itself produced.
 * - Headings start at h2 and never skip a level: the author's heading levels, in order, become
 *   h2, h3, h4 … (capped at h6), so `# A` + `### B` is h2 + h3. The page owns h1 (its title);
 *   content shown deeper in a page (a comment under "Comments") is moved down further when it
 *   is shown (see shiftHeadings() and <Markdown headingLevel>), so it is always just below the
 *   page's own headings and screen-reader users never meet a skipped level.
 * - Links: http, https and mailto only (relative links resolve to the site's own scheme); every
 *   <a> gets rel="nofollow ugc noopener noreferrer" and no target. A link whose address is not
 *   allowed keeps its text and loses the link.
 * - Images: only the site's own screenshots are embedded (`![alt](/attachments/<key>)`, the
 *   address each attachment shows), so the CSP can stay strict and nothing tracks readers; any
 *   other `![alt](url)` becomes a link to the image.
 * - GFM task-list checkboxes become ☑/☐ characters (no form controls in user content).
 * - No style or id attributes; the only class is `language-xxx` on <code>.
 *
 * The output is stored beside the source with RENDERER_VERSION; raise the version whenever the
 * output for the same input changes, so stored HTML is rendered again when read.
 */
import { Marked, type Token, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { markdownToText } from "./markdown-text.server";

export const RENDERER_VERSION = 3;

export const LINK_REL = "nofollow ugc noopener noreferrer";

const ALLOWED_LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
// Relative links are resolved against a placeholder origin only to learn their scheme.
const RELATIVE_BASE = "https://loopboard.invalid/";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Escapes like marked does for link targets and alt text: character references the author wrote
 * (`&amp;`, `&#106;`) are left for the HTML parser to decode, as CommonMark specifies. What they
 * decode to is checked again by the sanitizer, which sees decoded attribute values.
 */
function escapeKeepingReferences(text: string): string {
  return text.replace(/[<>"']|&(?!(?:#\d{1,7}|#[Xx][a-fA-F0-9]{1,6}|\w+);)/g, (c) => ESCAPES[c]!);
}

/**
 * Whether an href may stay on a link. Parsed the way the browser will parse it (WHATWG URL), so
 * tricks like "java\tscript:" or leading control characters resolve to their real scheme. In the
 * sanitizer, attribute values arrive with character references decoded, so "&#106;avascript:"
 * is caught there.
 */
function isAllowedHref(href: string): boolean {
  try {
    return ALLOWED_LINK_PROTOCOLS.has(new URL(href, RELATIVE_BASE).protocol);
  } catch {
    return false;
  }
}

/** The same percent-encoding marked applies to link targets; null when the URL cannot be encoded. */
function encodeHref(href: string): string | null {
  try {
    return encodeURI(href).replace(/%25/g, "%");
  } catch {
    return null;
  }
}

/** A link to `href` around already-rendered `body`, or just `body` when the address is not allowed. */
function anchor(href: string, title: string | null | undefined, body: string): string {
  const url = encodeHref(href);
  if (url === null || !isAllowedHref(href) || !isAllowedHref(url)) return body;
  return `<a href="${escapeKeepingReferences(url)}"${title ? ` title="${escapeKeepingReferences(title)}"` : ""}>${body}</a>`;
}

/** A screenshot's address on this site (see models/attachments.server.ts): the only images embedded. */
const OWN_IMAGE = /^\/attachments\/[0-9a-f]{32}(?:\/thumbnail)?$/;

/** The level the author's biggest heading gets in stored HTML. */
export const TOP_HEADING_LEVEL = 2;

/**
 * Prepares the parsed tokens: an image inside a link would render as a link inside a link, so
 * only its text is kept there; heading depths become consecutive levels from TOP_HEADING_LEVEL.
 */
function prepareTokens(tokens: Token[]): void {
  const headings: Tokens.Heading[] = [];
  marked.walkTokens(tokens, (token) => {
    if (token.type === "heading") headings.push(token as Tokens.Heading);
    if (token.type === "link" && token.tokens) {
      token.tokens = token.tokens.map((child): Token =>
        child.type === "image" ? { type: "text", raw: child.raw, text: (child as Tokens.Image).text } : child,
      );
    }
  });
  const depths = [...new Set(headings.map((h) => h.depth))].sort((a, b) => a - b);
  for (const heading of headings) heading.depth = Math.min(TOP_HEADING_LEVEL + depths.indexOf(heading.depth), 6);
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html({ text, block }: Tokens.HTML | Tokens.Tag) {
      const escaped = escapeHtml(text);
      if (!block) return escaped;
      // A raw HTML block shown as text still needs a paragraph around it, like any other text.
      const lines = escaped.replace(/\s+$/, "");
      return lines ? `<p>${lines.replace(/\r?\n/g, "<br>")}</p>\n` : "";
    },
    heading({ tokens, depth }: Tokens.Heading) {
      return `<h${depth}>${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
    link({ href, title, tokens }: Tokens.Link) {
      return anchor(href, title, this.parser.parseInline(tokens));
    },
    image({ href, title, text }: Tokens.Image) {
      if (OWN_IMAGE.test(href)) return `<img src="${href}" alt="${escapeKeepingReferences(text)}"${title ? ` title="${escapeKeepingReferences(title)}"` : ""}>`;
      return anchor(href, title, escapeKeepingReferences(text || href));
    },
    checkbox({ checked }: Tokens.Checkbox) {
      return checked ? "☑ " : "☐ ";
    },
  },
});

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "img",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "loading"],
    ol: ["start"],
  },
  allowedClasses: { code: [/^language-[\w#+.-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: true,
  disallowedTagsMode: "discard",
  selfClosing: ["br", "hr", "img"],
  parseStyleAttributes: false,
  // A link whose address was refused above keeps its text but not its tag.
  // An image from anywhere but our own attachments is dropped whole.
  exclusiveFilter: (frame) => (frame.tag === "a" && !frame.attribs.href ? "excludeTag" : frame.tag === "img" && !frame.attribs.src ? true : false),
  transformTags: {
    // Never rename a tag here: sanitize-html 2.17 leaks a renamed tag's name onto the closing tag
    // of a later sibling when the renamed tag is then discarded (e.g. `<a>…</span>`). The marked
    // renderers above already turn disallowed links into text; this is the backstop.
    a(tagName, attribs) {
      const { href, title } = attribs;
      return {
        tagName,
        attribs: {
          ...(href !== undefined && isAllowedHref(href) ? { href } : {}),
          ...(title ? { title } : {}),
          rel: LINK_REL,
        },
      };
    },
    img(tagName, attribs) {
      const { src, alt, title } = attribs;
      return {
        tagName,
        attribs: {
          ...(src !== undefined && OWN_IMAGE.test(src) ? { src } : {}),
          alt: alt ?? "",
          ...(title ? { title } : {}),
          loading: "lazy",
        },
      };
    },
    ol(tagName, attribs) {
      const { start } = attribs;
      const kept: sanitizeHtml.Attributes = {};
      if (start !== undefined && /^\d{1,9}$/.test(start)) kept.start = start;
      return { tagName, attribs: kept };
    },
  },
};

/** The escape hatch when rendering fails: the source as escaped text, one paragraph. */
function renderPlainText(source: string): string {
  const escaped = escapeHtml(source).trim();
  return escaped ? `<p>${escaped.replace(/\r?\n/g, "<br />")}</p>` : "";
}

/** Markdown → safe HTML. Synchronous; never throws, whatever the input. */
export function renderMarkdown(source: string): string {
  let text: string;
  try {
    text = typeof source === "string" ? source : String(source ?? "");
  } catch {
    return "";
  }
  // CommonMark replaces U+0000 with U+FFFD; PostgreSQL text cannot store it either.
  text = text.replace(/\u0000/g, "\uFFFD");
  try {
    const tokens = marked.lexer(text);
    prepareTokens(tokens);
    const html = marked.parser(tokens);
    return sanitizeHtml(html, SANITIZE).trim();
  } catch {
    try {
      return renderPlainText(text);
    } catch {
      return "";
    }
  }
}

/** How long a plain-text preview is, at most (board cards, link previews). */
export const EXCERPT_MAX = 200;

/**
 * Excerpts already made, keyed by the part of the body they are made from: a list shows the same
 * ideas to every reader, and parsing the markdown costs more than the rest of a card.
 * Bounded; the oldest entry goes first.
 */
const excerpts = new Map<string, string>();
const EXCERPTS_KEPT = 2_000;

/** A short plain-text preview of a markdown body (markup and link targets removed). */
export function excerptOf(markdown: string, max = EXCERPT_MAX): string {
  // Only the start of the body can reach the preview.
  const source = markdown.slice(0, max * 8);
  if (max !== EXCERPT_MAX) return makeExcerpt(source, max);
  let excerpt = excerpts.get(source);
  if (excerpt === undefined) {
    excerpt = makeExcerpt(source, max);
    if (excerpts.size >= EXCERPTS_KEPT) excerpts.delete(excerpts.keys().next().value as string);
    // A slice keeps the whole body alive; the key is a copy of the slice only.
    excerpts.set(source.length < markdown.length ? source.split("").join("") : source, excerpt);
  }
  return excerpt;
}

/** No markup at all (no hashes, asterisks, pipes or link targets): see markdownToText. */
function makeExcerpt(source: string, max: number): string {
  const text = markdownToText(source, "excerpt").replace(/\s+/gu, " ").trim();
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return (space > cut.length - 30 && space > 0 ? cut.slice(0, space) : cut).trimEnd() + "…";
}
