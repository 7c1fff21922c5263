/**
 * Screenshots attached to an idea or to one of its comments. Files are checked and re-encoded
 * (lib/images.server.ts) before anything is written; only the re-encoded image and a thumbnail
 * are kept, in the `attachments` table, and the idea's or comment's deletion cascades to them.
 * Who may attach: whoever may edit the idea or comment. Who may see: whoever may see the idea.
 */
import crypto from "node:crypto";
import { and, asc, count, eq, isNull, or, sql } from "drizzle-orm";
import { attachments, comments, ideas } from "../../db/schema";
import { translate, type Locale } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db, keptStatements } from "../lib/db.server";
import { env } from "../lib/env.server";
import { forbidden, notFound, unauthorized, unprocessable } from "../lib/errors.server";
import { reencodeImage, type ReencodedImage } from "../lib/images.server";
import { ATTACHMENTS_FIELD, tooLargeAttachment, tooManyAttachments } from "../lib/uploads.server";
import { canEditComment, canEditIdea, canSeeInternalNotes, isStaff } from "../permissions";
import { isPositiveInt4 } from "../schemas/limits";
import type { AttachmentLimits, AttachmentView } from "../shapes";
import { editRefusal, getIdea } from "./ideas.server";
import { kindOf } from "./status-catalog.server";

export type { AttachmentView } from "../shapes";

/** Files that passed the checks, re-encoded, not yet stored. */
export class PreparedAttachments {
  constructor(readonly images: readonly ReencodedImage[]) {}
}

export const attachmentPath = (key: string) => `/attachments/${key}`;

/** The limits as the upload field states them. */
export function attachmentLimits(): AttachmentLimits {
  return { maxMegabytes: Math.floor(env.attachments.maxBytes / 1024 / 1024) || 1, perPost: env.attachments.perPost };
}

/**
 * Checks and re-encodes uploaded files: at most ATTACHMENTS_PER_POST, each at most
 * ATTACHMENT_MAX_BYTES, each a PNG, JPEG, WebP or GIF that decodes. Refusals name the file.
 */
export async function prepareAttachments(files: readonly File[], locale: Locale): Promise<PreparedAttachments> {
  if (files.length > env.attachments.perPost) throw tooManyAttachments(locale);
  const images: ReencodedImage[] = [];
  for (const file of files) {
    if (file.size > env.attachments.maxBytes) throw tooLargeAttachment(locale);
    const image = await reencodeImage(new Uint8Array(await file.arrayBuffer()));
    if (!image) throw unprocessable({ [ATTACHMENTS_FIELD]: translate(locale, "attachments.error.notImage", { name: file.name || "?" }) });
    images.push(image);
  }
  return new PreparedAttachments(images);
}

/** The idea (and comment) a new attachment goes on, if the actor may edit it. */
async function findTarget(actor: SessionUser, number: number, commentId: number | null): Promise<{ ideaId: number; commentId: number | null }> {
  if (!isPositiveInt4(number)) throw notFound();
  const [row] = await db.select({ id: ideas.id, authorId: ideas.authorId, status: ideas.status }).from(ideas).where(eq(ideas.number, number)).limit(1);
  if (!row) throw notFound();
  const idea = { ...row, statusKind: (await kindOf(row.status)) ?? undefined };
  if (commentId === null) {
    if (!canEditIdea(actor, idea)) throw editRefusal(actor, idea);
    return { ideaId: idea.id, commentId: null };
  }
  if (!isPositiveInt4(commentId)) throw notFound();
  const [comment] = await db
    .select({ id: comments.id, authorId: comments.authorId })
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.ideaId, idea.id)))
    .limit(1);
  if (!comment) throw notFound();
  if (!canEditComment(actor, comment)) throw forbidden();
  return { ideaId: idea.id, commentId: comment.id };
}

/**
 * Attaches screenshots to idea `number`, or to its comment `commentId`: the author or staff only.
 * `upload` is the posted files (checked and re-encoded here, after the permission check) or
 * files prepared before the idea or comment was created.
 */
