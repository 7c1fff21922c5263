import { useRouteLoaderData } from "@remix-run/react";
import { translator, type Locale, type Translate } from "./index";
import type { Role } from "../roles";
import { DEFAULT_LOCALE } from "./locales";

/** The root loader's shape, as far as components need it. */
export interface RootData {
  locale: Locale;
  user: { id: number; name: string; role: Role } | null;
  /** The signed-in person's unread notifications (0 when signed out): the header's bell. */
  unread: number;
}

export function useRootData(): RootData {
  return (useRouteLoaderData("root") as RootData | undefined) ?? { locale: DEFAULT_LOCALE, user: null, unread: 0 };
}

/** t() for the current page's language. */
export function useT(): Translate {
  return translator(useRootData().locale);
}

export function useLocale(): Locale {
  return useRootData().locale;
}
