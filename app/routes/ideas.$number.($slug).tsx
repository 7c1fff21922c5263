import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApprovalBadge, ApprovalForms, ApprovalNotice } from "../components/Approval";
import { CommentForm, commentFormId } from "../components/CommentForm";
import { DemandPanel } from "../components/DemandPanel";
import { ImportanceForm } from "../components/ImportanceForm";
import { ConfirmForm } from "../components/ConfirmForm";
import { CommentsLock, HiddenNotice, HideForm, PinForm } from "../components/ModerationForms";
import { Notice } from "../components/Field";
import { FollowButton } from "../components/FollowButton";
import { ReportForm } from "../components/ReportForm";
import { LatestStatus } from "../components/LatestStatus";
import { AttachmentList } from "../components/Attachments";
import { MergeForm } from "../components/MergeForm";
import { MoveForm } from "../components/MoveForm";
import { IdeaTagsForm } from "../components/IdeaTagsForm";
import { TagChips } from "../components/Tags";
import { Markdown } from "../components/Markdown";
import { StatusBadge } from "../components/StatusBadge";
import { StatusForm } from "../components/StatusForm";
import { Timeline } from "../components/Timeline";
import { VoteButton } from "../components/VoteButton";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { badRequest, notFound } from "../lib/errors.server";
import { withUserText } from "../components/with-nodes";
import { formResult, readUploadPost, type FormResult } from "../lib/forms.server";
import { requestLocale } from "../lib/locale.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { addAttachments, prepareAttachments } from "../models/attachments.server";
import { insertCannedReply } from "../models/canned-replies.server";
import { addComment, deleteComment, updateComment } from "../models/comments.server";
import { deleteIdea, getIdeaWithComments } from "../models/ideas.server";
import { addVoteOnBehalf } from "../models/votes-on-behalf.server";
import { ideaPageData } from "../models/idea-page.server";
import { moveIdea } from "../models/idea-moves.server";
import { setIdeaTags } from "../models/idea-tags.server";
import { mergeIdea, unmergeIdea } from "../models/merges.server";
import { setIdeaStatus } from "../models/statuses.server";
import { setIdeaScores } from "../models/priorities.server";
import { scoresFromForm } from "../schemas/priorities";
import { ScoreForm } from "../components/ScoreForm";
import { LATEST_STATUS_ID } from "../idea-links";
import { isPositiveInt4 } from "../schemas/limits";
import { findStatusView, useStatuses } from "../statuses";
import { articleMeta, pageMeta } from "../page-meta";
import boardStyles from "../styles/board.css";
import updatesStyles from "../styles/updates.css";
import customerStyles from "../styles/customers.css";
import { personName } from "../person-name";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: updatesStyles },
  { rel: "stylesheet", href: customerStyles },
];

/** The description and Open Graph tags are what a link preview (chat, social, mail) shows. */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? articleMeta(matches, { title: data.idea.title, excerpt: data.idea.excerpt, url: data.shareUrl }) : pageMeta(matches, "Loopboard");

