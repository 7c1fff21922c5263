import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { env } from "../lib/env.server";
import { translate } from "../i18n";
import { badRequest, methodNotAllowed, notFound, unprocessable } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { readUploadForm } from "../lib/uploads.server";
import { addAttachments, listAttachments, type AttachmentView } from "../models/attachments.server";
import { getIdea } from "../models/ideas.server";

/** The API's addresses are absolute, like an idea's `url`. */
const toJson = (a: AttachmentView) => ({ ...a, url: env.appUrl + a.url, thumbnailUrl: env.appUrl + a.thumbnailUrl });

/** GET /api/v1/ideas/:number/attachments → { attachments } (the idea's and its comments', oldest first) */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const idea = await getIdea({ actor: context.auth.user, number: ideaNumberParam(params.number) });
  if (!idea) throw notFound();
  const { idea: own, byComment } = await listAttachments({ actor: context.auth.user, ideaId: idea.id });
  const all = [...own, ...Object.values(byComment).flat()];
  return json({ attachments: all.map(toJson) });
}

/** POST /api/v1/ideas/:number/attachments, multipart: `attachments` (files), `commentId`? → 201 { attachments } */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") throw methodNotAllowed(["GET", "POST"]);
  const user = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  const locale = requestLocale(request, context);
  const { form, files, refusal } = await readUploadForm(request, locale);
  if (refusal) throw refusal;
  const rawComment = form.get("commentId");
  const commentId = typeof rawComment === "string" && rawComment !== "" ? Number(rawComment) : null;
  if (commentId !== null && !Number.isSafeInteger(commentId)) throw badRequest();
  if (files.length === 0) throw unprocessable({ attachments: translate(locale, "attachments.error.none") });
  const attachments = await addAttachments({ actor: user, number, commentId, upload: files });
  return json({ attachments: attachments.map(toJson) }, { status: 201 });
}