export async function addAttachments(input: {
  actor: SessionUser | null;
  number: number;
  commentId?: number | null;
  upload: readonly File[] | PreparedAttachments;
}): Promise<AttachmentView[]> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  const target = await findTarget(actor, input.number, input.commentId ?? null);
  const prepared = input.upload instanceof PreparedAttachments ? input.upload : await prepareAttachments(input.upload, actor.locale);
  if (prepared.images.length === 0) return [];
  const onTarget = target.commentId === null ? and(eq(attachments.ideaId, target.ideaId), isNull(attachments.commentId)) : eq(attachments.commentId, target.commentId);
  const [{ n }] = await db.select({ n: count() }).from(attachments).where(onTarget);
  if (n + prepared.images.length > env.attachments.perPost) throw tooManyAttachments(actor.locale);
  const rows = await db
    .insert(attachments)
    .values(
      prepared.images.map((image) => ({
        key: crypto.randomBytes(16).toString("hex"),
        ideaId: target.ideaId,
        commentId: target.commentId,
        uploaderId: actor.id,
        contentType: image.contentType,
        width: image.width,
        height: image.height,
        data: image.data,
        thumbnail: image.thumbnail,
      })),
    )
    .returning(viewColumns);
  return rows.map(toView);
}

const viewColumns = {
  key: attachments.key,
  commentId: attachments.commentId,
  contentType: attachments.contentType,
  width: attachments.width,
  height: attachments.height,
};

function toView(row: { key: string; commentId: number | null; contentType: string; width: number; height: number }): AttachmentView {
  const url = attachmentPath(row.key);
  return { key: row.key, commentId: row.commentId, url, thumbnailUrl: `${url}/thumbnail`, contentType: row.contentType, width: row.width, height: row.height };
}

/** Those of internal notes are staff-only, as the notes are. */
const visibleTo = (actor: SessionUser | null) => (canSeeInternalNotes(actor) ? undefined : or(isNull(comments.id), eq(comments.internal, false)));

/** An idea's attachments and its comments' as `actor` may see them: two statements (staff, everyone else), built once. */
const attachmentsOfIdea = keptStatements("attachments_of_idea", (actor: SessionUser | null) =>
  db
    .select(viewColumns)
    .from(attachments)
    .leftJoin(comments, eq(comments.id, attachments.commentId))
    // A hidden comment's screenshots are staff's, as the comment is.
    .where(and(eq(attachments.ideaId, sql.placeholder("ideaId")), visibleTo(actor), isStaff(actor) ? undefined : isNull(comments.hiddenAt)))
    .orderBy(asc(attachments.id)),
);

/** An idea's attachments (shown under its body) and its comments' (under each comment), oldest first. */
export async function listAttachments(input: { actor: SessionUser | null; ideaId: number }): Promise<{ idea: AttachmentView[]; byComment: Record<number, AttachmentView[]> }> {
  const rows = await attachmentsOfIdea(isStaff(input.actor) ? "staff" : "others", input.actor).execute({ ideaId: input.ideaId });
  const result: { idea: AttachmentView[]; byComment: Record<number, AttachmentView[]> } = { idea: [], byComment: {} };
  for (const row of rows) {
    if (row.commentId === null) result.idea.push(toView(row));
    else (result.byComment[row.commentId] ??= []).push(toView(row));
  }
  return result;
}

const KEY_PATTERN = /^[0-9a-f]{32}$/;

/**
 * The stored image (or its thumbnail) behind /attachments/:key, for someone who may see its
 * idea; null otherwise (unknown key, deleted idea or comment, an idea the actor cannot see).
 */
export async function getAttachmentFile(input: {
  actor: SessionUser | null;
  key: string;
  variant: "full" | "thumbnail";
}): Promise<{ key: string; contentType: string; data: Uint8Array } | null> {
  if (!KEY_PATTERN.test(input.key)) return null;
  const [row] = await db
    .select({
      key: attachments.key,
      contentType: attachments.contentType,
      ideaNumber: ideas.number,
      commentHiddenAt: comments.hiddenAt,
      data: input.variant === "full" ? attachments.data : attachments.thumbnail,
    })
    .from(attachments)
    .innerJoin(ideas, eq(ideas.id, attachments.ideaId))
    .leftJoin(comments, eq(comments.id, attachments.commentId))
    .where(and(eq(attachments.key, input.key), visibleTo(input.actor)))
    .limit(1);
  if (!row || (row.commentHiddenAt !== null && !isStaff(input.actor))) return null;
  // The idea's own visibility rules decide, whatever they become.
  if (!(await getIdea({ actor: input.actor, number: row.ideaNumber }))) return null;
  return { key: row.key, contentType: input.variant === "full" ? row.contentType : "image/webp", data: row.data };
}
