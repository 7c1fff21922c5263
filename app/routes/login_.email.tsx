import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { EmailRequestPage } from "../components/EmailRequestPage";
import { emailRequestAction } from "../lib/forms.server";
import { requestSignInLink } from "../models/users.server";
import { pageMeta } from "../page-meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "Sign in by email · Loopboard");

export const action = ({ request, context }: ActionFunctionArgs) => emailRequestAction(request, context, requestSignInLink, "auth.link.sent");

export default function EmailLink() {
  return <EmailRequestPage title="auth.link.title" intro="auth.link.intro" submit="auth.link.submit" />;
}
