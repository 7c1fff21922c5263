import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

interface Common {
  label: string;
  name: string;
  error?: string;
  hint?: string;
}

/** What the control inside a field gets: its id and name, and its hint and error wired up. */
interface ControlProps {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** A label, a hint and an error around one control, connected for screen readers. */
function LabelledField({ label, name, error, hint, id, control }: Common & { id?: string; control: (props: ControlProps) => ReactNode }) {
  const fieldId = id ?? `field-${name}`;
  const describedBy = [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      {hint ? (
        <span id={`${fieldId}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {control({ id: fieldId, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p id={`${fieldId}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and error wired up for screen readers. */
export function Field({ label, name, error, hint, id, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return <LabelledField label={label} name={name} error={error} hint={hint} id={id} control={(props) => <input dir="auto" {...props} {...input} />} />;
}

/** A labelled textarea, like Field. */
export function TextAreaField({ label, name, error, hint, id, ...textarea }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <LabelledField label={label} name={name} error={error} hint={hint} id={id} control={(props) => <textarea dir="auto" {...props} {...textarea} />} />;
}

/** A labelled select, like Field; its options are the children. */
export function SelectField({ label, name, error, hint, id, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <LabelledField label={label} name={name} error={error} hint={hint} id={id} control={(props) => <select {...props} {...select}>{children}</select>} />
  );
}

/** A form-level error or confirmation, announced to screen readers. */
export function Notice({ kind, children }: { kind: "success" | "error" | "info"; children: React.ReactNode }) {
  return (
    <div className={`notice notice--${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
