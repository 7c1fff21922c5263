/**
 * Links that carry their own authority, for people who are not signed in (e.g. the unsubscribe
 * link in every notification email). A token is base64url(payload ‖ HMAC-SHA256(appSecret,
 * payload)) where payload = "purpose:userId:scope" and scope is an idea id or "all". The alphabet
 * is [A-Za-z0-9_-] only, so a token is one path segment. Tokens do not expire: an unsubscribe
 * link in a months-old email must still work.
 */
import crypto from "node:crypto";
import { INT4_MAX } from "../schemas/limits";
import { appSecret } from "./env.server";

export type LinkPurpose = "unsubscribe";
export type LinkScope = number | "all";

export interface SignedLink {
  purpose: LinkPurpose;
  userId: number;
  scope: LinkScope;
}

const MAC_BYTES = 32;
const PURPOSES: readonly LinkPurpose[] = ["unsubscribe"];
export const SIGNED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{40,200}$/;

function mac(payload: Buffer): Buffer {
  return crypto.createHmac("sha256", appSecret()).update(payload).digest();
}

export function signLink(link: SignedLink): string {
  const payload = Buffer.from(`${link.purpose}:${link.userId}:${link.scope}`, "utf8");
  return Buffer.concat([payload, mac(payload)]).toString("base64url");
}

/** The link a token stands for, or null when it is malformed or its signature does not verify. */
export function verifyLink(token: string, purpose: LinkPurpose): SignedLink | null {
  if (typeof token !== "string" || !SIGNED_TOKEN_PATTERN.test(token)) return null;
  const raw = Buffer.from(token, "base64url");
  if (raw.length <= MAC_BYTES) return null;
  const payload = raw.subarray(0, raw.length - MAC_BYTES);
  const given = raw.subarray(raw.length - MAC_BYTES);
  if (!crypto.timingSafeEqual(given, mac(payload))) return null;
  // Re-encoding must give the same token: refuses alternative encodings of the same bytes.
  if (raw.toString("base64url") !== token) return null;
  const match = /^([a-z]+):([1-9][0-9]{0,9}):(all|[1-9][0-9]{0,9})$/.exec(payload.toString("utf8"));
  if (!match || !PURPOSES.includes(match[1] as LinkPurpose) || match[1] !== purpose) return null;
  const userId = Number(match[2]);
  const scope = match[3] === "all" ? "all" : Number(match[3]);
  if (userId > INT4_MAX || (scope !== "all" && scope > INT4_MAX)) return null;
  return { purpose, userId, scope };
}

export const unsubscribeToken = (userId: number, scope: LinkScope) => signLink({ purpose: "unsubscribe", userId, scope });
export const verifyUnsubscribeToken = (token: string) => verifyLink(token, "unsubscribe");

/**
 * A POST to /unsubscribe/<valid token>: the one request the cross-site check lets through, because
 * RFC 8058 one-click unsubscribes come from mail clients with no Origin, and the signed token (not
 * a cookie) is what authorizes it.
 */
export function isSignedUnsubscribePost(method: string, url: string): boolean {
  if (method.toUpperCase() !== "POST") return false;
  const match = /^\/unsubscribe\/([A-Za-z0-9_-]+)$/.exec(url.split("?")[0]);
  return match !== null && verifyUnsubscribeToken(match[1]) !== null;
}
