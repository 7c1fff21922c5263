import { useT } from "../i18n/use-t";
import { Field } from "./Field";

/** A password being chosen (sign-up, reset): the rules as a hint, and the browser told it is new. */
export function NewPasswordField({ label, error }: { label: string; error?: string }) {
  const t = useT();
  return <Field label={label} name="password" type="password" autoComplete="new-password" required hint={t("auth.field.passwordHint")} error={error} />;
}
