/**
 * What a signed-out person was doing when they were asked to sign in ("vote:42"), carried through
 * sign-in, sign-up and the emailed link as the `then` field, so it is done once they are in. Only
 * these shapes are accepted; anything else is dropped.
 */
import { isPositiveInt4 } from "./limits";

export type PendingAction = { kind: "vote"; number: number };

export function parsePendingAction(value: unknown): PendingAction | null {
  if (typeof value !== "string") return null;
  const match = /^vote:([1-9][0-9]{0,9})$/.exec(value);
  if (!match) return null;
  const number = Number(match[1]);
  return isPositiveInt4(number) ? { kind: "vote", number } : null;
}

export function formatPendingAction(action: PendingAction): string {
  return `${action.kind}:${action.number}`;
}

/** The sign-in or sign-up address that comes back to `redirectTo` and then does `then`. */
export function accountPath(page: "/login" | "/join", redirectTo: string, then: string | null): string {
  const params = new URLSearchParams();
  if (redirectTo && redirectTo !== "/") params.set("redirectTo", redirectTo);
  if (then) params.set("then", then);
  const query = params.toString();
  return query ? `${page}?${query}` : page;
}
