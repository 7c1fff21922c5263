import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetchers, useLoaderData, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Notice } from "../components/Field";
import { IdeaBodyField, IdeaTitleField } from "../components/IdeaFields";
import { StatusBadge } from "../components/StatusBadge";
import { VoteButton } from "../components/VoteButton";
import { translate } from "../i18n";
import { useT } from "../i18n/use-t";
import { requestLocale } from "../lib/locale.server";
import { formRateLimit, formResult, readUploadPost, type FormResult } from "../lib/forms.server";
import { listBoards } from "../models/boards.server";
import { deleteIdeaDraft, findIdeaDraft, saveIdeaDraft } from "../models/idea-drafts.server";
import { accountPath } from "../schemas/pending-action";
import { createIdea } from "../models/ideas.server";
import { addAttachments, attachmentLimits, prepareAttachments } from "../models/attachments.server";
import { AttachmentField } from "../components/Attachments";
import boardStyles from "../styles/board.css";
import type { loader as similarLoader } from "./ideas.similar";
import { pageMeta } from "../page-meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, data?.title ?? "Loopboard");

// Open to everyone: a signed-out person can write, and is asked to sign in when they post (the
// draft is kept meanwhile, see idea-drafts.server.ts).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const boards = await listBoards();
  const query = new URL(request.url).searchParams;
  const draftToken = query.get("draft");
  const draft = await findIdeaDraft(draftToken);
  const wanted = draft?.board || query.get("board");
  return json({
    title: translate(requestLocale(request, context), "ideaForm.newMeta"),
    boards: boards.map((b) => ({ slug: b.slug, name: b.name })),
    board: (boards.find((b) => b.slug === wanted) ?? boards[0])?.slug ?? "",
    draft: draft ? { ...draft, token: draftToken as string } : null,
    signedIn: context.auth.user !== null,
    attachmentLimits: attachmentLimits(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  let posted;
  try {
    posted = await readUploadPost(request, context);
  } catch (error) {
    return formResult(error, {}, "idea");
  }
  const { raw, locale, files, refusal } = posted;
  if (refusal) return formResult(refusal, raw, "idea");
  const actor = context.auth.user;
  if (!actor) {
    const limited = await formRateLimit([["idea", context.clientIp]], locale);
    if (limited) return limited;
    // The text is kept while they sign in; files are not (they are chosen again).
    const draft = await saveIdeaDraft(raw);
    return redirect(accountPath("/login", `/ideas/new?draft=${draft}`, null));
  }
  try {
    // Screenshots are checked before the idea is posted, so a refused file posts nothing.
    const screenshots = await prepareAttachments(files, locale);
    const idea = await createIdea({ actor, board: raw.board, title: raw.title, body: raw.body });
    await addAttachments({ actor, number: idea.number, upload: screenshots });
    await deleteIdeaDraft(raw.draft);
    return redirect(idea.url);
  } catch (error) {
    return formResult(error, raw, "idea", locale);
  }
}

const SIMILAR_DELAY_MS = 300;
type SimilarIdea = SerializeFrom<typeof similarLoader>["ideas"][number];

/**
 * Ideas like the title being typed, looked up after a pause in typing, and again when a vote
 * from the list has been saved (so each button shows the vote it now holds). A plain fetch rather
 * than a Remix fetcher: a fetcher's first load of a route the browser has not discovered yet
 * fails with a 404 error page when a form post on the page finishes first, and these suggestions
 * should never be revalidated after the idea is posted anyway. Without JavaScript nothing is
 * suggested.
 */
function useSimilarIdeas(): [SimilarIdea[], (q: string) => void] {
  const [ideas, setIdeas] = useState<SimilarIdea[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const request = useRef<AbortController>();
  const lastQuery = useRef("");
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      request.current?.abort();
    },
    [],
  );
  const lookUp = useCallback((q: string, delay = SIMILAR_DELAY_MS) => {
    lastQuery.current = q;
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      request.current?.abort();
      const controller = (request.current = new AbortController());
      try {
        const response = await fetch(`/ideas/similar?${new URLSearchParams({ q })}`, { signal: controller.signal });
        if (response.ok) setIdeas(((await response.json()) as { ideas: SimilarIdea[] }).ideas);
      } catch {
        // Aborted by a newer lookup, or offline: the suggestions are optional.
      }
    }, delay);
  }, []);

  // A vote posted from the list (VoteButton's fetcher): once the action has answered, look again.
  const voting = useFetchers().some((f) => f.state === "submitting" && /^\/ideas\/\d+\/vote$/.test(f.formAction ?? ""));
  const wasVoting = useRef(false);
  useEffect(() => {
    if (wasVoting.current && !voting && lastQuery.current) lookUp(lastQuery.current, 0);
    wasVoting.current = voting;
  }, [voting, lookUp]);

  return [ideas, lookUp];
}

