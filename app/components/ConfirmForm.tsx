import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { OnDemandDetails } from "./OnDemandDetails";

interface Props {
  /** Unique on the page: the disclosure's id, and what `?confirm=` names to open it without JavaScript. */
  id: string;
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
 * form with the warning and the button that really does it (built once opened: OnDemandDetails).
 */
export function ConfirmForm({ id, label, labelClassName, warning, confirm, fields }: Props) {
  const t = useT();
  return (
    <OnDemandDetails id={id} className="confirm" summary={label} summaryClassName={labelClassName} param="confirm" value={id} linkText={t("common.confirmOpen")}>
      {() => (
        <Form method="post" className="confirm__body">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <p>{warning}</p>
          <button type="submit" className="button button--danger">
            {confirm}
          </button>
        </Form>
      )}
    </OnDemandDetails>
  );
}
