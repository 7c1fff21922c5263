import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CommentForm, commentFormId } from "../components/CommentForm";
import { ConfirmForm } from "../components/ConfirmForm";
import type { CommentData } from "../components/CommentList";
import { Notice } from "../components/Field";
import { FollowButton } from "../components/FollowButton";
import { LatestStatus } from "../components/LatestStatus";
import { AttachmentList } from "../components/Attachments";
import { MergeForm } from "../components/MergeForm";
import { Markdown } from "../components/Markdown";
import { StatusBadge } from "../components/StatusBadge";
import { StatusForm } from "../components/StatusForm";
import { Timeline } from "../components/Timeline";
import { VoteButton } from "../components/VoteButton";
import { formatDate, formatNumber } from "../i18n/format";
import type { Locale } from "../i18n";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { badRequest, notFound } from "../lib/errors.server";
import { withUserText } from "../components/with-nodes";
import { env } from "../lib/env.server";
import { formResult, readUploadPost, type FormResult } from "../lib/forms.server";
import { requestLocale } from "../lib/locale.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { addAttachments, attachmentLimits, listAttachments, prepareAttachments, type AttachmentView } from "../models/attachments.server";
import { addComment, deleteComment, updateComment, type CommentView } from "../models/comments.server";
import { getIdeaFollowState } from "../models/followers.server";
import { deleteIdea, getIdeaWithComments } from "../models/ideas.server";
import { listMergeEntries, mergeIdea, unmergeIdea } from "../models/merges.server";
import { listStatusChanges, setIdeaStatus } from "../models/statuses.server";
import { canChangeStatus, canComment, canMergeIdeas, canSeeFollowers, isStaff } from "../permissions";
import { LATEST_STATUS_ID } from "../idea-links";
import { isPositiveInt4 } from "../schemas/limits";
import { STATUS_META } from "../statuses";
import { STATUS_NOTE_MAX } from "../schemas/statuses";
import { pageMeta } from "../page-meta";
import boardStyles from "../styles/board.css";
import updatesStyles from "../styles/updates.css";
import { personName } from "../person-name";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: updatesStyles },
];

/** The description and Open Graph tags are what a link preview (chat, social, mail) shows. */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return pageMeta(matches, "Loopboard");
  const tags = pageMeta(matches, `${data.idea.title} · Loopboard`, data.idea.excerpt);
  const description = tags.find((tag) => "name" in tag && tag.name === "description") as { content: string };
  return [
    ...tags,
    { tagName: "link", rel: "canonical", href: data.shareUrl },
    { property: "og:type", content: "article" },
    { property: "og:site_name", content: "Loopboard" },
    { property: "og:title", content: data.idea.title },
    { property: "og:description", content: description.content },
    { property: "og:url", content: data.shareUrl },
    { name: "twitter:card", content: "summary" },
  ];
};

function withDates(comment: CommentView, locale: Locale, attachments: Record<number, AttachmentView[]>): CommentData {
  return {
    ...comment,
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
    date: formatDate(locale, comment.createdAt),
    attachments: attachments[comment.id] ?? [],
    replies: comment.replies.map((reply) => withDates(reply, locale, attachments)),
  };
}

