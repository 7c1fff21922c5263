/**
 * How an idea is addressed: its slug and the canonical path of its page. Pure, so pages,
 * emails, feeds and models build the same links.
 */

export const SLUG_MAX = 60;

/**
 * A URL slug from a title: letters and digits of any script (Arabic, Slovenian č/š/ž … stay as
 * they are), lowercased, everything else turned into single dashes; whole words up to 60
 * characters; "idea" when nothing is left.
 */
export function slugify(title: string): string {
  let slug = wordsSlug(title);
  // /ideas/:number/<word> routes (edit, vote, …) outrank the slug: never produce one of them.
  if (RESERVED_SLUGS.has(slug)) slug = `${slug}-idea`;
  return slug || "idea";
}

/** The words of `text` as a slug (slugify's rule without its reserved words); "" when it has none. Tags' slugs too. */
export function wordsSlug(text: string): string {
  const words = text
    .normalize("NFC")
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if ([...next].length > SLUG_MAX) break;
    slug = next;
  }
  if (!slug && words.length > 0) slug = [...words[0]].slice(0, SLUG_MAX).join("");
  return slug;
}

const RESERVED_SLUGS = new Set(["edit", "vote", "follow", "followers", "status", "comments", "report"]);

/** The canonical path of an idea's page; the slug is percent-encoded so it is a valid header value. */
export function ideaUrl(idea: { number: number; slug: string }): string {
  return `/ideas/${idea.number}/${encodeURIComponent(idea.slug)}`;
}

/** The id of the latest status, its note and its date under an idea's title. */
export const LATEST_STATUS_ID = "latest-status";

/**
 * Where on an idea's page a notification about it lands: the comment it is about, or the latest
 * status under the title for a status change.
 */
export function notificationAnchor(event: { kind: string; commentId?: number | null }): string {
  if (event.commentId) return `#comment-${Number(event.commentId)}`;
  return event.kind === "status_changed" ? `#${LATEST_STATUS_ID}` : "";
}
