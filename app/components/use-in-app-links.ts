import { useEffect, useRef } from "react";
import { useNavigate } from "@remix-run/react";

/**
 * Plain links (`<a href>`) inside the element the returned ref is put on open in the app, as
 * Remix's `<Link>` does: a plain click on one of this site's links navigates without reloading
 * the page; a click with a modifier key or another button, a link to another site, a download or
 * another target is left to the browser. A long list renders its links this way: one listener for
 * the list instead of a `<Link>` per link, each resolving its address and setting up its handlers
 * on every render (docs/decisions/0013-rendering-cost.md).
 */
export function useInAppLinks<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const navigate = useNavigate();
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || !element.contains(link)) return;
      if ((link.target && link.target !== "_self") || link.hasAttribute("download") || link.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(link.pathname + link.search + link.hash);
    };
    element.addEventListener("click", onClick);
    return () => element.removeEventListener("click", onClick);
  }, [navigate]);
  return ref;
}
