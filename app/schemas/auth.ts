/** Account forms: the same schemas validate the page forms and the actions. */
import { z } from "zod";
import { isLocale, type Locale } from "../i18n/locales";
import { ROLES } from "../roles";

export const NAME_MAX = 50;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const EMAIL_MAX = 254;

const codePoints = (s: string) => [...s].length;

/** Trimmed, inner whitespace collapsed, lowercased; the unique key of an account. */
export const emailField = z
  .string({ required_error: "auth.error.emailInvalid", invalid_type_error: "auth.error.emailInvalid" })
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().max(EMAIL_MAX, "auth.error.emailInvalid").email("auth.error.emailInvalid"));

/** Display names are shown as typed, less outer and repeated whitespace; control characters and invisible-only names are refused. */
export const nameField = z
  .string({ required_error: "auth.error.nameInvalid", invalid_type_error: "auth.error.nameInvalid" })
  .transform((s) => s.replace(/\s+/gu, " ").trim())
  .refine((s) => codePoints(s) >= 1 && codePoints(s) <= NAME_MAX, "auth.error.nameInvalid")
  .refine((s) => !/\p{Cc}/u.test(s), "auth.error.nameInvalid")
  .refine((s) => s.replace(/[\p{Cf}\p{Z}\p{M}]/gu, "").length > 0, "auth.error.nameInvalid");

/** Compared exactly as typed: no trimming, no composition rules. Common passwords are refused on the server. */
export const passwordField = z
  .string({ required_error: "auth.error.passwordShort", invalid_type_error: "auth.error.passwordShort" })
  .refine((s) => codePoints(s) >= PASSWORD_MIN, "auth.error.passwordShort")
  .refine((s) => codePoints(s) <= PASSWORD_MAX, "auth.error.passwordLong")
  .refine((s) => !s.includes("\u0000"), "field.invalid");

export const SignUpForm = z.object({ name: nameField, email: emailField, password: passwordField });
export const SignInForm = z.object({
  email: emailField,
  // Length rules are for new passwords; any string may be tried at sign-in (up to the cap).
  password: z.string({ required_error: "field.required" }).min(1, "field.required").max(1024, "auth.login.failed"),
});
export const EmailOnlyForm = z.object({ email: emailField });
export const ResetPasswordForm = z.object({ password: passwordField });
/** A language Loopboard speaks; "" is "follow the browser" (null), absent leaves it as it is. */
export const localeChoiceField = z
  .string({ invalid_type_error: "field.invalid" })
  .optional()
  .refine((s) => s === undefined || s === "" || isLocale(s), "field.invalid")
  .transform((s): Locale | null | undefined => (s === undefined ? undefined : s === "" ? null : (s as Locale)));

export const ProfileForm = z.object({ name: nameField, locale: localeChoiceField });

/** The language switcher (works signed out, without JavaScript). */
export const LanguageForm = z.object({
  locale: z.string({ required_error: "field.invalid" }).refine(isLocale, "field.invalid"),
  redirectTo: z.string().optional(),
});
export const ApiTokenForm = z.object({
  name: z
    .string({ required_error: "settings.tokens.nameInvalid" })
    .transform((s) => s.replace(/\s+/gu, " ").trim())
    .refine((s) => codePoints(s) >= 1 && codePoints(s) <= 60 && !/\p{Cc}/u.test(s), "settings.tokens.nameInvalid"),
});

export const RoleField = z.enum(ROLES);
