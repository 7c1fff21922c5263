/** The signed-in person as every loader, action and model sees them, and how a users row becomes one. */
import { users } from "../../db/schema";
import { isLocale, type Locale } from "../i18n/locales";
import type { Role } from "../roles";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
}

/** The users columns a SessionUser is made from. */
export const sessionUserColumns = { id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale };

export function toSessionUser(row: { id: number; email: string; name: string; role: Role; locale: string }): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, locale: isLocale(row.locale) ? row.locale : "en" };
}
