import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { EmailRequestPage } from "../components/EmailRequestPage";
import { emailRequestAction } from "../lib/forms.server";
import { requestPasswordReset } from "../models/password-resets.server";
import { titledMeta } from "../page-meta";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "auth.forgot.title");

export const action = ({ request, context }: ActionFunctionArgs) => emailRequestAction(request, context, requestPasswordReset, "auth.forgot.sent");

export default function ForgotPassword() {
  return <EmailRequestPage title="auth.forgot.title" intro="auth.forgot.intro" submit="auth.forgot.submit" />;
}
