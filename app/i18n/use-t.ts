import { useRouteLoaderData } from "@remix-run/react";
import { createContext, useContext, useEffect, useState } from "react";
import { hasCatalog, loadCatalog, translator, type Locale, type Translate } from "./index";
import type { Role } from "../roles";
import type { StatusView } from "../statuses";
import { DEFAULT_LOCALE } from "./locales";

/** The root loader's shape, as far as components need it. */
export interface RootData {
  locale: Locale;
  /** `blocked`: an admin blocked them; every page says so (see canTakePart). */
  user: { id: number; name: string; role: Role; blocked: boolean } | null;
  /** The signed-in person's unread notifications (0 when signed out): the header's bell. */
  unread: number;
  /** Staff: ideas waiting in the triage inbox, counted up to 100 (0 for everyone else). */
  inbox: number;
  /** Staff: open reports, counted up to 100 (0 for everyone else). */
  reports: number;
  /** Staff: ideas awaiting approval, counted up to 100 (0 for everyone else). */
  pending: number;
  /** Every idea status in order, retired ones marked, labelled in `locale` (see useStatuses). */
  statuses: StatusView[];
}

/**
 * The request's language where the root loader's data is missing: an error page for a URL no
 * route matches is rendered without any loader. entry.server.tsx provides it from the load
 * context; entry.client.tsx from the <html lang> the server rendered.
 */
export const RequestLocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export function useRootData(): RootData {
  const data = useRouteLoaderData("root") as RootData | undefined;
  const locale = useContext(RequestLocaleContext);
  return data ?? { locale, user: null, unread: 0, inbox: 0, reports: 0, pending: 0, statuses: [] };
}

/** t() for the current page's language. */
export function useT(): Translate {
  return translator(useRootData().locale);
}

export function useLocale(): Locale {
  return useRootData().locale;
}

/**
 * Whether `locale`'s messages are at hand, loading them when a page changes language without
 * reloading (signing in as someone who reads another language): until then t() answers in English,
 * and the caller renders the page again once they arrive (entry.client.tsx loads the first page's).
 */
export function useCatalogLoaded(locale: Locale): boolean {
  const [, setLoaded] = useState<Locale | null>(null);
  const loaded = hasCatalog(locale);
  useEffect(() => {
    if (loaded) return;
    let current = true;
    void loadCatalog(locale).then(() => {
      if (current) setLoaded(locale);
    });
    return () => {
      current = false;
    };
  }, [locale, loaded]);
  return loaded;
}
