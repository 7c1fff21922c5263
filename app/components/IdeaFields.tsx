import { useState, type ChangeEvent } from "react";
import { useT } from "../i18n/use-t";
import { IDEA_BODY_MAX, IDEA_TITLE_MAX, IDEA_TITLE_MIN } from "../schemas/limits";
import { Field, TextAreaField } from "./Field";

/** The title's length as the server counts it: whitespace runs are one space, ends trimmed, code points. */
const titleLength = (title: string) => [...title.replace(/\s+/gu, " ").trim()].length;

/**
 * An idea's title field, as posting and editing show it, with how many characters are left
 * (announced politely as it changes). There is no maxlength: pasted text is never cut short
 * without a word; a title over the limit says so here and is refused with a message on posting.
 */
export function IdeaTitleField({ defaultValue, error, onChange }: { defaultValue?: string; error?: string; onChange?: (event: ChangeEvent<HTMLInputElement>) => void }) {
  const t = useT();
  const [length, setLength] = useState(() => titleLength(defaultValue ?? ""));
  const left = IDEA_TITLE_MAX - length;
  return (
    <div className="title-field">
      <Field
        label={t("ideaForm.title")}
        name="title"
        type="text"
        required
        autoComplete="off"
        hint={t("ideaForm.titleHint", { min: IDEA_TITLE_MIN, max: IDEA_TITLE_MAX })}
        defaultValue={defaultValue}
        error={error}
        onChange={(event) => {
          setLength(titleLength(event.currentTarget.value));
          onChange?.(event);
        }}
      />
      <p className={left < 0 ? "char-count char-count--over" : "char-count"} aria-live="polite">
        {left >= 0 ? t("ideaForm.titleLeft", { count: left }) : t("ideaForm.titleOver", { count: -left, max: IDEA_TITLE_MAX })}
      </p>
    </div>
  );
}

/** An idea's body field (markdown), as posting and editing show it; `form` names its form when it sits outside it. */
export function IdeaBodyField({ defaultValue, error, rows, form }: { defaultValue?: string; error?: string; rows: number; form?: string }) {
  const t = useT();
  return (
    <TextAreaField
      label={t("ideaForm.body")}
      name="body"
      form={form}
      rows={rows}
      hint={t("ideaForm.bodyHint", { max: IDEA_BODY_MAX })}
      defaultValue={defaultValue}
      error={error}
    />
  );
}
