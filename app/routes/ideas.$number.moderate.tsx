/** Staff moderation from an idea page: approve or reject it, hide or restore the idea or one of its comments, lock or unlock its comments, pin or unpin it. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useParams } from "@remix-run/react";
import { Notice } from "../components/Field";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { badRequest } from "../lib/errors.server";
import { formResult, readForm, type FormResult } from "../lib/forms.server";
import { commentIdParam, ideaNumberParam } from "../lib/route-params.server";
import { approveIdea, rejectIdea } from "../models/idea-approval.server";
import { hideComment, hideIdea, restoreComment, restoreIdea } from "../models/moderation.server";
import { setCommentsLocked } from "../models/moderation-flags.server";
import { setIdeaPinned } from "../models/pinned-ideas.server";

export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/ideas/${ideaNumberParam(params.number)}`);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  const { raw, locale } = await readForm(request, context);
  const page = `/ideas/${number}`;
  try {
    switch (raw.intent) {
      case "approve":
        await approveIdea({ actor, number });
        return redirect(page);
      case "reject":
        await rejectIdea({ actor, number, reason: raw.reason });
        return redirect(page);
      case "hideIdea":
        await hideIdea({ actor, number, reason: raw.reason });
        return redirect(page);
      case "restoreIdea":
        await restoreIdea({ actor, number });
        return redirect(page);
      case "lockComments":
      case "unlockComments":
        await setCommentsLocked({ actor, number, locked: raw.intent === "lockComments" });
        return redirect(`${page}#comments`);
      case "pin":
      case "unpin":
        await setIdeaPinned({ actor, number, pinned: raw.intent === "pin" });
        return redirect(page);
      case "hideComment": {
        const comment = await hideComment({ actor, id: commentIdParam(String(raw.id ?? "")), reason: raw.reason });
        return redirect(`${page}#comment-${comment.id}`);
      }
      case "restoreComment": {
        const comment = await restoreComment({ actor, id: commentIdParam(String(raw.id ?? "")) });
        return redirect(`${page}#comment-${comment.id}`);
      }
    }
  } catch (error) {
    return formResult(error, raw, "moderation", locale);
  }
  throw badRequest();
}

/** Shown only when a post was refused without JavaScript (say, no reason given): what to fix, and the way back. */
export default function ModerateRoute() {
  const t = useT();
  const { number } = useParams();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const message = result?.errors?.reason ?? result?.formError;
  return (
    <div className="stack">
      <h1>{t("moderation.refused")}</h1>
      {message ? <Notice kind="error">{message}</Notice> : null}
      <p>
        <Link to={`/ideas/${number}`}>{t("moderation.back")}</Link>
      </p>
    </div>
  );
}
