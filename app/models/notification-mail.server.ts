/**
 * One notification email as it is sent: the event's context, rendered for one recipient in their
 * language, with its headers. The send job uses it for every email, and the status-change
 * preview (status-preview.server.ts) for the email it shows staff, so the two cannot drift.
 */
import type { NotificationKind } from "../../db/schema";
import { notificationEmail } from "../emails/notifications";
import { ideaUrl } from "../idea-links";
import { isLocale } from "../i18n/locales";
import { env } from "../lib/env.server";
import { renderMarkdown, RENDERER_VERSION } from "../lib/markdown.server";
import { markdownToText } from "../lib/markdown-text.server";
import { unsubscribeToken } from "../lib/signed-links.server";
import { findStatusView, type IdeaStatus } from "../statuses";
import { statusViews } from "./status-catalog.server";

/** What the email of one notification event says, whoever receives it. */
export type EventContext = {
  id: number;
  kind: NotificationKind;
  idea_id: number;
  number: number;
  slug: string;
  title: string;
  actor_name: string;
  comment_id: number | null;
  source_title: string | null; // a merge: the title of the idea merged into this one
  from_status: IdeaStatus | null;
  to_status: IdeaStatus | null;
  note: string | null;
  note_html: string | null;
  note_version: number | null;
  comment_body: string | null;
  comment_html: string | null;
  comment_version: number | null;
};

export type MailRecipient = { user_id: number; email: string; name: string; locale: string };

/** The email for one recipient of an event, with its headers. */
export async function buildNotificationMail(event: EventContext, recipient: MailRecipient) {
  const locale = isLocale(recipient.locale) ? recipient.locale : "en";
  // Statuses are data: the email names them as they are called now, and goes by their kind.
  const statuses = event.kind === "status_changed" ? await statusViews(locale) : [];
  const status = (key: IdeaStatus | null) => (key === null ? null : findStatusView(statuses, key));
  const ideaLink = env.appUrl + ideaUrl(event);
  const token = unsubscribeToken(Number(recipient.user_id), Number(event.idea_id));
  const unsubscribeUrl = `${env.appUrl}/unsubscribe/${token}`;
  const noteHtml = event.note && event.note_version !== RENDERER_VERSION ? renderMarkdown(event.note) : (event.note_html ?? "");
  const commentHtml =
    event.comment_body && event.comment_version !== RENDERER_VERSION ? renderMarkdown(event.comment_body) : (event.comment_html ?? "");
  const rendered = notificationEmail({
    kind: event.kind,
    locale,
    recipientName: recipient.name,
    idea: { title: event.title, url: ideaLink, mergedTitle: event.source_title ?? undefined },
    actorName: event.actor_name,
    fromStatus: status(event.from_status),
    toStatus: status(event.to_status),
    // The text part reads as text: markdown's marks become plain words, bullets and addresses.
    noteText: event.note ? markdownToText(event.note, "email") : "",
    noteHtml,
    commentText: event.comment_body ? markdownToText(event.comment_body, "email") : undefined,
    commentHtml: event.comment_body ? commentHtml : undefined,
    commentUrl: event.comment_id ? `${ideaLink}#comment-${event.comment_id}` : undefined,
    unsubscribeUrl,
    settingsUrl: `${env.appUrl}/settings/notifications`,
  });
  const mailbox = /<([^>]+)>/.exec(env.mailFrom)?.[1] ?? env.mailFrom.trim();
  return {
    to: recipient.email,
    ...rendered,
    headers: {
      // RFC 2369 + RFC 8058: the https link works with one POST and no session; the mailto is for
      // clients that only know mailto.
      "List-Unsubscribe": `<${unsubscribeUrl}>, <mailto:${mailbox}?subject=${encodeURIComponent(`unsubscribe ${token}`)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "Auto-Submitted": "auto-generated",
    },
    // The same Message-ID on every attempt: a resend in the at-least-once window is recognisable.
    messageKey: `notification:${event.id}:${recipient.user_id}`,
  };
}
