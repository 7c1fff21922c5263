/**
 * What server.ts does for every request before Remix sees it: security headers, the CSRF check,
 * and resolving the user once. It lives in the app bundle so the server and the routes share one
 * set of modules (and one embedded database).
 */
import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { authenticate } from "./auth.server";
import { isRefusedCrossSite } from "./csrf.server";
import { env } from "./env.server";
import { securityHeaders } from "./security-headers.server";
import { isSignedUnsubscribePost } from "./signed-links.server";
import { translate, type Locale } from "../i18n";
import { localeDir } from "../i18n/locales";
import { chooseLocale, languageHeaders } from "./locale.server";

export interface IncomingRequest {
  method: string;
  url: string;
  https: boolean;
  host: string;
  ip: string;
  headers: Record<string, string | string[] | undefined>;
}

export type Prepared =
  | { kind: "continue"; context: AppLoadContext; headers: Record<string, string> }
  | { kind: "refuse"; status: number; headers: Record<string, string>; body: string };

const header = (req: IncomingRequest, name: string): string | null => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] ?? null : value ?? null;
};

function refusal(req: IncomingRequest, locale: Locale, status: number, code: string, message: string, headers: Record<string, string>): Prepared {
  const wantsJson = req.url.startsWith("/api/") || (header(req, "accept") ?? "").includes("application/json");
  if (wantsJson) {
    return { kind: "refuse", status, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" }, body: JSON.stringify({ error: { code, message } }) };
  }
  const html = `<!doctype html><html lang="${locale}" dir="${localeDir(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${translate(locale, "error.forbidden.title")}</title></head><body><main><h1>${translate(locale, "error.forbidden.title")}</h1><p>${message}</p><p><a href="/">${translate(locale, "error.goHome")}</a></p></main></body></html>`;
  return { kind: "refuse", status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" }, body: html };
}

// Random bytes for CSP nonces, drawn a few kilobytes at a time: one call into the system's random
// source per 256 requests instead of one per request. Every nonce still uses bytes of its own.
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let noncePoolOffset = noncePool.length;

/** A fresh nonce for a response's Content-Security-Policy. */
export function cspNonce(): string {
  if (noncePoolOffset === noncePool.length) {
    crypto.randomFillSync(noncePool);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString("base64", noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

export async function prepareRequest(req: IncomingRequest): Promise<Prepared> {
  const nonce = cspNonce();
  const image = req.url.startsWith("/attachments/");
  const headers = securityHeaders({ nonce, https: req.https, dev: env.nodeEnv === "development", image });
  const origin = `${req.https ? "https" : "http"}://${req.host}`;
  const authorization = header(req, "authorization");
  const signedUnsubscribe = isSignedUnsubscribePost(req.method, req.url);
  const cookie = header(req, "cookie");
  const acceptLanguage = header(req, "accept-language");
  if (!signedUnsubscribe && isRefusedCrossSite({ method: req.method, origin, secFetchSite: header(req, "sec-fetch-site"), originHeader: header(req, "origin"), authorization })) {
    const locale = chooseLocale({ chosen: null, cookie, acceptLanguage });
    return refusal(req, locale, 403, "cross_site_request", translate(locale, "error.csrf"), { ...headers, ...languageHeaders(locale) });
  }
  const result = await authenticate({ cookie, authorization }, req.https);
  if (result.invalidToken) {
    const locale = chooseLocale({ chosen: null, cookie, acceptLanguage });
    return refusal(req, locale, 401, "invalid_token", translate(locale, "error.invalidToken"), { ...headers, ...languageHeaders(locale), "WWW-Authenticate": 'Bearer realm="loopboard"' });
  }
  if (result.setCookie) headers["Set-Cookie"] = result.setCookie;
  const user = result.auth.user;
  const locale = chooseLocale({ chosen: user?.chosenLocale, cookie, acceptLanguage });
  // A copy: the API-token cache shares one SessionUser between requests.
  const auth = user && user.locale !== locale ? { ...result.auth, user: { ...user, locale } } : result.auth;
  Object.assign(headers, languageHeaders(locale));
  return { kind: "continue", headers, context: { auth, cspNonce: nonce, https: req.https, clientIp: req.ip, locale } };
}
