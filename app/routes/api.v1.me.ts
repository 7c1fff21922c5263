import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";

/** GET /api/v1/me — who the request acts as (session cookie or Bearer token). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json({ user: { id: user.id, name: user.name, email: user.email, role: user.role } });
}
