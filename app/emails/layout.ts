/**
 * The one email layout: a plain-text part and a simple, accessible HTML part in the recipient's
 * language and direction. Every email module builds on renderEmail().
 */
import { translate, type Locale, type MessageKey, type Params } from "../i18n";
import { localeDir } from "../i18n/locales";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailContent {
  locale: Locale;
  subject: string;
  /** Plain paragraphs (escaped for HTML). */
  paragraphs: string[];
  /** Already-safe HTML from renderMarkdown(), shown as a quote (e.g. a staff note). */
  quoteHtml?: string;
  /** The same quote as plain text for the text part. */
  quoteText?: string;
  action?: { label: string; url: string };
  /** Small print under the message (e.g. why you got it, how to unsubscribe). */
  footer?: string[];
  /** Links in the small print (e.g. unsubscribe, email settings). */
  footerLinks?: Array<{ label: string; url: string }>;
}

const FSI = "\u2068";
const PDI = "\u2069";
/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko …, and their presentation forms) and explicit bidi controls. */
const NEEDS_ISOLATION = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]|\ud802[\udc00-\udfff]|\ud83a/;

/**
 * Text someone wrote (a title, a name), to be put inside a translated sentence: wrapped in
 * Unicode isolates (FSI … PDI) so its own direction cannot reorder the sentence around it. The
 * plain-text part and the subject keep the isolates; the HTML part turns them into <bdi>. Text
 * without right-to-left letters or bidi controls in a left-to-right email lays out the same
 * either way, and is left as it is.
 */
export function userText(locale: Locale, text: string): string {
  return localeDir(locale) === "rtl" || NEEDS_ISOLATION.test(text) ? `${FSI}${text.replace(/[\u2066-\u2069]/g, "")}${PDI}` : text;
}

/** A paragraph for the HTML part: escaped, its isolated user text in <bdi>. */
function paragraphHtml(text: string): string {
  return escapeHtml(text).replaceAll(FSI, "<bdi>").replaceAll(PDI, "</bdi>");
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function renderEmail(content: EmailContent): RenderedEmail {
  const { locale } = content;
  const dir = localeDir(locale);
  const footer = [...(content.footer ?? []), translate(locale, "email.footer")];

  const text = [
    ...content.paragraphs,
    ...(content.quoteText ? [content.quoteText.split("\n").map((l) => `> ${l}`).join("\n")] : []),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`] : []),
    "-- ",
    ...footer,
    ...(content.footerLinks ?? []).map((l) => `${l.label}: ${l.url}`),
  ].join("\n\n");

  const html = `<!doctype html>
<html lang="${escapeHtml(locale)}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f7f9;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;text-align:start;">
${content.paragraphs.map((p) => `<p style="margin:0 0 16px;line-height:1.5;">${paragraphHtml(p)}</p>`).join("\n")}
${content.quoteHtml ? `<blockquote dir="auto" style="margin:0 0 16px;padding-block:4px;padding-inline:12px;border-inline-start:4px solid #d0d7de;color:#424a53;">${content.quoteHtml}</blockquote>` : ""}
${
  content.action
    ? `<p style="margin:24px 0;"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#0b57d0;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600;">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#57606a;word-break:break-all;">${escapeHtml(content.action.url)}</p>`
    : ""
}
<hr style="border:none;border-top:1px solid #d8dee4;margin:24px 0;">
${footer.map((f) => `<p style="margin:0 0 8px;font-size:12px;color:#57606a;">${escapeHtml(f)}</p>`).join("\n")}
${(content.footerLinks ?? []).map((l) => `<p style="margin:0 0 8px;font-size:12px;"><a href="${escapeHtml(l.url)}" style="color:#57606a;">${escapeHtml(l.label)}</a></p>`).join("\n")}
</div>
</body>
</html>`;
  return { subject: content.subject, text, html };
}

/** Shorthand for emails whose parts are all catalog messages. */
export function t(locale: Locale, key: MessageKey, params?: Params) {
  return translate(locale, key, params);
}
