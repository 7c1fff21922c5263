import type { ChangeEvent } from "react";
import { useT } from "../i18n/use-t";
import { IDEA_BODY_MAX, IDEA_TITLE_MAX, IDEA_TITLE_MIN } from "../schemas/limits";
import { Field, TextAreaField } from "./Field";

/** An idea's title field, as posting and editing show it. */
export function IdeaTitleField({ defaultValue, error, onChange }: { defaultValue?: string; error?: string; onChange?: (event: ChangeEvent<HTMLInputElement>) => void }) {
  const t = useT();
  return (
    <Field
      label={t("ideaForm.title")}
      name="title"
      type="text"
      required
      maxLength={IDEA_TITLE_MAX}
      autoComplete="off"
      hint={t("ideaForm.titleHint", { min: IDEA_TITLE_MIN, max: IDEA_TITLE_MAX })}
      defaultValue={defaultValue}
      error={error}
      onChange={onChange}
    />
  );
}

/** An idea's body field (markdown), as posting and editing show it. */
export function IdeaBodyField({ defaultValue, error, rows }: { defaultValue?: string; error?: string; rows: number }) {
  const t = useT();
  return (
    <TextAreaField
      label={t("ideaForm.body")}
      name="body"
      rows={rows}
      maxLength={IDEA_BODY_MAX}
      hint={t("ideaForm.bodyHint", { max: IDEA_BODY_MAX })}
      defaultValue={defaultValue}
      error={error}
    />
  );
}
