/**
 * Markdown as readable plain text, for where HTML cannot go: board-card excerpts and link
 * previews (no markup at all: no hashes, asterisks, pipes or link targets) and the plain-text
 * part of emails (lists keep their bullets, quotes their ">", links show their address).
 * Parsed by marked like renderMarkdown(), so what counts as markup is the same in both.
 */
import { Marked, type MarkedExtension, type Tokens } from "marked";

export type TextStyle = "excerpt" | "email";

function plainRenderer(style: TextStyle): MarkedExtension["renderer"] {
  const block = (text: string) => `${text.trim()}\n\n`;
  return {
    space: () => "",
    def: () => "",
    hr: () => (style === "email" ? "----\n\n" : "\n"),
    html: ({ text }: Tokens.HTML | Tokens.Tag) => text,
    code: ({ text }: Tokens.Code) => block(text),
    codespan: ({ text }: Tokens.Codespan) => text,
    br: () => "\n",
    checkbox: ({ checked }: Tokens.Checkbox) => (checked ? "[x] " : "[ ] "),
    image: ({ text }: Tokens.Image) => text,
    text(token: Tokens.Text | Tokens.Escape) {
      return "tokens" in token && token.tokens ? this.parser.parseInline(token.tokens) : token.text;
    },
    strong({ tokens }: Tokens.Strong) {
      return this.parser.parseInline(tokens);
    },
    em({ tokens }: Tokens.Em) {
      return this.parser.parseInline(tokens);
    },
    del({ tokens }: Tokens.Del) {
      return this.parser.parseInline(tokens);
    },
    link({ href, tokens }: Tokens.Link) {
      const text = this.parser.parseInline(tokens);
      return style === "email" && href && text !== href && !/^mailto:/i.test(href) ? `${text} (${href})` : text;
    },
    heading({ tokens }: Tokens.Heading) {
      return block(this.parser.parseInline(tokens));
    },
    paragraph({ tokens }: Tokens.Paragraph) {
      return block(this.parser.parseInline(tokens));
    },
    blockquote({ tokens }: Tokens.Blockquote) {
      const inner = this.parser.parse(tokens).trim();
      return block(style === "email" ? inner.split("\n").map((line) => (line ? `> ${line}` : ">")).join("\n") : inner);
    },
    list(token: Tokens.List) {
      const start = typeof token.start === "number" ? token.start : 1;
      const items = token.items.map((item, i) => {
        const bullet = style === "excerpt" ? "" : token.ordered ? `${start + i}. ` : "- ";
        const text = this.listitem(item).trim().replace(/\n+/g, "\n   ");
        return bullet + text;
      });
      return block(items.join("\n"));
    },
    listitem(item: Tokens.ListItem) {
      // One block at a time, so a nested list starts on its own line.
      const parts = item.tokens.filter((token) => token.type !== "checkbox").map((token) => this.parser.parse([token]).trim());
      return (item.task ? (item.checked ? "[x] " : "[ ] ") : "") + parts.filter(Boolean).join("\n");
    },
    table(token: Tokens.Table) {
      const cell = (c: Tokens.TableCell) => this.parser.parseInline(c.tokens);
      const rows = [token.header.map(cell), ...token.rows.map((row) => row.map(cell))];
      return block(rows.map((cells) => cells.join(style === "email" ? " · " : ", ")).join("\n"));
    },
    tablerow: () => "",
    tablecell: () => "",
  } as MarkedExtension["renderer"];
}

const parsers: Record<TextStyle, Marked> = {
  excerpt: new Marked({ gfm: true, breaks: true, async: false, renderer: plainRenderer("excerpt") }),
  email: new Marked({ gfm: true, breaks: true, async: false, renderer: plainRenderer("email") }),
};

/** Markdown → plain text. Never throws: on a parser failure the source is returned as it is. */
export function markdownToText(source: string, style: TextStyle): string {
  try {
    return (parsers[style].parse(source) as string).replace(/\n{3,}/g, "\n\n").trim();
  } catch {
    return source.trim();
  }
}