/** The ideas already posted that look like the one being written, each with its status and a vote button. */
function SimilarIdeas({ ideas }: { ideas: SimilarIdea[] }) {
  const t = useT();
  if (ideas.length === 0) return null;
  return (
    <section aria-labelledby="similar-heading" className="similar__box">
      <h2 id="similar-heading">{t("ideaForm.similarTitle")}</h2>
      <p className="small muted">{t("ideaForm.similarHint")}</p>
      <ul className="similar__list">
        {ideas.map((idea) => (
          <li key={idea.number} className="similar__item">
            <VoteButton number={idea.number} title={idea.title} voteCount={idea.voteCount} votedByMe={idea.votedByMe} />
            <div className="similar__text">
              <Link to={idea.url} dir="auto">
                {idea.title}
              </Link>
              <p className="idea-meta small">
                <StatusBadge status={idea.status} />
                <span dir="auto">{idea.board}</span>
                <span>{t("board.votes", { count: idea.voteCount })}</span>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

const FORM_ID = "new-idea-form";

export default function NewIdea() {
  const t = useT();
  const { boards, board, draft, signedIn, attachmentLimits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  const [suggestions, lookUpSimilar] = useSimilarIdeas();

  const values = result?.values ?? draft ?? undefined;
  // The suggestions hold vote forms of their own, and forms cannot nest: the idea's form ends
  // after the title, and the body and the submit button below the suggestions join it through
  // their `form` attribute (so the page still reads, and tabs, top to bottom).
  return (
    <div className="idea-form card">
      <h1>{t("ideaForm.newTitle")}</h1>
      {signedIn ? null : <p>{t("ideaForm.signInFirst")}</p>}
      {draft && signedIn && !result ? <Notice kind="info">{t("ideaForm.draftRestored")}</Notice> : null}
      {result?.formError ? <Notice kind="error">{result.formError}</Notice> : null}
      <Form method="post" id={FORM_ID} encType="multipart/form-data" noValidate>
        {draft ? <input type="hidden" name="draft" value={draft.token} /> : null}
        <div className="field">
          <label htmlFor="field-board">{t("ideaForm.board")}</label>
          <select
            id="field-board"
            name="board"
            defaultValue={values?.board ?? board}
            aria-invalid={result?.errors?.board ? true : undefined}
            aria-describedby={result?.errors?.board ? "field-board-error" : undefined}
          >
            {boards.map((b) => (
              <option key={b.slug} value={b.slug}>
                {b.name}
              </option>
            ))}
          </select>
          {result?.errors?.board ? (
            <p id="field-board-error" className="field-error">
              {result.errors.board}
            </p>
          ) : null}
        </div>
        <IdeaTitleField defaultValue={values?.title} error={result?.errors?.title} onChange={(event) => lookUpSimilar(event.currentTarget.value)} />
      </Form>
      <div className="similar" aria-live="polite">
        <SimilarIdeas ideas={suggestions} />
      </div>
      <IdeaBodyField form={FORM_ID} rows={10} defaultValue={values?.body} error={result?.errors?.body} />
      <AttachmentField id="field-attachments" form={FORM_ID} limits={attachmentLimits} error={result?.errors?.attachments} />
      <button type="submit" form={FORM_ID} className="button button--primary" disabled={busy}>
        {t("ideaForm.submit")}
      </button>
    </div>
  );
}
