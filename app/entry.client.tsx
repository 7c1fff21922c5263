import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadCatalog } from "./i18n";
import { DEFAULT_LOCALE, isLocale } from "./i18n/locales";
import { RequestLocaleContext } from "./i18n/use-t";

// The language the server rendered the page in (pages without the root loader's data need it).
const lang = document.documentElement.lang;

// Its messages, before hydrating: the first render must say what the server said.
await loadCatalog(isLocale(lang) ? lang : DEFAULT_LOCALE);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RequestLocaleContext.Provider value={isLocale(lang) ? lang : DEFAULT_LOCALE}>
        <RemixBrowser />
      </RequestLocaleContext.Provider>
    </StrictMode>,
  );
});
