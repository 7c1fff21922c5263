/** The signed-in person as every loader, action and model sees them, and how a users row becomes one. */
import { users } from "../../db/schema";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales";
import type { Role } from "../roles";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /**
   * The language this person is answered in: for a request, what requestLocale() chose (their
   * setting, else the visitor's rule); outside a request, the language their emails use.
   */
  locale: Locale;
  /** Settings → Language; null when never chosen. */
  chosenLocale: Locale | null;
  /** The language they last used the site in. */
  lastLocale: Locale;
  /** Blocked by an admin: reads, but posts, comments and votes no more. */
  blocked: boolean;
}

/** The users columns a SessionUser is made from. */
export const sessionUserColumns = { id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale, lastLocale: users.lastLocale, blockedAt: users.blockedAt };

export type SessionUserRow = { id: number; email: string; name: string; role: Role; locale: string | null; lastLocale: string; blockedAt: Date | null };

export function toSessionUser(row: SessionUserRow): SessionUser {
  const chosenLocale = isLocale(row.locale) ? row.locale : null;
  const lastLocale = isLocale(row.lastLocale) ? row.lastLocale : DEFAULT_LOCALE;
  return { id: row.id, email: row.email, name: row.name, role: row.role, locale: chosenLocale ?? lastLocale, chosenLocale, lastLocale, blocked: row.blockedAt !== null };
}
