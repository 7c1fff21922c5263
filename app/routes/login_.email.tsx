import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { EmailRequestPage } from "../components/EmailRequestPage";
import { emailRequestAction } from "../lib/forms.server";
import { requestSignInLink } from "../models/users.server";
import { titledMeta } from "../page-meta";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "auth.link.title");

export const action = ({ request, context }: ActionFunctionArgs) => emailRequestAction(request, context, requestSignInLink, "auth.link.sent");

export default function EmailLink() {
  return <EmailRequestPage title="auth.link.title" intro="auth.link.intro" submit="auth.link.submit" />;
}
