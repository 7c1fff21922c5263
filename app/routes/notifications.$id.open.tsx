/**
 * /notifications/:id/open marks the notification read and goes to what it is about: the link on
 * the notifications page, so opening one works with or without JavaScript.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { notFound } from "../lib/errors.server";
import { openNotification } from "../models/notifications.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const id = /^\d{1,15}$/.test(params.id ?? "") ? Number(params.id) : NaN;
  const opened = Number.isSafeInteger(id) ? await openNotification({ actor, id }) : null;
  if (!opened) throw notFound();
  // Every loader runs again after the redirect, so the header's unread count drops at once.
  throw redirect(opened.url, { headers: { "X-Remix-Revalidate": "yes", "Cache-Control": "private, no-store" } });
}

// Not a bare resource route: client-side navigation follows the redirect, and an unknown id
// gets the site's error page. It never renders, since the loader always redirects.
export default function OpenNotification() {
  return null;
}
