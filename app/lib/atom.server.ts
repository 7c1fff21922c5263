/**
 * Atom 1.0 (RFC 4287) documents. Every text goes through escapeXml(), which also drops the
 * characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF): a
 * feed reader refuses the whole feed over one of them, whatever the escaping.
 */

export interface AtomLink {
  href: string;
  rel?: "self" | "alternate" | "related";
  type?: string;
  title?: string;
}

export interface AtomEntry {
  /** A permanent IRI (tag: or urn:), never reused for another entry. */
  id: string;
  title: string;
  updated: Date;
  published?: Date;
  link: string;
  /** HTML, already sanitised; sent escaped as `<content type="html">`. */
  contentHtml?: string;
  /** Plain text, for an entry with no content. */
  summary?: string;
  category?: { term: string; label?: string };
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: Date;
  links: AtomLink[];
  author: string;
  /** The document's language (xml:lang). */
  lang: string;
  entries: AtomEntry[];
}

// Allowed by XML 1.0: tab, newline, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const iso = (date: Date) => date.toISOString();

function link(l: AtomLink): string {
  const attrs = [`href="${escapeXml(l.href)}"`];
  if (l.rel) attrs.push(`rel="${l.rel}"`);
  if (l.type) attrs.push(`type="${escapeXml(l.type)}"`);
  if (l.title) attrs.push(`title="${escapeXml(l.title)}"`);
  return `<link ${attrs.join(" ")}/>`;
}

function entry(e: AtomEntry): string {
  const lines = [
    "  <entry>",
    `    <id>${escapeXml(e.id)}</id>`,
    `    <title type="text">${escapeXml(e.title)}</title>`,
    `    <updated>${iso(e.updated)}</updated>`,
  ];
  if (e.published) lines.push(`    <published>${iso(e.published)}</published>`);
  lines.push(`    ${link({ href: e.link, rel: "alternate", type: "text/html" })}`);
  if (e.category) {
    const label = e.category.label ? ` label="${escapeXml(e.category.label)}"` : "";
    lines.push(`    <category term="${escapeXml(e.category.term)}"${label}/>`);
  }
  if (e.contentHtml) lines.push(`    <content type="html">${escapeXml(e.contentHtml)}</content>`);
  else if (e.summary) lines.push(`    <summary type="text">${escapeXml(e.summary)}</summary>`);
  lines.push("  </entry>");
  return lines.join("\n");
}

export function renderAtomFeed(feed: AtomFeed): string {
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.lang)}">`,
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${iso(feed.updated)}</updated>`,
    ...feed.links.map((l) => `  ${link(l)}`),
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    `  <generator>Loopboard</generator>`,
    ...feed.entries.map(entry),
    `</feed>`,
    "",
  ].join("\n");
}

/**
 * A tag: URI (RFC 4151) under the site's host name: `tag:feedback.example.com,2025:changelog`.
 * The date is fixed so ids never change once published.
 */
export function tagUri(origin: string, specific: string): string {
  const host = new URL(origin).hostname || "localhost";
  return `tag:${host},2025:${specific}`;
}