/** Everything the page shows, in one object (app/models/idea-page.server.ts assembles it). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = context.auth.user;
  const found = await getIdeaWithComments({ actor, number: ideaNumberParam(params.number) });
  if (!found) throw notFound();
  const { idea } = found;
  const url = new URL(request.url);
  // A merged idea lives on in the one it was merged into (temporarily: a merge can be undone).
  if (idea.mergedInto) throw redirect(`${idea.mergedInto.url}?merged=${idea.number}`);
  if (params.slug !== idea.slug) throw redirect(idea.url + url.search, 301);
  return json(await ideaPageData({ actor, found, url, locale: requestLocale(request, context) }));
}

/** The comment a post is about (edit, delete); anything but an id is a malformed post. */
function commentRef(raw: Record<string, unknown>): number {
  const id = typeof raw.id === "string" && /^\d{1,10}$/.test(raw.id) ? Number(raw.id) : NaN;
  if (!isPositiveInt4(id)) throw badRequest();
  return id;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const number = ideaNumberParam(params.number);
  const page = new URL(request.url).pathname;
  const { raw, locale, files, refusal } = await readUploadPost(request, context);
  const intent = String(raw.intent ?? "");
  const form = ["status", "merge", "unmerge", "scores", "voteOnBehalf", "move", "tags"].includes(intent) ? intent : commentFormId(intent, Number(raw.parentId ?? raw.id) || null);
  try {
    if (refusal) throw refusal;
    // Without JavaScript, "Insert" posts the form: it comes back with the canned reply in the box.
    if (raw.insertReply === "note" || raw.insertReply === "body") {
      const text = await insertCannedReply({ actor, number, id: raw.cannedReply, into: raw[raw.insertReply] });
      return json({ form: raw.insertReply === "note" ? "status" : "comment", values: { ...raw, [raw.insertReply]: text } } as FormResult);
    }
    if (intent === "comment") {
      // Screenshots are checked first: a refused file posts nothing.
      const screenshots = await prepareAttachments(files, locale);
      const comment = await addComment({ actor, number, body: raw.body, parentId: raw.parentId, notify: raw.notify, internal: raw.internal });
      await addAttachments({ actor, number, commentId: comment.id, upload: screenshots });
      return redirect(`${page}#comment-${comment.id}`);
    }
    if (intent === "editComment") {
      const id = commentRef(raw);
      await updateComment({ actor, id, body: raw.body });
      return redirect(`${page}#comment-${id}`);
    }
    if (intent === "deleteComment") {
      const id = commentRef(raw);
      await deleteComment({ actor, id });
      return redirect(`${page}#comments`);
    }
    if (intent === "status") {
      // Members are refused by the model (403), before anything is read.
      const { statusChange } = await setIdeaStatus({ actor, number, status: raw.status, note: raw.note, notify: raw.notify });
      // Back under the title, where the page confirms what happened (see `changed` in the loader).
      return redirect(`${page}?changed=${statusChange.id}#${LATEST_STATUS_ID}`);
    }
    if (intent === "merge") {
      const { intoNumber } = await mergeIdea({ actor, number, into: raw.into });
      return redirect(`/ideas/${intoNumber}?merged=${number}`);
    }
    if (intent === "move") {
      const moved = await moveIdea({ actor, number, board: raw.board });
      return redirect(`${page}?moved=${encodeURIComponent(moved.to.slug)}`);
    }
    if (intent === "tags") {
      await setIdeaTags({ actor, number, tags: raw.tags ?? [] });
      return redirect(`${page}?tagged=1#tags`);
    }
    if (intent === "unmerge") {
      const unmerged = await unmergeIdea({ actor, number: Number(raw.number) });
      return redirect(`${page}?unmerged=${unmerged.number}`);
    }
    if (intent === "scores") {
      await setIdeaScores({ actor, number, raw: scoresFromForm(raw), locale });
      return redirect(`${page}#scores`);
    }
    if (intent === "voteOnBehalf") {
      const { added, voter } = await addVoteOnBehalf({ actor, number, email: raw.email, name: raw.name, note: raw.note });
      return redirect(`${page}?onBehalf=${added ? "added" : "already"}&email=${encodeURIComponent(voter.email)}#demand`);
    }
    if (intent === "deleteIdea") {
      await deleteIdea({ actor, number });
      return redirect("/");
    }
  } catch (error) {
    return formResult(error, raw, form, locale);
  }
  throw badRequest();
}

