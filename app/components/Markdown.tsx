/**
 * Shows user-written content as HTML. `html` MUST come from renderMarkdown()
 * (app/lib/markdown.server.ts), which sanitises it on the server; never pass anything else.
 * This is the only dangerouslySetInnerHTML in the app: nothing else may produce HTML.
 *
 * Stored HTML starts its headings at h2 (just below a page's h1). Content shown deeper in a page
 * (a comment under the h2 "Comments", a note under an h3) says so with `headingLevel`, and its
 * headings move down to start there, so no heading level is ever skipped.
 */
export function Markdown({ html, className, headingLevel = STORED_TOP_LEVEL }: { html: string; className?: string; headingLevel?: number }) {
  // Text people write is laid out in its own direction, whatever the page's language.
  return <div dir="auto" className={className ? `markdown ${className}` : "markdown"} dangerouslySetInnerHTML={{ __html: shiftHeadings(html, headingLevel) }} />;
}

/** The level of the biggest heading in stored HTML (TOP_HEADING_LEVEL in markdown.server.ts). */
const STORED_TOP_LEVEL = 2;

/**
 * Moves every heading down so the biggest is `level` (capped at h6). The sanitizer leaves
 * headings without attributes, and text that looks like a tag is escaped, so `<hN>` and `</hN>`
 * are only ever real headings.
 */
export function shiftHeadings(html: string, level: number): string {
  const by = Math.min(Math.max(level, STORED_TOP_LEVEL), 6) - STORED_TOP_LEVEL;
  if (by === 0) return html;
  return html.replace(/<(\/?)h([2-6])>/g, (_, slash: string, n: string) => `<${slash}h${Math.min(Number(n) + by, 6)}>`);
}
