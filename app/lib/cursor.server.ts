/**
 * Keyset pagination cursors: the sort keys of a page's last row as a JSON array, base64url-encoded.
 * Opaque to clients, and checked on the way back in: anything that is not a well-formed array of
 * the expected length is a 400, before any value reaches SQL.
 */
import { translate } from "../i18n";
import { badRequest, localMessage } from "./errors.server";

/** The 400 for a cursor that was not one of ours (or no longer fits the query). */
export function badCursor() {
  return badRequest(localMessage("ideas.query.cursorInvalid"), { cursor: translate("en", "ideas.query.cursorInvalid") });
}

export function encodeCursor(keys: unknown[]): string {
  return Buffer.from(JSON.stringify(keys)).toString("base64url");
}

/** The keys of a cursor, an array of exactly `length` values; the caller checks each one. */
export function decodeCursor(cursor: string, length: number): unknown[] {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw badCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(value) || value.length !== length) throw badCursor();
  return value;
}
