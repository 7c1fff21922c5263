import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CreateSection } from "../components/CreateSection";
import { AdminNav } from "../components/AdminNav";
import { Notice } from "../components/Field";
import { StatusBadge } from "../components/StatusBadge";
import { withUserText } from "../components/with-nodes";
import { StatusFields, StatusMoveButtons, StatusRetireForm, type AdminStatus } from "../components/StatusAdmin";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { badRequest, forbidden } from "../lib/errors.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { requestLocale } from "../lib/locale.server";
import { statusView } from "../models/status-catalog.server";
import { countIdeasByStatus, createStatus, listStatuses, restoreStatus, retireStatus, updateStatus } from "../models/status-admin.server";
import { titledMeta } from "../page-meta";
import { canManageStatuses } from "../permissions";
import { defaultLabelKey } from "../statuses";
import boardStyles from "../styles/board.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardStyles }];

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "statuses.admin.title");

/** Admin › Statuses: add, rename, recolour, reorder, retire and restore the idea statuses (ADR 0029). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  if (!canManageStatuses(actor)) throw forbidden();
  const locale = requestLocale(request, context);
  const [rows, counts] = await Promise.all([listStatuses({ actor }), countIdeasByStatus()]);
  const statuses: AdminStatus[] = rows.map((row) => ({
    ...statusView(row, locale),
    labels: row.labels,
    count: counts.get(row.key) ?? 0,
    isDefault: Boolean(defaultLabelKey(row.key)),
  }));
  return json({ statuses }, { headers: { "Cache-Control": "private, no-store" } });
}

type Data = FormResult & { done?: "created" | "updated" | "retired" | "restored"; moved?: number };

/** The three name fields of a posted form as the model takes them. */
const labelsOf = (raw: Record<string, unknown>) => ({ en: raw["labels.en"], ar: raw["labels.ar"], sl: raw["labels.sl"] });
/** Each status's forms are named by its key; the new-status form is "new". */
const formName = (key: unknown) => (typeof key === "string" && key !== "" ? key : "new");

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const { raw, locale } = await readForm(request, context);
  try {
    if (raw.intent === "create") await createStatus({ actor, labels: labelsOf(raw), kind: raw.kind, color: raw.color });
    else if (raw.intent === "update") await updateStatus({ actor, key: raw.key, labels: labelsOf(raw), kind: raw.kind, color: raw.color });
    else if (raw.intent === "move") await updateStatus({ actor, key: raw.key, position: raw.position });
    else if (raw.intent === "retire") return json<Data>({ done: "retired", moved: (await retireStatus({ actor, key: raw.key, moveTo: raw.moveTo })).moved });
    else if (raw.intent === "restore") await restoreStatus({ actor, key: raw.key });
    else throw badRequest();
  } catch (error) {
    return formResult(error, raw, formName(raw.key), locale);
  }
  return json<Data>({ done: raw.intent === "create" ? "created" : raw.intent === "restore" ? "restored" : "updated" });
}

export default function AdminStatuses() {
  const t = useT();
  const { statuses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Data | undefined;
  const mine = (key?: string) => (result?.form === formName(key) ? result : undefined);
  const inUse = statuses.filter((s) => !s.retired);
  return (
    <div className="stack">
      <AdminNav />
      <h1>{t("statuses.admin.title")}</h1>
      <p>{t("statuses.admin.intro")}</p>
      {result?.done ? (
        <Notice kind="success">
          {result.done === "retired" && result.moved ? t("statuses.admin.retiredMoved", { count: result.moved }) : t(`statuses.admin.${result.done}`)}
        </Notice>
      ) : null}
      {result?.formError && !result.errors && !result.form ? <Notice kind="error">{result.formError}</Notice> : null}
      <ol className="status-admin stack">
        {statuses.map((status, index) => (
          <li key={status.key} className="card stack">
            <h2 id={`status-${status.key}`} className="status-admin__head">
              <StatusBadge status={status.key} />
              {status.retired ? <span className="small muted">{t("statuses.admin.retiredMark")}</span> : null}
            </h2>
            <p className="small muted">
              <span>{withUserText(t("statuses.admin.key"), { key: status.key })}</span> · <span>{t("statuses.admin.inUse", { count: status.count })}</span>
            </p>
            <StatusMoveButtons status={status} index={index} last={statuses.length - 1} />
            <Form method="post" noValidate className="stack">
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="key" value={status.key} />
              <StatusFields id={`status-${status.key}`} result={mine(status.key)} status={status} />
              <button type="submit" className="button button--primary">
                {t("statuses.admin.save")}
              </button>
            </Form>
            <StatusRetireForm status={status} others={inUse.filter((s) => s.key !== status.key)} result={mine(status.key)} />
          </li>
        ))}
      </ol>
      <CreateSection id="new-status" title={t("statuses.admin.new")} className="stack" formKey={statuses.length}>
        <StatusFields id="new-status" result={mine()} />
      </CreateSection>
    </div>
  );
}
