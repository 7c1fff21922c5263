import { Form } from "@remix-run/react";

interface Props {
  /** What the closed control says ("Delete"). */
  label: string;
  labelClassName?: string;
  /** What happens, said before the person confirms. */
  warning: string;
  /** The button that does it. */
  confirm: string;
  /** Hidden fields posted with it (intent, id, …). */
  fields: Record<string, string | number>;
}

/**
 * A destructive action behind a second step, without JavaScript: a disclosure that opens a
 * form with the warning and the button that really does it.
 */
export function ConfirmForm({ label, labelClassName, warning, confirm, fields }: Props) {
  return (
    <details className="confirm">
      <summary className={labelClassName}>{label}</summary>
      <Form method="post" className="confirm__body">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p>{warning}</p>
        <button type="submit" className="button button--danger">
          {confirm}
        </button>
      </Form>
    </details>
  );
}
