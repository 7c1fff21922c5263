import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from "react";
import { Notice } from "../components/Field";
import { IdeaBodyField, IdeaTitleField } from "../components/IdeaFields";
import { StatusBadge } from "../components/StatusBadge";
import { translate } from "../i18n";
import { useT } from "../i18n/use-t";
import { requestLocale } from "../lib/locale.server";
import { formRateLimit, formResult, readForm, type FormResult } from "../lib/forms.server";
import { listBoards } from "../models/boards.server";
import { deleteIdeaDraft, findIdeaDraft, saveIdeaDraft } from "../models/idea-drafts.server";
import { accountPath } from "../schemas/pending-action";
import { createIdea } from "../models/ideas.server";
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
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { raw, locale } = await readForm(request, context);
  const actor = context.auth.user;
  if (!actor) {
    const limited = await formRateLimit([["idea", context.clientIp]], locale);
    if (limited) return limited;
    const draft = await saveIdeaDraft(raw);
    return redirect(accountPath("/login", `/ideas/new?draft=${draft}`, null));
  }
  try {
    const idea = await createIdea({ actor, board: raw.board, title: raw.title, body: raw.body });
    await deleteIdeaDraft(raw.draft);
    return redirect(idea.url);
  } catch (error) {
    return formResult(error, raw, "idea");
  }
}

const SIMILAR_DELAY_MS = 300;
type SimilarIdea = SerializeFrom<typeof similarLoader>["ideas"][number];

/**
 * Ideas like the title being typed, looked up after a pause in typing. A plain fetch rather than
 * a Remix fetcher: a fetcher's first load of a route the browser has not discovered yet fails
 * with a 404 error page when a form post on the page finishes first, and these suggestions
 * should never be revalidated after a post anyway. Without JavaScript nothing is suggested.
 */
function useSimilarIdeas(): [SimilarIdea[], (q: string, board: string) => void] {
  const [ideas, setIdeas] = useState<SimilarIdea[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const request = useRef<AbortController>();
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      request.current?.abort();
    },
    [],
  );
  const lookUp = useCallback((q: string, board: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      request.current?.abort();
      const controller = (request.current = new AbortController());
      try {
        const response = await fetch(`/ideas/similar?${new URLSearchParams({ q, board })}`, { signal: controller.signal });
        if (response.ok) setIdeas(((await response.json()) as { ideas: SimilarIdea[] }).ideas);
      } catch {
        // Aborted by a newer lookup, or offline: the suggestions are optional.
      }
    }, SIMILAR_DELAY_MS);
  }, []);
  return [ideas, lookUp];
}

export default function NewIdea() {
  const t = useT();
  const { boards, board, draft, signedIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormResult | undefined;
  const busy = useNavigation().state === "submitting";
  const [suggestions, lookUpSimilar] = useSimilarIdeas();

  function onTitleChange(event: ChangeEvent<HTMLInputElement>) {
    const boardSelect = event.currentTarget.form?.elements.namedItem("board") as HTMLSelectElement | null;
    lookUpSimilar(event.currentTarget.value, boardSelect?.value ?? "");
  }

  const values = result?.values ?? draft ?? undefined;
  return (
    <div className="idea-form card">
      <h1>{t("ideaForm.newTitle")}</h1>
      {signedIn ? null : <p>{t("ideaForm.signInFirst")}</p>}
      {draft && signedIn && !result ? <Notice kind="info">{t("ideaForm.draftRestored")}</Notice> : null}
      {result?.formError ? <Notice kind="error">{result.formError}</Notice> : null}
      <Form method="post" noValidate>
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
        <IdeaTitleField defaultValue={values?.title} error={result?.errors?.title} onChange={onTitleChange} />
        <div className="similar" aria-live="polite">
          {suggestions.length > 0 ? (
            <section aria-labelledby="similar-heading" className="similar__box">
              <h2 id="similar-heading">{t("ideaForm.similarTitle")}</h2>
              <p className="small muted">{t("ideaForm.similarHint")}</p>
              <ul className="similar__list">
                {suggestions.map((idea) => (
                  <li key={idea.number}>
                    <Link to={idea.url}>{idea.title}</Link> <StatusBadge status={idea.status} />{" "}
                    <span className="small muted">{t("board.votes", { count: idea.voteCount })}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <IdeaBodyField rows={10} defaultValue={values?.body} error={result?.errors?.body} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("ideaForm.submit")}
        </button>
      </Form>
    </div>
  );
}
