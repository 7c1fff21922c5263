/**
 * Canned replies' placeholders: `{title}`, `{author}`, `{board}`, `{number}` and `{url}` in a
 * reply's body are filled in for the idea it is inserted on. Any other `{word}` is refused when
 * the reply is saved, so a typo never reaches a customer; braces around anything but a word
 * (`{ }`, `{1,2}`) are plain text. Isomorphic: the admin page and the model share it.
 */
export const CANNED_REPLY_PLACEHOLDERS = ["title", "author", "board", "number", "url"] as const;
export type CannedReplyPlaceholder = (typeof CANNED_REPLY_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([\p{L}_][\p{L}\p{N}_]*)\}/gu;

const isPlaceholder = (name: string): name is CannedReplyPlaceholder => (CANNED_REPLY_PLACEHOLDERS as readonly string[]).includes(name);

/** The `{word}`s in a body that are not placeholders, each once, in order. */
export function unknownPlaceholders(body: string): string[] {
  const unknown = new Set<string>();
  for (const match of body.matchAll(PLACEHOLDER)) if (!isPlaceholder(match[1])) unknown.add(`{${match[1]}}`);
  return [...unknown];
}

/** The body with every placeholder replaced by its value (values are inserted as they are). */
export function fillPlaceholders(body: string, values: Record<CannedReplyPlaceholder, string>): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) ? values[name] : whole));
}
