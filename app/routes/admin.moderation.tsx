import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdminNav } from "../components/AdminNav";
import { ApprovalForms } from "../components/Approval";
import { Notice } from "../components/Field";
import { withUserText } from "../components/with-nodes";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { badRequest } from "../lib/errors.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { requestLocale } from "../lib/locale.server";
import { listPendingIdeas } from "../models/approval-queue.server";
import { approveIdea, rejectIdea } from "../models/idea-approval.server";
import { titledMeta } from "../page-meta";
import { personName } from "../person-name";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "approval.title");

/** /admin/moderation (staff): members' new ideas awaiting approval, oldest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const locale = requestLocale(request, context);
  const ideas = await listPendingIdeas({ actor });
  return json({ ideas: ideas.map((idea) => ({ ...idea, date: formatDate(locale, idea.createdAt) })) }, { headers: { "Cache-Control": "private, no-store" } });
}

type Data = FormResult & { done?: { decision: "approved" | "rejected"; title: string } };

/** intent=approve or intent=reject (with a reason) for idea `number`. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const { raw, locale } = await readForm(request, context);
  const number = Number(raw.number);
  try {
    if (raw.intent === "approve") return json<Data>({ done: { decision: "approved", title: (await approveIdea({ actor, number })).title } });
    if (raw.intent === "reject") return json<Data>({ done: { decision: "rejected", title: (await rejectIdea({ actor, number, reason: raw.reason })).title } });
  } catch (error) {
    return formResult(error, raw, `reject-${number}`, locale);
  }
  throw badRequest();
}

export default function AdminModeration() {
  const t = useT();
  const { ideas } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Data | undefined;
  return (
    <div className="stack">
      <AdminNav />
      <h1>{t("approval.title")}</h1>
      <p className="muted">{t("approval.intro")}</p>
      {result?.done ? (
        <Notice kind="success">{withUserText(t(result.done.decision === "approved" ? "approval.done.approved" : "approval.done.rejected"), { title: result.done.title })}</Notice>
      ) : null}
      {result?.formError && !result.errors ? <Notice kind="error">{result.formError}</Notice> : null}
      {ideas.length === 0 ? (
        <p className="card empty-state">{t("approval.empty")}</p>
      ) : (
        <ol className="approval-queue" aria-label={t("approval.listLabel")}>
          {ideas.map((idea) => {
            const errors = result?.form === `reject-${idea.number}` ? result.errors : undefined;
            return (
              <li key={idea.number} className="card stack">
                <h2 id={`pending-${idea.number}`}>
                  <Link to={idea.url}>
                    <bdi>{idea.title}</bdi>
                  </Link>
                </h2>
                <p className="approval-queue__meta small muted">
                  <span>
                    {t("approval.board")}: <bdi>{idea.board.name}</bdi>
                  </span>
                  <span>
                    {t("approval.author")}: <bdi>{personName(t, idea.author.name)}</bdi>
                  </span>
                  <time dateTime={idea.createdAt}>{idea.date}</time>
                </p>
                {idea.excerpt ? (
                  <p dir="auto">
                    <bdi>{idea.excerpt}</bdi>
                  </p>
                ) : null}
                <ApprovalForms number={idea.number} state="pending" describedBy={`pending-${idea.number}`} reasonError={errors?.reason} />
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
