import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AdminNav } from "../components/AdminNav";
import { ImportColumns, ImportDryRun, ImportResult, ImportSteps, ImportUpload, type ImportActionData } from "../components/ImportSteps";
import { requireUser } from "../lib/auth.server";
import { badRequest, forbidden, isAppError } from "../lib/errors.server";
import { formResult } from "../lib/forms.server";
import { readFormData } from "../lib/http.server";
import { requestLocale } from "../lib/locale.server";
import type { ImportOutcome } from "../models/data-import.server";
import { IMPORT_FIELDS, IMPORT_FORMATS, problemText, type ImportRow } from "../models/import-rows.server";
import { getStagedImport, IMPORT_FILE_MAX_BYTES, runStagedImport, stageImportFile } from "../models/import-uploads.server";
import { titledMeta } from "../page-meta";
import { canImportData } from "../permissions";
import { formToObject } from "../schemas/parse";
import { translate, type Locale } from "../i18n";
import { useT } from "../i18n/use-t";
import customerStyles from "../styles/customers.css";
import importStyles from "../styles/import.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: customerStyles }, { rel: "stylesheet", href: importStyles }];
export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "import.title");

const MAX_MEGABYTES = IMPORT_FILE_MAX_BYTES / 1024 / 1024;

/**
 * Admin › Import (admins, as the command line's --as): upload a CSV file (step 1), map its columns
 * (2, ?upload=<id>), dry run (3) and import (4). The file stays on the server between the steps.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  if (!canImportData(actor)) throw forbidden();
  const id = new URL(request.url).searchParams.get("upload");
  const staged = id ? await getStagedImport({ actor, sessionId: context.auth.sessionId, id }) : null;
  return json({ staged, formats: IMPORT_FORMATS, fields: IMPORT_FIELDS, maxMegabytes: MAX_MEGABYTES }, { headers: { "Cache-Control": "private, no-store" } });
}

/** A row of the dry run's preview, as the page shows it. */
function previewRow(row: ImportRow) {
  const text = row.type === "idea" ? row.title : row.type === "comment" ? row.body.slice(0, 120) : "";
  return { line: row.line, type: row.type, ref: row.type === "vote" ? row.idea : row.id, text, email: row.email ?? "", status: row.type === "idea" ? row.status : null, voters: row.type === "idea" ? row.voters.length : 0 };
}

function outcomeData(outcome: ImportOutcome, locale: Locale, fields: unknown): ImportActionData {
  const mapping = Array.isArray(fields) ? fields.map(String) : [];
  if (!outcome.ok) return { mapping, problems: outcome.problems.map((p) => ({ line: p.line, message: problemText(locale, p) })) };
  return { mapping, dryRun: { counts: outcome.counts, ignored: outcome.ignoredColumns, preview: outcome.preview.map(previewRow) } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const locale = requestLocale(request, context);
  const caller = { actor, sessionId: context.auth.sessionId };
  const upload = new URL(request.url).searchParams.get("upload");
  const form = await readFormData(request, IMPORT_FILE_MAX_BYTES + 64 * 1024).catch((error: unknown) => {
    if (isAppError(error) && error.status === 413) return null;
    throw error;
  });
  if (!form) return json<ImportActionData>({ errors: { file: translate(locale, "import.error.tooLarge", { max: MAX_MEGABYTES }) } }, { status: 413 });
  const raw = formToObject(form);
  try {
    if (raw.intent === "upload") {
      const file = form.get("file");
      const { id } = await stageImportFile({ ...caller, file: typeof file === "string" ? null : file, format: raw.format });
      return redirect(`/admin/import?upload=${id}`);
    }
    if ((raw.intent === "dryRun" || raw.intent === "import") && upload) {
      const outcome = await runStagedImport({ ...caller, id: upload, fields: raw.fields, dryRun: raw.intent === "dryRun" });
      if (outcome.ok && !outcome.dryRun) return redirect(`/admin/import?upload=${upload}`);
      return json(outcomeData(outcome, locale, raw.fields), { status: outcome.ok ? 200 : 422 });
    }
  } catch (error) {
    return formResult(error, raw, String(raw.intent ?? ""), locale);
  }
  throw badRequest();
}

export default function AdminImport() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ImportActionData | undefined;
  const staged = data.staged;
  const step = !staged ? 1 : staged.result ? 4 : result?.dryRun || result?.problems ? 3 : 2;
  return (
    <div className="stack">
      <AdminNav />
      <h1>{t("import.title")}</h1>
      <p className="muted">{t("import.intro")}</p>
      <ImportSteps current={step} />
      {!staged ? <ImportUpload formats={data.formats} maxMegabytes={data.maxMegabytes} result={result} /> : null}
      {staged && !staged.result ? (
        <>
          <ImportColumns staged={staged} fields={data.fields} result={result} />
          <ImportDryRun stagedId={staged.id} result={result} />
        </>
      ) : null}
      {staged?.result ? <ImportResult counts={staged.result} /> : null}
    </div>
  );
}
