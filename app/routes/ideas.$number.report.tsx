/** A member reports the idea or one of its comments from the idea page (the Report disclosures post here). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useParams } from "@remix-run/react";
import { Notice } from "../components/Field";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { badRequest } from "../lib/errors.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { commentIdParam, ideaNumberParam } from "../lib/route-params.server";
import { reportComment, reportIdea } from "../models/reports.server";

export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/ideas/${ideaNumberParam(params.number)}`);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  const { raw, locale } = await readForm(request, context);
  try {
    if (raw.intent === "reportIdea") {
      await reportIdea({ actor, number, reason: raw.reason, detail: raw.detail });
      return redirect(`/ideas/${number}?reported=idea`);
    }
    if (raw.intent === "reportComment") {
      const id = commentIdParam(String(raw.id ?? ""));
      await reportComment({ actor, id, reason: raw.reason, detail: raw.detail });
      return redirect(`/ideas/${number}?reported=${id}#comment-${id}`);
    }
  } catch (error) {
    return formResult(error, raw, "report", locale);
  }
  throw badRequest();
}

/** Shown only when a report was refused (say, "Something else" without details): what to fix, and the way back. */
export default function ReportRoute() {
  const t = useT();
  const { number } = useParams();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const messages = [result?.errors?.reason, result?.errors?.detail].filter(Boolean);
  return (
    <div className="stack">
      <h1>{t("report.refused")}</h1>
      {messages.length === 0 && result?.formError ? <Notice kind="error">{result.formError}</Notice> : null}
      {messages.map((m) => (
        <Notice key={m} kind="error">
          {m}
        </Notice>
      ))}
      <p>
        <Link to={`/ideas/${number}`}>{t("report.back")}</Link>
      </p>
    </div>
  );
}