export default function IdeaPage() {
  const t = useT();
  const statuses = useStatuses();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const { idea, follow } = data;
  const latestStatus = data.statusChanges.at(-1);
  const changed = data.changedId !== null && latestStatus?.id === data.changedId ? latestStatus : undefined;
  // Refusals of a delete have no form of their own to sit next to.
  const pageError = result?.form?.startsWith("delete") || result?.form === "unmerge" ? result.formError : undefined;
  return (
    <div className="idea-page stack">
      {pageError ? <Notice kind="error">{pageError}</Notice> : null}
      {idea.hidden ? <HiddenNotice number={idea.number} reason={idea.hidden.reason} /> : null}
      <ApprovalNotice approval={idea.approval} staff={data.canModerate} />
      {data.canModerate && idea.approval.state !== "approved" ? <ApprovalForms number={idea.number} state={idea.approval.state} describedBy="idea-title" action={`/ideas/${idea.number}/moderate`} /> : null}
      {data.mergedNotice ? <Notice kind="info">{t("merge.notice", { number: data.mergedNotice })}</Notice> : null}
      {data.unmergedNotice ? <Notice kind="success">{t("merge.unmerged", { number: data.unmergedNotice })}</Notice> : null}
      {data.movedNotice ? <Notice kind="success">{withUserText(t("move.done"), { board: data.movedNotice })}</Notice> : null}
      {changed ? (
        <Notice kind="success">
          {changed.notified
            ? t("statusForm.changed", { status: findStatusView(statuses, changed.toStatus).label, count: follow.notifyCount ?? 0, n: follow.notifyCountText ?? "0" })
            : t("statusForm.changedQuietly", { status: findStatusView(statuses, changed.toStatus).label })}
        </Notice>
      ) : null}
      <article className="card idea" id={`idea-${idea.number}`} aria-labelledby="idea-title">
        <div className="idea__head">
          <VoteButton number={idea.number} title={idea.title} voteCount={idea.voteCount} votedByMe={idea.votedByMe} />
          <div className="idea__heading">
            <h1 id="idea-title" dir="auto">{idea.title}</h1>
            <p className="idea-meta small">
              {idea.pinned ? <strong className="pinned">{t("board.pinned")}</strong> : null}
              {idea.approval.state !== "approved" ? <ApprovalBadge state={idea.approval.state} /> : null}
              <StatusBadge status={idea.status} />
              <Link to={`/?board=${encodeURIComponent(idea.board.slug)}`} dir="auto">{idea.board.name}</Link>
              <span>{withUserText(t("ideaPage.postedBy"), { name: personName(t, idea.author.name) })}</span>
              <time dateTime={idea.createdAt}>{idea.date}</time>
            </p>
            <TagChips tags={idea.tags} />
          </div>
        </div>
        {latestStatus ? <LatestStatus change={latestStatus} /> : null}
        {idea.bodyHtml ? <Markdown html={idea.bodyHtml} /> : null}
        <AttachmentList items={idea.attachments} />
        {data.importance ? <ImportanceForm number={idea.number} {...data.importance} /> : null}
        {follow.following !== null ? (
          <FollowButton
            number={idea.number}
            following={follow.following}
            followerCount={follow.followerCount}
            followerCountText={follow.followerCountText}
            canSeeFollowers={follow.canSeeFollowers}
          />
        ) : null}
        {idea.canEdit || idea.canDelete ? (
          <div className="idea__actions row">
            {idea.canEdit ? (
              <Link to={`/ideas/${idea.number}/edit`} className="button">
                {t("ideaPage.edit")}
              </Link>
            ) : null}
            {idea.canDelete ? (
              <ConfirmForm
                id="delete-idea"
                label={t("ideaPage.delete")}
                labelClassName="button button--danger"
                warning={t("ideaPage.deleteWarning")}
                confirm={t("ideaPage.deleteConfirm")}
                fields={{ intent: "deleteIdea" }}
              />
            ) : null}
          </div>
        ) : null}
        {data.canModerate && !idea.hidden ? <PinForm number={idea.number} pinned={idea.pinned} /> : null}
        {data.canModerate && !idea.hidden ? <HideForm number={idea.number} /> : null}
        <ReportForm number={idea.number} authorId={idea.author.id} reporting={data.reporting} />
      </article>

      {data.canChangeStatus ? (
        // Keyed by the status so a successful change resets the form.
        <StatusForm
          key={idea.status}
          current={idea.status}
          notifyCount={follow.notifyCount ?? 0}
          notifyCountText={follow.notifyCountText ?? "0"}
          noteMax={data.statusNoteMax}
          result={result}
          previewAction={`/ideas/${idea.number}/status-preview`}
          cannedReplies={data.cannedReplies}
        />
      ) : null}

      {data.staffDemand ? <DemandPanel number={idea.number} demand={data.staffDemand.demand} result={result} notice={data.staffDemand.notice} /> : null}

      {data.canMerge ? <MergeForm result={result} similar={data.similar} /> : null}
      {data.tagChoices ? <IdeaTagsForm tags={data.tagChoices} current={idea.tags.map((tag) => tag.slug)} saved={data.taggedNotice} result={result} /> : null}
      {data.boards ? <MoveForm boards={data.boards} current={idea.board.slug} result={result} /> : null}

      {data.scores ? <ScoreForm data={data.scores} result={result} /> : null}

      <section id="comments" className="card comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading">
          {t("comments.title")} <span className="muted">({data.commentTotal})</span>
        </h2>
        <Timeline
          comments={data.comments}
          statusChanges={data.statusChanges}
          merges={data.merges}
          activity={data.activity}
          showQuiet={data.canChangeStatus}
          ideaUrl={idea.url}
          editingId={data.editingCommentId}
          canReply={data.canComment}
          result={result}
          attachmentLimits={data.attachmentLimits}
          canModerate={data.canModerate}
          reporting={data.reporting}
        />
        <CommentsLock number={idea.number} locked={idea.commentsLocked} canLock={data.canLockComments} />
        {data.canComment ? (
          // Keyed by the count so a posted comment empties the form.
          <CommentForm
            key={idea.commentCount}
            intent="comment"
            attachmentLimits={data.attachmentLimits}
            label={t("comments.new")}
            submitLabel={t("comments.submit")}
            result={result}
            notifyLabel={data.isStaff && follow.notifyCount !== null ? t("comments.notifyFollowers", { count: follow.notifyCount, n: follow.notifyCountText ?? "" }) : undefined}
            offerInternal={data.canWriteInternalNote}
            cannedReplies={data.cannedReplies}
          />
        ) : data.blocked ? (
          <p>{t("error.blocked")}</p>
        ) : idea.commentsLocked ? null : (
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(idea.url)}`}>{t("comments.signIn")}</Link>
          </p>
        )}
      </section>
    </div>
  );
}