/** Everything the page shows, in one object: later features (timeline, follow) add their parts here. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = context.auth.user;
  const found = await getIdeaWithComments({ actor, number: ideaNumberParam(params.number) });
  if (!found) throw notFound();
  const { idea, comments } = found;
  const url = new URL(request.url);
  // A merged idea lives on in the one it was merged into (temporarily: a merge can be undone).
  if (idea.mergedInto) throw redirect(`${idea.mergedInto.url}?merged=${idea.number}`);
  if (params.slug !== idea.slug) throw redirect(idea.url + url.search, 301);
  const locale = requestLocale(request, context);
  const statusChanges = await listStatusChanges({ ideaId: idea.id });
  const follow = await getIdeaFollowState({ actor, ideaId: idea.id });
  const attachments = await listAttachments({ ideaId: idea.id });
  const merges = await listMergeEntries({ actor, ideaId: idea.id });
  const mergedParam = Number(url.searchParams.get("merged"));
  const data = {
    idea: { ...idea, date: formatDate(locale, idea.createdAt), attachments: attachments.idea },
    // Absolute, from the configured public address: link previews fetch it from elsewhere.
    shareUrl: env.appUrl + idea.url,
    comments: comments.map((comment) => withDates(comment, locale, attachments.byComment)),
    attachmentLimits: attachmentLimits(),
    // The comments shown, those of ideas merged into this one included.
    commentTotal: comments.reduce((n, c) => n + 1 + c.replies.length, 0),
    editingCommentId: Number(url.searchParams.get("edit")) || null,
    // Staff who just changed the status: which change to confirm ("Shipped — 3 people will be told").
    changedId: canChangeStatus(actor) ? Number(url.searchParams.get("changed")) || null : null,
    canComment: canComment(actor),
    statusChanges: statusChanges.map(({ note: _note, ideaId: _ideaId, ...change }) => ({
      ...change,
      createdAt: change.createdAt.toISOString(),
      date: formatDate(locale, change.createdAt),
    })),
    merges: merges.map((e) => ({ ...e, createdAt: e.at.toISOString(), date: formatDate(locale, e.at) })),
    // Arrived from a merged idea's address: say where its votes and comments went.
    mergedNotice: merges.some((e) => e.kind === "mergedIn" && e.other.number === mergedParam) ? mergedParam : null,
    unmergedNotice: canMergeIdeas(actor) ? Number(url.searchParams.get("unmerged")) || null : null,
    canMerge: canMergeIdeas(actor),
    follow: {
      ...follow,
      followerCountText: follow.followerCount === null ? null : formatNumber(locale, follow.followerCount),
      notifyCountText: follow.notifyCount === null ? null : formatNumber(locale, follow.notifyCount),
      canSeeFollowers: canSeeFollowers(actor),
    },
    // Staff: the status form (and the "notify followers" tick box on their comments).
    canChangeStatus: canChangeStatus(actor),
    isStaff: isStaff(actor),
    statusNoteMax: STATUS_NOTE_MAX,
  };
  return json(data);
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
  const form = ["status", "merge", "unmerge"].includes(intent) ? intent : commentFormId(intent, Number(raw.parentId ?? raw.id) || null);
  try {
    if (refusal) throw refusal;
    if (intent === "comment") {
      // Screenshots are checked first: a refused file posts nothing.
      const screenshots = await prepareAttachments(files, locale);
      const comment = await addComment({ actor, number, body: raw.body, parentId: raw.parentId, notify: raw.notify });
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
    if (intent === "unmerge") {
      const unmerged = await unmergeIdea({ actor, number: Number(raw.number) });
      return redirect(`${page}?unmerged=${unmerged.number}`);
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
      {data.mergedNotice ? <Notice kind="info">{t("merge.notice", { number: data.mergedNotice })}</Notice> : null}
      {data.unmergedNotice ? <Notice kind="success">{t("merge.unmerged", { number: data.unmergedNotice })}</Notice> : null}
      {changed ? (
        <Notice kind="success">
          {changed.notified
            ? t("statusForm.changed", { status: t(STATUS_META[changed.toStatus].labelKey), count: follow.notifyCount ?? 0, n: follow.notifyCountText ?? "0" })
            : t("statusForm.changedQuietly", { status: t(STATUS_META[changed.toStatus].labelKey) })}
        </Notice>
      ) : null}
      <article className="card idea" id={`idea-${idea.number}`} aria-labelledby="idea-title">
        <div className="idea__head">
          <VoteButton number={idea.number} title={idea.title} voteCount={idea.voteCount} votedByMe={idea.votedByMe} />
          <div className="idea__heading">
            <h1 id="idea-title" dir="auto">{idea.title}</h1>
            <p className="idea-meta small">
              <StatusBadge status={idea.status} />
              <Link to={`/?board=${encodeURIComponent(idea.board.slug)}`} dir="auto">{idea.board.name}</Link>
              <span>{withUserText(t("ideaPage.postedBy"), { name: personName(t, idea.author.name) })}</span>
              <time dateTime={idea.createdAt}>{idea.date}</time>
            </p>
          </div>
        </div>
        {latestStatus ? <LatestStatus change={latestStatus} /> : null}
        {idea.bodyHtml ? <Markdown html={idea.bodyHtml} /> : null}
        <AttachmentList items={idea.attachments} />
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
                label={t("ideaPage.delete")}
                labelClassName="button button--danger"
                warning={t("ideaPage.deleteWarning")}
                confirm={t("ideaPage.deleteConfirm")}
                fields={{ intent: "deleteIdea" }}
              />
            ) : null}
          </div>
        ) : null}
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
        />
      ) : null}

      {data.canMerge ? <MergeForm result={result} /> : null}

      <section id="comments" className="card comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading">
          {t("comments.title")} <span className="muted">({data.commentTotal})</span>
        </h2>
        <Timeline
          comments={data.comments}
          statusChanges={data.statusChanges}
          merges={data.merges}
          showQuiet={data.canChangeStatus}
          ideaUrl={idea.url}
          editingId={data.editingCommentId}
          canReply={data.canComment}
          result={result}
          attachmentLimits={data.attachmentLimits}
        />
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
          />
        ) : (
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(idea.url)}`}>{t("comments.signIn")}</Link>
          </p>
        )}
      </section>
    </div>
  );
}
