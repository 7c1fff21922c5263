import { useEffect, useRef, useState, type ReactNode } from "react";
import { useSearchParams } from "@remix-run/react";

interface Props {
  /** The disclosure's id: the fallback link's address ends with it, so the page opens there. */
  id: string;
  className: string;
  summary: ReactNode;
  summaryClassName?: string;
  /** The address parameter that asks for the content (`?reply=123`), which is how it opens without JavaScript. */
  param: string;
  value: string;
  /** The fallback link's text, shown inside the disclosure until its content is there. */
  linkText: string;
  /** Open with its content regardless (say, to show a refused post's messages). */
  open?: boolean;
  /** The content, built only when it is shown. */
  children: () => ReactNode;
}

/**
 * A disclosure (a reply or a report form under each of many comments) whose content is built only
 * once it is wanted: in the browser as soon as it is opened, or on the server when the page's
 * address asks for it. Closed, it holds a plain link to that address instead, so it works without
 * JavaScript too (one page load more). A page of 50 comments sends and renders two forms instead
 * of a hundred (docs/decisions/0013-rendering-cost.md).
 */
export function OnDemandDetails({ id, className, summary, summaryClassName, param, value, linkText, open = false, children }: Props) {
  const [params] = useSearchParams();
  const asked = open || params.get(param) === value;
  const [opened, setOpened] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  // Opened before the page's script took over: show the content now.
  useEffect(() => {
    if (details.current?.open) setOpened(true);
  }, []);
  return (
    <details ref={details} id={id} className={className} open={asked || undefined} onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary className={summaryClassName}>{summary}</summary>
      {asked || opened ? (
        children()
      ) : (
        <p>
          <a href={`?${new URLSearchParams({ [param]: value })}#${id}`}>{linkText}</a>
        </p>
      )}
    </details>
  );
}
