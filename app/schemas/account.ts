/** Account settings forms (password, email, deletion): one schema per form, used by page and model. */
import { z } from "zod";
import { emailField, passwordField } from "./auth";

/** What a person types to prove it is them: their password, or their email address if they have none. */
const confirmationField = z.string({ required_error: "field.required" }).min(1, "field.required").max(1024, "field.invalid");

export const ChangePasswordForm = z.object({
  // Optional: an account that only ever signed in by email link has no password to give.
  currentPassword: z.string().max(1024, "field.invalid").optional().default(""),
  newPassword: passwordField,
});

export const ChangeEmailForm = z.object({ email: emailField });

/** keep: their ideas and comments stay, shown as by "deleted user"; remove: they are deleted too. */
export const DELETION_CHOICES = ["keep", "remove"] as const;
export type DeletionChoice = (typeof DELETION_CHOICES)[number];

export const DeleteAccountForm = z.object({
  content: z.enum(DELETION_CHOICES, { errorMap: () => ({ message: "account.delete.contentRequired" }) }),
  confirmation: confirmationField,
});
