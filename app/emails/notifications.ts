/**
 * Notification emails: a status change (with the staff note), a staff comment, a reply to your
 * comment, a new comment on an idea you follow, your new idea approved or rejected (with the reason). One message per person per event, in the
 * recipient's language, with the subject naming the idea.
 */
import type { NotificationKind } from "../../db/schema";
import { translator, type Locale } from "../i18n";
import { notificationAnchor } from "../idea-links";
import type { StatusView } from "../statuses";
import { renderEmail, t, userText, type RenderedEmail } from "./layout";
import { personName } from "../person-name";

export interface NotificationEmailInput {
  kind: NotificationKind;
  locale: Locale;
  recipientName: string;
  /** `mergedTitle`: a merge's email names the idea merged into this one. */
  idea: { title: string; url: string; mergedTitle?: string };
  actorName: string;
  /** Status changes: from and to, and the staff note (markdown source and its sanitized HTML). */
  fromStatus?: StatusView | null;
  toStatus?: StatusView | null;
  noteText?: string;
  noteHtml?: string;
  /** Comments: the comment (markdown source and sanitized HTML) and its link. */
  commentText?: string;
  commentHtml?: string;
  commentUrl?: string;
  unsubscribeUrl: string;
  settingsUrl: string;
}

export function notificationEmail(input: NotificationEmailInput): RenderedEmail {
  const { locale, idea } = input;
  const title = userText(locale, idea.title);
  const actor = userText(locale, personName(translator(locale), input.actorName));
  const greeting = t(locale, "email.greeting", { name: userText(locale, input.recipientName) });
  const footer = [t(locale, input.kind === "reply" ? "email.why.reply" : "email.why.follow")];
  const footerLinks = [
    { label: t(locale, "email.unsubscribe"), url: input.unsubscribeUrl },
    { label: t(locale, "email.settings"), url: input.settingsUrl },
  ];

  if (input.kind === "approved" || input.kind === "rejected") {
    // Told to the idea's author alone; a rejection quotes its reason as a status change its note.
    const rejected = input.kind === "rejected";
    return renderEmail({
      locale,
      subject: t(locale, rejected ? "email.rejected.subject" : "email.approved.subject", { title }),
      paragraphs: [greeting, t(locale, rejected ? "email.rejected.body" : "email.approved.body", { title, actor })],
      quoteHtml: rejected ? input.noteHtml : undefined,
      quoteText: rejected ? input.noteText : undefined,
      action: { label: t(locale, "email.viewIdea"), url: idea.url },
      footer: [t(locale, "email.why.author")],
      footerLinks,
    });
  }

  if (input.kind === "merged") {
    const source = idea.mergedTitle ?? "";
    return renderEmail({
      locale,
      subject: t(locale, "email.merged.subject", { source, title }),
      paragraphs: [greeting, t(locale, "email.merged.body", { source, title })],
      action: { label: t(locale, "email.viewIdea"), url: idea.url },
      footer,
      footerLinks,
    });
  }

  if (input.kind === "status_changed") {
    // The kind, not the key, says what happened: any "done" status was shipped.
    const kind = input.toStatus?.kind ?? "open";
    const toLabel = input.toStatus?.label ?? "";
    const fromLabel = input.fromStatus?.label ?? toLabel;
    const update = input.fromStatus?.key === input.toStatus?.key;
    const subject = update
      ? t(locale, "email.update.subject", { title })
      : kind === "done"
        ? t(locale, "email.shipped.subject", { title })
        : kind === "declined"
          ? t(locale, "email.declined.subject", { title })
          : t(locale, "email.status.subject", { title, status: toLabel });
    const lead = update
      ? t(locale, "email.update.body", { title, status: toLabel })
      : kind === "done"
        ? t(locale, "email.shipped.body", { title })
        : kind === "declined"
          ? t(locale, "email.declined.body", { title })
          : t(locale, "email.status.body", { title, from: fromLabel, to: toLabel });
    const hasNote = Boolean(input.noteText?.trim());
    return renderEmail({
      locale,
      subject,
      paragraphs: [greeting, lead, ...(hasNote ? [t(locale, "email.status.note", { actor })] : [])],
      quoteHtml: hasNote ? input.noteHtml : undefined,
      quoteText: hasNote ? input.noteText : undefined,
      action: { label: t(locale, "email.viewIdea"), url: idea.url + notificationAnchor({ kind: input.kind }) },
      footer,
      footerLinks,
    });
  }

  const subjectKey =
    input.kind === "staff_comment" ? "email.staffComment.subject" : input.kind === "reply" ? "email.reply.subject" : "email.comment.subject";
  const bodyKey = input.kind === "staff_comment" ? "email.staffComment.body" : input.kind === "reply" ? "email.reply.body" : "email.comment.body";
  return renderEmail({
    locale,
    subject: t(locale, subjectKey, { actor, title }),
    paragraphs: [greeting, t(locale, bodyKey, { actor, title })],
    quoteHtml: input.commentHtml,
    quoteText: input.commentText,
    action: { label: t(locale, "email.viewComment"), url: input.commentUrl ?? idea.url },
    footer,
    footerLinks,
  });
}
