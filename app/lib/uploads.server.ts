/**
 * Reading a post that may carry screenshots (multipart/form-data): text fields as usual, files in
 * memory up to ATTACHMENT_MAX_BYTES each and ATTACHMENTS_PER_POST in all. A file over the limit,
 * or too many, is a refusal on the `attachments` field (413 and 422). A post without files (no JavaScript
 * needed either way) is read like any other form.
 */
import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { translate, type Locale } from "../i18n";
import { env } from "./env.server";
import { AppError, badRequest, unprocessable } from "./errors.server";
import { readFormData } from "./http.server";

/** The form field the files come in. */
export const ATTACHMENTS_FIELD = "attachments";
const TEXT_PART_MAX = 256 * 1024;

export function tooLargeAttachment(locale: Locale): AppError {
  const max = Math.floor(env.attachments.maxBytes / 1024 / 1024) || 1;
  const message = translate(locale, "attachments.error.tooLarge", { max, bytes: env.attachments.maxBytes });
  return new AppError(413, "payload_too_large", message, { fields: { [ATTACHMENTS_FIELD]: message } });
}

export function tooManyAttachments(locale: Locale): AppError {
  return unprocessable({ [ATTACHMENTS_FIELD]: translate(locale, "attachments.error.tooMany", { max: env.attachments.perPost }) });
}

/**
 * The post's fields and its files (chosen files only: an empty file input sends none). A file
 * over the size limit, or one too many, is read to its end and dropped, so the text fields that
 * follow it still arrive: `refusal` says why, and the form comes back with what was typed. Text
 * fields are held to 256 KiB each by Remix's memory upload handler.
 */
export async function readUploadForm(request: Request, locale: Locale): Promise<{ form: FormData; files: File[]; refusal: AppError | null }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) return { form: await readFormData(request), files: [], refusal: null };
  const { maxBytes, perPost } = env.attachments;
  // Every file at its largest, the text fields and the multipart framing: more is refused unread.
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > perPost * maxBytes + TEXT_PART_MAX + 64 * 1024) throw tooLargeAttachment(locale);
  let refusal: AppError | null = null;
  let fileParts = 0;
  const fileHandler: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (!filename) {
      // An empty file input: nothing was chosen.
      for await (const _chunk of data) void _chunk;
      return undefined;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    let keep = name === ATTACHMENTS_FIELD && ++fileParts <= perPost;
    if (name === ATTACHMENTS_FIELD && !keep) refusal ??= tooManyAttachments(locale);
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (keep && size > maxBytes) {
        keep = false;
        chunks.length = 0;
        refusal ??= tooLargeAttachment(locale);
      }
      if (keep) chunks.push(chunk);
    }
    return keep ? new File(chunks as BlobPart[], filename, { type: contentType }) : undefined;
  };
  const handler = composeUploadHandlers(
    createMemoryUploadHandler({ maxPartSize: TEXT_PART_MAX, filter: ({ filename }) => filename === undefined }),
    fileHandler,
  );
  let form: FormData;
  try {
    form = await parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new AppError(413, "payload_too_large", translate(locale, "error.tooLarge"));
    throw badRequest();
  }
  const files = form.getAll(ATTACHMENTS_FIELD).filter((value): value is File => typeof value !== "string" && value.size > 0);
  form.delete(ATTACHMENTS_FIELD);
  return { form, files, refusal };
}
