/**
 * The email a follower would receive if staff changed an idea's status now: rendered by the very
 * function the send job uses (buildNotificationMail), from the event the change would record, so
 * the preview is the email and not a copy of its template.
 */
import { eq } from "drizzle-orm";
import { ideas } from "../../db/schema";
import { translate, type Locale } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { forbidden, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { renderMarkdown, RENDERER_VERSION } from "../lib/markdown.server";
import { canChangeStatus } from "../permissions";
import { ideaUrl } from "../idea-links";
import { isPositiveInt4 } from "../schemas/limits";
import { StatusChangeInput } from "../schemas/statuses";
import type { IdeaStatus } from "../statuses";
import { findStatus } from "./status-catalog.server";
import { buildNotificationMail, type MailRecipient } from "./notification-mail.server";

export interface StatusEmailPreview {
  idea: { number: number; title: string; url: string };
  fromStatus: IdeaStatus;
  toStatus: IdeaStatus;
  subject: string;
  text: string;
  html: string;
}

/**
 * Staff only (403), 404 for an unknown idea, 422 for an unknown status. The email is rendered in
 * `locale` (the page's language) for `recipient`, by default the staff member themselves: the
 * greeting and the unsubscribe link are the only parts that differ between followers.
 */
export async function previewStatusEmail(input: {
  actor: SessionUser | null;
  number: number;
  status: unknown;
  note?: unknown;
  locale: Locale;
  recipient?: MailRecipient;
}): Promise<StatusEmailPreview> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canChangeStatus(actor)) throw forbidden();
  const { status, note } = parseOrRefuse(StatusChangeInput, { status: input.status, note: input.note }, input.locale);
  if (!(await findStatus(status))) throw unprocessable({ status: translate(input.locale, "status.error.unknown") });
  if (!isPositiveInt4(input.number)) throw notFound();
  const [idea] = await db
    .select({ id: ideas.id, number: ideas.number, slug: ideas.slug, title: ideas.title, status: ideas.status })
    .from(ideas)
    .where(eq(ideas.number, input.number))
    .limit(1);
  if (!idea) throw notFound();
  const mail = await buildNotificationMail(
    {
      id: 0,
      kind: "status_changed",
      idea_id: idea.id,
      number: idea.number,
      slug: idea.slug,
      title: idea.title,
      actor_name: actor.name,
      comment_id: null,
      source_title: null,
      from_status: idea.status,
      to_status: status,
      note,
      note_html: note ? renderMarkdown(note) : "",
      note_version: RENDERER_VERSION,
      comment_body: null,
      comment_html: null,
      comment_version: null,
    },
    input.recipient ?? { user_id: actor.id, email: actor.email, name: actor.name, locale: input.locale },
  );
  return {
    idea: { number: idea.number, title: idea.title, url: ideaUrl(idea) },
    fromStatus: idea.status,
    toStatus: status,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
  };
}
