import { useLocation } from "@remix-run/react";
import { LOCALES, type Locale } from "../i18n/locales";
import { useLocale, useT } from "../i18n/use-t";

/** Each language named in itself, marked with its own language for screen readers. */
export function LocaleOptions() {
  return (
    <>
      {(Object.keys(LOCALES) as Locale[]).map((code) => (
        <option key={code} value={code} lang={code}>
          {LOCALES[code].name}
        </option>
      ))}
    </>
  );
}

/**
 * The footer's language switcher: a plain form posting to /language, which remembers the choice
 * in a cookie and comes back here, so it works signed out and without JavaScript.
 */
export function LanguageSwitcher() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  return (
    <form method="post" action="/language" className="language-switcher">
      <label htmlFor="language-switcher">{t("language.label")}</label>
      <select id="language-switcher" name="locale" defaultValue={locale}>
        <LocaleOptions />
      </select>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="button button--quiet">
        {t("language.change")}
      </button>
    </form>
  );
}
