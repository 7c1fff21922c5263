/**
 * The anonymous micro-cache: signed-out visitors asking for the same public page or API list
 * within a second get the same rendered answer instead of one render each (the technique
 * Discourse calls its anonymous cache). See docs/decisions/0007-anonymous-cache.md.
 *
 * server.ts asks `handle()` before anything else runs for a request:
 * - "bypass": not a cacheable request (not a GET, carries a cookie other than the language
 *   switcher's or an Authorization header,
 *   or a path that is never cached) — render as usual;
 * - "hit": answered here, from a stored response (or from the render another request of the same
 *   key was already doing), with a fresh CSP nonce;
 * - "miss": render as usual; the response is recorded on its way out and stored when it is a
 *   plain 200 that no route marked `private` or `no-store`.
 *
 * It sits in front of compression, so it stores and rewrites identity bodies.
 */
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { chooseLocale, LOCALE_COOKIE } from "./locale.server";
import { cspNonce, type IncomingRequest } from "./request-context.server";
import { recordResponse, type Recorded } from "./response-recorder.server";

export type CacheOutcome = "hit" | "miss" | "bypass";

export interface AnonymousCacheOptions {
  /** How long a stored response is served, in ms; 0 turns the cache off. */
  ttlMs: number;
  maxEntries?: number;
  /** Larger bodies are not stored. */
  maxBodyBytes?: number;
  /** All stored bodies together. */
  maxTotalBytes?: number;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

export interface AnonymousCache {
  readonly ttlMs: number;
  /** The cache key for a request, or null when the request must not be answered from the cache. */
  keyFor(req: IncomingRequest): string | null;
  handle(req: IncomingRequest, res: ServerResponse): Promise<CacheOutcome>;
  /** Entries held now (stored responses and "not cacheable" marks), for tests and diagnostics. */
  size(): number;
}

export const DEFAULT_MAX_ENTRIES = 500;
export const DEFAULT_MAX_BODY_BYTES = 512 * 1024;
export const DEFAULT_MAX_TOTAL_BYTES = 64 * 1024 * 1024;

/**
 * Paths never answered from the cache: per-visitor flows (sign-in, links from emails) and pages
 * that only make sense signed in. Each entry matches the path itself and everything below it.
 */
const NEVER_CACHED = [
  "/healthz",
  "/unsubscribe",
  "/auth",
  "/reset-password",
  "/login",
  "/join",
  "/logout",
  "/forgot-password",
  "/notifications",
  "/settings",
  "/admin",
  "/api/v1/me",
  "/api/v1/notifications",
  "/build",
];

function neverCached(pathname: string): boolean {
  for (const prefix of NEVER_CACHED) {
    if (pathname === prefix || (pathname.startsWith(prefix) && pathname.charCodeAt(prefix.length) === 47 /* "/" */)) return true;
  }
  return false;
}

/** Headers a response may vary on and still be stored: the key covers them, or cacheable requests never carry them. */
const VARY_ALLOWED = new Set(["accept-language", "accept-encoding", "cookie", "authorization"]);

/** Not stored with the entry: set per response (the nonce'd CSP, the cache marker) or by Node itself. */
const NOT_STORED = new Set(["set-cookie", "content-length", "content-security-policy", "transfer-encoding", "connection", "keep-alive", "date", "x-anonymous-cache"]);

interface Stored {
  kind: "stored";
  expiresAt: number;
  bytes: number;
  headers: [string, string | string[]][];
  csp: string | null;
  /** The nonce the response was rendered with; every copy served gets a new one in its place. */
  nonce: string | null;
  /** The body split around each occurrence of the nonce. */
  parts: Buffer[];
}

/** A key whose last response could not be stored: later requests render without waiting on each other. */
interface NotCacheable {
  kind: "not-cacheable";
  expiresAt: number;
  bytes: 0;
}

type Entry = Stored | NotCacheable;

const header = (req: IncomingRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
};

/** A visitor whose only cookie is the language switcher's is still anonymous: their page is keyed on it. */
function onlyLanguageCookie(cookie: string): boolean {
  return cookie.split(";").every((pair) => pair.trim() === "" || pair.trim().startsWith(`${LOCALE_COOKIE}=`));
}

function splitAround(body: Buffer, needle: string | null): Buffer[] {
  if (!needle) return [body];
  const pattern = Buffer.from(needle);
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(pattern, from); at !== -1; at = body.indexOf(pattern, from)) {
    parts.push(body.subarray(from, at));
    from = at + pattern.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/** Why a recorded response cannot be stored, or null when it can. */
function unstorable(recorded: { status: number; headers: OutgoingHttpHeaders }): string | null {
  const h = recorded.headers;
  if (recorded.status !== 200) return "status";
  if (h["set-cookie"] !== undefined) return "set-cookie";
  if (h["content-encoding"] !== undefined) return "encoded";
  const cacheControl = String(h["cache-control"] ?? "").toLowerCase();
  if (/(^|[\s,])(private|no-store)($|[\s,=])/.test(cacheControl)) return "cache-control";
  const vary = String(h.vary ?? "").toLowerCase();
  if (vary && vary.split(",").some((name) => !VARY_ALLOWED.has(name.trim()))) return "vary";
  return null;
}

export function createAnonymousCache(options: AnonymousCacheOptions): AnonymousCache {
  const ttlMs = Math.max(0, Math.floor(options.ttlMs));
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const now = options.now ?? Date.now;

  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry>>();
  let totalBytes = 0;

  function lookup(key: string): Entry | null {
    const entry = entries.get(key);
    if (!entry) return null;
    entries.delete(key);
    if (entry.expiresAt <= now()) {
      totalBytes -= entry.bytes;
      return null;
    }
    entries.set(key, entry);
    return entry;
  }

  function store(key: string, entry: Entry) {
    const previous = entries.get(key);
    if (previous) {
      entries.delete(key);
      totalBytes -= previous.bytes;
    }
    entries.set(key, entry);
    totalBytes += entry.bytes;
    for (const [oldest, old] of entries) {
      if (entries.size <= maxEntries && totalBytes <= maxTotalBytes) break;
      entries.delete(oldest);
      totalBytes -= old.bytes;
    }
  }

  function toEntry(recorded: Recorded | null): Entry {
    const expiresAt = now() + ttlMs;
    if (!recorded || unstorable(recorded)) return { kind: "not-cacheable", expiresAt, bytes: 0 };
    const csp = recorded.headers["content-security-policy"];
    const cspText = csp === undefined ? null : String(csp);
    const nonce = cspText ? (/'nonce-([^']+)'/.exec(cspText)?.[1] ?? null) : null;
    const headers: [string, string | string[]][] = [];
    for (const [name, value] of Object.entries(recorded.headers)) {
      if (value === undefined || NOT_STORED.has(name)) continue;
      headers.push([name, Array.isArray(value) ? value.map(String) : String(value)]);
    }
    return { kind: "stored", expiresAt, bytes: recorded.body.length, headers, csp: cspText, nonce, parts: splitAround(recorded.body, nonce) };
  }

  function send(res: ServerResponse, entry: Stored) {
    const nonce = entry.nonce ? cspNonce() : null;
    res.statusCode = 200;
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    if (entry.csp) res.setHeader("content-security-policy", nonce ? entry.csp.replaceAll(`'nonce-${entry.nonce}'`, `'nonce-${nonce}'`) : entry.csp);
    res.setHeader("x-anonymous-cache", "hit");
    if (!nonce || entry.parts.length === 1) {
      res.end(entry.parts[0]);
      return;
    }
    const separator = Buffer.from(nonce);
    const pieces: Buffer[] = [entry.parts[0]];
    for (let i = 1; i < entry.parts.length; i++) pieces.push(separator, entry.parts[i]);
    res.end(Buffer.concat(pieces));
  }

  function keyFor(req: IncomingRequest): string | null {
    if (ttlMs <= 0 || req.method !== "GET") return null;
    const cookie = header(req, "cookie");
    if ((cookie && !onlyLanguageCookie(cookie)) || header(req, "authorization")) return null;
    const query = req.url.indexOf("?");
    if (neverCached(query === -1 ? req.url : req.url.slice(0, query))) return null;
    // The scheme and host are part of the key: a page may link to its own origin. So is the
    // language the page is in (the switcher's cookie, else Accept-Language, else DEFAULT_LOCALE).
    const locale = chooseLocale({ chosen: null, cookie, acceptLanguage: header(req, "accept-language") });
    return `${req.https ? "https" : "http"}://${req.host}${req.url} ${locale}`;
  }

  async function handle(req: IncomingRequest, res: ServerResponse): Promise<CacheOutcome> {
    const key = keyFor(req);
    if (key === null) return "bypass";
    const cached = lookup(key);
    if (cached?.kind === "stored") {
      send(res, cached);
      return "hit";
    }
    if (cached) return "bypass"; // recently not cacheable: render without queueing
    const pending = inFlight.get(key);
    if (pending) {
      // Single flight: the same answer is being rendered for another visitor; share it.
      const entry = await pending;
      if (entry.kind === "stored") {
        send(res, entry);
        return "hit";
      }
      return "bypass";
    }
    let resolve!: (entry: Entry) => void;
    inFlight.set(key, new Promise<Entry>((r) => (resolve = r)));
    recordResponse(res, { maxBodyBytes, unstorable }, (recorded) => {
      const entry = toEntry(recorded === "aborted" ? null : recorded);
      // An aborted render says nothing about the page: the next request simply renders again.
      if (recorded !== "aborted") store(key, entry);
      inFlight.delete(key);
      resolve(entry);
    });
    res.setHeader("x-anonymous-cache", "miss");
    return "miss";
  }

  return { ttlMs, keyFor, handle, size: () => entries.size };
}

/** The process-wide cache, configured by ANON_CACHE_TTL_MS (default 1000 ms; 0 turns it off). */
export function anonymousCacheFromEnv(): AnonymousCache {
  const raw = process.env.ANON_CACHE_TTL_MS;
  const ttlMs = raw === undefined || raw.trim() === "" ? 1000 : Number(raw);
  if (!Number.isFinite(ttlMs) || ttlMs < 0) throw new Error(`ANON_CACHE_TTL_MS must be a non-negative number of milliseconds, got "${raw}"`);
  return createAnonymousCache({ ttlMs });
}
