/**
 * HTTP plumbing shared by pages and the JSON API: the answer for an AppError (and the build
 * transform that gives it for every route), safe redirects, and size-capped body readers.
 */
import { json, redirect, type AppLoadContext, type HeadersArgs, type HeadersFunction, type ServerBuild } from "@remix-run/node";
import type { Locale } from "../i18n";
import { AppError, badRequest, localMessage, payloadTooLarge } from "./errors.server";
import { requestLocale } from "./locale.server";

/**
 * An AppError as an HTTP answer: its status, the API's error body `{ error: { code, message,
 * fields? } }`, and Retry-After (429) or Allow (405). A page's ErrorBoundary shows a friendly page
 * for the status; the API returns it as it is.
 */
export function errorResponse(error: AppError, locale: Locale = "en"): Response {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
  if (error.allow) headers.Allow = error.allow.join(", ");
  return json(error.toJSON(locale), { status: error.status, headers });
}

/**
 * A loader or action whose AppErrors are thrown on as their HTTP answer, which Remix returns as
 * it is from a resource route and shows through the ErrorBoundary on a page. Anything else is a
 * bug and stays a 500.
 */
export function answeringAppErrors<Args extends { request: Request; context: AppLoadContext }, Result>(
  handler: (args: Args) => Result | Promise<Result>,
): (args: Args) => Promise<Result> {
  return async (args: Args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof AppError) throw errorResponse(error, requestLocale(args.request, args.context));
      throw error;
    }
  };
}

/**
 * Headers that say how to read an answer's status: when to try again after a 429, which methods
 * a 405 allows. Remix builds a page's headers only from the routes' `headers` exports and drops
 * what an action or loader answered otherwise, so they are carried over for every route here.
 */
const STATUS_HEADERS = ["Retry-After", "Allow"] as const;

/** A route's `headers` (or, without one, its parent's headers, as Remix does) plus its answer's status headers. */
function keepingStatusHeaders(own: HeadersFunction | HeadersInit | undefined): HeadersFunction {
  return (args: HeadersArgs) => {
    const headers = new Headers(own === undefined ? args.parentHeaders : typeof own === "function" ? own(args) : own);
    for (const answered of [args.errorHeaders, args.actionHeaders, args.loaderHeaders]) {
      for (const name of STATUS_HEADERS) {
        const value = answered?.get(name);
        if (value && !headers.has(name)) headers.set(name, value);
      }
    }
    return headers;
  };
}

/**
 * The server build with every route's loader and action run through answeringAppErrors(), so no
 * route has to remember to, and with the status headers of what they answer kept on pages
 * (keepingStatusHeaders): server.ts hands this to Remix's request handler, and the tests call
 * routes the same way (tests/setup/remix.ts).
 */
export function withAppErrorAnswers(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action, headers } = route.module;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: answeringAppErrors(loader) } : {}),
        ...(action ? { action: answeringAppErrors(action) } : {}),
        headers: keepingStatusHeaders(headers),
      },
    };
  }
  return { ...build, routes };
}

const SITE_ORIGIN = "http://loopboard.invalid";

/** Control characters (tabs and newlines included, which URL parsing silently drops) and backslashes. */
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/**
 * A redirect target from user input: a same-origin absolute path ("/x"), or the fallback. The
 * check is made on the result after URL normalisation, because that is what the browser will
 * read from Location: "/.//evil.example" and "/%2e//evil.example" only become "//evil.example"
 * (another host) once their dot segments are resolved.
 */
export function safeRedirectPath(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || UNSAFE_CHARACTERS.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, `${SITE_ORIGIN}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== SITE_ORIGIN || url.username !== "" || url.password !== "") return fallback;
  const path = url.pathname + url.search + url.hash;
  return isSitePath(path) ? path : fallback;
}

/** A path the browser resolves on this site whatever page it is on: one leading slash, nothing it would reinterpret. */
function isSitePath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !UNSAFE_CHARACTERS.test(path);
}

export function safeRedirect(to: unknown, init?: ResponseInit) {
  return redirect(safeRedirectPath(to), init);
}

const DEFAULT_MAX_JSON_BYTES = 64 * 1024;

/**
 * Reads a JSON body with a size cap, before anything is written: 413 when too large, 400 when
 * not JSON or not an object.
 */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_JSON_BYTES): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw payloadTooLarge();
  const buffer = await readLimited(request, maxBytes);
  if (buffer.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(buffer));
  } catch {
    throw badRequest(localMessage("error.invalidJson"));
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw badRequest(localMessage("error.invalidJson"));
  return parsed as Record<string, unknown>;
}

/** The request body, at most `maxBytes` (413 past that). */
export async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Not cancel(): on the server that destroys the socket before the 413 is written. The rest
      // of the body is read and discarded once the answer is sent (server.ts).
      reader.releaseLock();
      throw payloadTooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Reads form data with a size cap (413 over it), so a huge post is refused before any write. */
export async function readFormData(request: Request, maxBytes = 256 * 1024): Promise<FormData> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw payloadTooLarge();
  const buffer = await readLimited(request, maxBytes);
  const type = request.headers.get("content-type") ?? "application/x-www-form-urlencoded";
  return new Response(buffer as unknown as BodyInit, { headers: { "content-type": type } }).formData().catch(() => {
    throw badRequest();
  });
}
