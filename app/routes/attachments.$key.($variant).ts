import type { LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { getAttachmentFile } from "../models/attachments.server";

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif" };

/**
 * GET /attachments/:key → the re-encoded screenshot; /attachments/:key/thumbnail → its WebP
 * thumbnail. Only an image is ever served, as what it is (every answer says nosniff), shown
 * inline under a name of our own, with a policy that loads and runs nothing else
 * (security-headers.server.ts). Private cache: visibility follows the idea's.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const variant = params.variant === undefined ? "full" : params.variant === "thumbnail" ? "thumbnail" : null;
  if (!variant) throw notFound();
  const file = await getAttachmentFile({ actor: context.auth.user, key: params.key ?? "", variant });
  if (!file) throw notFound();
  const name = `screenshot-${file.key.slice(0, 8)}${variant === "thumbnail" ? "-thumbnail" : ""}.${EXTENSIONS[file.contentType] ?? "img"}`;
  return new Response(file.data as unknown as BodyInit, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.data.byteLength),
      "Content-Disposition": `inline; filename="${name}"`,
      "Cache-Control": "private, max-age=3600",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}

export function action() {
  throw methodNotAllowed(["GET"]);
}
