import { Form } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { FormResult } from "../schemas/parse";
import { STATUS_NAME_MAX } from "../schemas/status-definitions";
import { STATUS_COLORS, STATUS_KINDS, type StatusView } from "../statuses";
import { Field, SelectField } from "./Field";

/** One status as Admin › Statuses lists it: the resolved view, the names admins gave it, how many ideas have it. */
export type AdminStatus = StatusView & { labels: { en?: string; ar?: string; sl?: string }; count: number; isDefault: boolean };

/** The names, kind and colour fields of a status's form (ids made unique by `id`). */
export function StatusFields({ id, result, status }: { id: string; result?: FormResult; status?: AdminStatus }) {
  const t = useT();
  const values = result?.values;
  const errors = result?.errors;
  const name = (locale: "en" | "ar" | "sl", label: "statuses.admin.nameEn" | "statuses.admin.nameAr" | "statuses.admin.nameSl", required = false) => (
    <Field
      id={`${id}-name-${locale}`}
      label={t(label)}
      name={`labels.${locale}`}
      required={required}
      maxLength={STATUS_NAME_MAX}
      defaultValue={values?.[`labels.${locale}`] ?? status?.labels[locale] ?? ""}
      error={errors?.[`labels.${locale}`]}
      hint={status?.isDefault ? t("statuses.admin.defaultNameHint") : locale === "en" ? undefined : t("statuses.admin.nameHint")}
      lang={locale}
    />
  );
  return (
    <>
      {name("en", "statuses.admin.nameEn", !status?.isDefault)}
      {name("ar", "statuses.admin.nameAr")}
      {name("sl", "statuses.admin.nameSl")}
      <SelectField id={`${id}-kind`} label={t("statuses.admin.kind")} name="kind" defaultValue={values?.kind ?? status?.kind ?? "active"} error={errors?.kind}>
        {STATUS_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`statuses.kind.${kind}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id={`${id}-colour`} label={t("statuses.admin.colour")} name="color" defaultValue={values?.color ?? status?.color ?? "teal"} error={errors?.color}>
        {STATUS_COLORS.map((color) => (
          <option key={color} value={color}>
            {t(`statuses.color.${color}`)}
          </option>
        ))}
      </SelectField>
    </>
  );
}

/** Move up and move down: each a one-button form posting the status's new place. */
export function StatusMoveButtons({ status, index, last }: { status: AdminStatus; index: number; last: number }) {
  const t = useT();
  const button = (position: number, label: string, named: string) => (
    <Form method="post">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="key" value={status.key} />
      <input type="hidden" name="position" value={position} />
      <button type="submit" className="button" aria-label={named}>
        {label}
      </button>
    </Form>
  );
  return (
    <div className="status-admin__moves">
      {index > 0 ? button(index, t("statuses.admin.moveUp"), t("statuses.admin.moveUpNamed", { status: status.label })) : null}
      {index < last ? button(index + 2, t("statuses.admin.moveDown"), t("statuses.admin.moveDownNamed", { status: status.label })) : null}
    </div>
  );
}

/**
 * Retire (behind a disclosure, asking where the ideas go when any have the status) or restore.
 * The move is quiet, and the form says so.
 */
export function StatusRetireForm({ status, others, result }: { status: AdminStatus; others: AdminStatus[]; result?: FormResult }) {
  const t = useT();
  if (status.retired) {
    return (
      <Form method="post">
        <input type="hidden" name="intent" value="restore" />
        <input type="hidden" name="key" value={status.key} />
        <button type="submit" className="button">
          {t("statuses.admin.restore")}
        </button>
      </Form>
    );
  }
  const error = result?.errors?.moveTo ?? result?.errors?.status;
  return (
    <details className="confirm" open={Boolean(error)}>
      <summary>{t("statuses.admin.retire")}</summary>
      <Form method="post" className="confirm__body stack" noValidate>
        <input type="hidden" name="intent" value="retire" />
        <input type="hidden" name="key" value={status.key} />
        <p>{t("statuses.admin.retireHint")}</p>
        {status.count > 0 ? (
          <>
            <SelectField id={`retire-${status.key}-to`} label={t("statuses.admin.moveTo")} name="moveTo" defaultValue={result?.values?.moveTo ?? ""} error={error}>
              <option value="">{t("statuses.admin.chooseMoveTo")}</option>
              {others.map((other) => (
                <option key={other.key} value={other.key}>
                  {other.label}
                </option>
              ))}
            </SelectField>
            <p className="small muted">{t("statuses.admin.quietMove")}</p>
          </>
        ) : error ? (
          <p className="field-error">{error}</p>
        ) : null}
        <button type="submit" className="button button--danger">
          {t("statuses.admin.retire")}
        </button>
      </Form>
    </details>
  );
}
