import { useEffect, useRef, useState, type MouseEvent } from "react";
import { Link, useFetcher } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { IdeaCard, type IdeaCardData } from "./IdeaCard";
import { useInAppLinks } from "./use-in-app-links";

interface Page {
  ideas: IdeaCardData[];
  nextCursor: string | null;
}

interface Props extends Page {
  /** The address of the page that starts at `cursor` (a plain link: it works without JavaScript and can be shared). */
  hrefFor: (cursor: string) => string;
}

/**
 * The board's list with its "More ideas" link. Without JavaScript the link opens the next page;
 * with it, the next page is fetched and added under the ideas already shown, focus moves to the
 * first new idea and a status message says how many came. The page's address stays the list's
 * (from its first idea), so it can still be shared. Mount it with a key per query: a new filter
 * starts over.
 */
export function PagedIdeaList({ ideas, nextCursor, hrefFor }: Props) {
  const t = useT();
  const fetcher = useFetcher<Page>();
  const [more, setMore] = useState<IdeaCardData[]>([]);
  const [cursor, setCursor] = useState(nextCursor);
  const [announcement, setAnnouncement] = useState("");
  const focusNumber = useRef<number | null>(null);
  const list = useInAppLinks<HTMLUListElement>();

  useEffect(() => {
    const page = fetcher.data;
    if (!page) return;
    const seen = new Set([...ideas, ...more].map((idea) => idea.id));
    const added = page.ideas.filter((idea) => !seen.has(idea.id));
    focusNumber.current = added[0]?.number ?? null;
    setAnnouncement(t("board.moreLoaded", { count: added.length }));
    setMore([...more, ...added]);
    setCursor(page.nextCursor);
    // Runs once per fetched page; the ideas already shown are read only to skip duplicates.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.data]);

  useEffect(() => {
    if (focusNumber.current === null) return;
    document.querySelector<HTMLAnchorElement>(`#idea-${focusNumber.current}-title a`)?.focus();
    focusNumber.current = null;
  }, [more]);

  function loadMore(event: MouseEvent<HTMLAnchorElement>) {
    // A new tab or window (modifier keys, middle click) opens the next page as a link does.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || !cursor) return;
    event.preventDefault();
    if (fetcher.state !== "idle") return;
    const href = hrefFor(cursor);
    // `index` asks for the board route's own data rather than the root layout's.
    fetcher.load(href + (href.includes("?") ? "&index" : "?index"));
  }

  return (
    <>
      <ul className="idea-list" aria-label={t("board.list")} ref={list}>
        {[...ideas, ...more].map((idea) => (
          <li key={idea.id}>
            <IdeaCard idea={idea} />
          </li>
        ))}
      </ul>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {cursor ? (
        <div className="board__pages row">
          <Link to={hrefFor(cursor)} className="button" onClick={loadMore} aria-busy={fetcher.state !== "idle" || undefined}>
            {t("board.more")}
          </Link>
        </div>
      ) : null}
    </>
  );
}
