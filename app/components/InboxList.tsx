import { Link, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n/use-t";
import { personName } from "../person-name";
import { StatusBadge } from "./StatusBadge";
import { TagChips } from "./Tags";
import { withNodes, withUserText } from "./with-nodes";
import type { InboxIdea, Serialized } from "../shapes";

/** An inbox idea as the page's loader sends it, with its vote count and age said in the reader's language. */
export type InboxRowData = Serialized<InboxIdea> & { votes: string; age: string };

export const BULK_FORM_ID = "bulk-form";

/** Typing in a field is never a shortcut: only keys pressed on the page, a link, a button or a tick box are. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
}

/**
 * The inbox's ideas, each with a tick box for the bulk form (outside the list, joined by `form=`)
 * and its own "mark as reviewed" form. With JavaScript: j / k move the focus from idea to idea
 * (onto its title link, so Enter opens it), s opens the focused idea's status form, x ticks it.
 */
export function InboxList({ ideas, allSelected, selectAllHref }: { ideas: InboxRowData[]; allSelected: boolean; selectAllHref: string }) {
  const t = useT();
  const list = useRef<HTMLOListElement>(null);
  const navigate = useNavigate();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const rows = [...(list.current?.querySelectorAll<HTMLLIElement>("li[data-number]") ?? [])];
      if (rows.length === 0) return;
      const current = rows.findIndex((row) => row.contains(document.activeElement));
      const focusRow = (index: number) => rows[Math.min(Math.max(index, 0), rows.length - 1)].querySelector<HTMLAnchorElement>("a[data-idea-link]")?.focus();
      if (event.key === "j") focusRow(current + 1);
      else if (event.key === "k") focusRow(current < 0 ? 0 : current - 1);
      else if (event.key === "s" && current >= 0) navigate(`${rows[current].dataset.url}#status`);
      else if (event.key === "x" && current >= 0) rows[current].querySelector<HTMLInputElement>("input[type=checkbox]")?.click();
      else return;
      event.preventDefault();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [navigate]);

  function selectAll(checked: boolean) {
    for (const box of list.current?.querySelectorAll<HTMLInputElement>("input[name='ideas[]']") ?? []) box.checked = checked;
  }

  return (
    <>
      <div className="inbox-select row">
        {hydrated ? (
          <div className="checkbox">
            <input type="checkbox" id="inbox-select-all" defaultChecked={allSelected} onChange={(e) => selectAll(e.currentTarget.checked)} />
            <label htmlFor="inbox-select-all">{t("inbox.selectAll")}</label>
          </div>
        ) : (
          <Link to={selectAllHref}>{t("inbox.selectAll")}</Link>
        )}
      </div>
      <ol className="inbox-list" ref={list} aria-label={t("inbox.listLabel")}>
        {ideas.map((idea) => (
          <li key={idea.number} className="inbox-item card" data-number={idea.number} data-url={idea.url}>
            <div className="checkbox">
              <input
                type="checkbox"
                id={`select-${idea.number}`}
                name="ideas[]"
                value={idea.number}
                form={BULK_FORM_ID}
                defaultChecked={allSelected}
                aria-labelledby={`select-${idea.number}-label idea-${idea.number}-link`}
              />
              <span id={`select-${idea.number}-label`} className="visually-hidden">
                {t("inbox.select")}
              </span>
            </div>
            <div className="inbox-item__body">
              <Link to={idea.url} id={`idea-${idea.number}-link`} data-idea-link="" className="inbox-item__title" dir="auto">
                {idea.title}
              </Link>
              <p className="idea-meta small">
                <span>#{idea.number}</span>
                <StatusBadge status={idea.status} />
                <span dir="auto">{idea.board.name}</span>
                <span>{idea.votes}</span>
                <time dateTime={idea.createdAt}>{idea.age}</time>
                <span>{withUserText(t("board.by"), { name: personName(t, idea.author.name) })}</span>
              </p>
              <TagChips tags={idea.tags} />
            </div>
            {/* A plain form: one per row, and Remix's <Form> costs a few hooks each on every render. */}
            <form method="post" className="inbox-item__review">
              <input type="hidden" name="intent" value="reviewed" />
              <input type="hidden" name="number" value={idea.number} />
              <button type="submit" className="button" aria-describedby={`idea-${idea.number}-link`}>
                {t("inbox.markReviewed")}
              </button>
            </form>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The shortcuts, said on the page (the keys do nothing while typing in a field). */
export function InboxShortcuts() {
  const t = useT();
  return (
    <p className="inbox-shortcuts small muted" id="inbox-shortcuts">
      {withNodes(t("inbox.shortcuts"), { j: <kbd key="j">j</kbd>, k: <kbd key="k">k</kbd>, enter: <kbd key="enter">Enter</kbd>, s: <kbd key="s">s</kbd>, x: <kbd key="x">x</kbd> })}
    </p>
  );
}
