import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm, parseForm } from "../lib/forms.server";
import { badRequest } from "../lib/errors.server";
import { safeRedirectPath } from "../lib/http.server";
import { localeCookie } from "../lib/locale.server";
import { chooseLanguage } from "../models/users.server";
import { LanguageForm } from "../schemas/auth";

/** The language switcher's post: remember the language in a cookie and go back where the form was. */
export async function action({ request, context }: ActionFunctionArgs) {
  const posted = await readForm(request, context);
  const parsed = parseForm(LanguageForm, posted);
  if (!parsed.ok) throw badRequest();
  const { locale, redirectTo } = parsed.data;
  // An account that chose a language in Settings changes it here too; otherwise the cookie would never win over it.
  if (context.auth.user?.chosenLocale) await chooseLanguage({ actor: context.auth.user, locale });
  return redirect(safeRedirectPath(redirectTo), { headers: { "Set-Cookie": localeCookie(locale, context.https), "Cache-Control": "no-store" } });
}

export function loader() {
  return redirect("/");
}
