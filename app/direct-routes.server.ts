/**
 * JSON API calls that server.ts answers itself, after prepareRequest (security headers, CSRF,
 * authentication) and before Remix's request handler. Remix's handler costs about 0.35 ms of CPU
 * per request here (a web Request with its headers, body stream and abort signal, route matching,
 * the data strategy, a streamed Response), which is more than the vote itself; for casting votes,
 * the one call the board's budget counts per request, that doubled the CPU per vote
 * (docs/decisions/0011-direct-routes.md).
 *
 * Each direct route answers exactly as its Remix resource route does (same model call, same
 * statuses and bodies; tests/unit/routes/direct-routes.test.ts holds them to that). The resource
 * route stays the documented definition and answers every other method, so a direct route is
 * never the only way in.
 */
import type { AppLoadContext } from "@remix-run/node";
import { DEFAULT_LOCALE } from "./i18n/locales";
import { AppError, internalError } from "./lib/errors.server";
import { errorResponse } from "./lib/http.server";
import { ideaNumberParam } from "./lib/route-params.server";
import { asksForDemand } from "./models/demand-listing.server";
import { listIdeasJson } from "./models/idea-listing.server";
import { setVote } from "./models/votes.server";

export interface DirectAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface DirectRoute {
  methods: ReadonlySet<string>;
  /** Matched against the path alone (no query string). */
  pattern: RegExp;
  /** Whether this route takes a request with this query string (default: any). */
  takes?(query: URLSearchParams): boolean;
  run(match: RegExpExecArray, method: string, context: AppLoadContext, query: URLSearchParams): Promise<unknown>;
}

const JSON_TYPE = "application/json; charset=utf-8";

/** A path segment as Remix's router would hand it to the route (percent-decoded). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const DIRECT_ROUTES: readonly DirectRoute[] = [
  {
    // app/routes/api.v1.ideas.$number.vote.ts
    methods: new Set(["POST", "DELETE"]),
    pattern: /^\/api\/v1\/ideas\/([^/]+)\/vote$/,
    run: (match, method, context) =>
      setVote({ actor: context.auth.user, number: ideaNumberParam(decodeSegment(match[1])), voted: method === "POST" }),
  },
  {
    // app/routes/api.v1.ideas.ts, its loader (the list); creating an idea stays with Remix.
    methods: new Set(["GET"]),
    pattern: /^\/api\/v1\/ideas$/,
    // Remix's own parameters (`_data`: a client-side data request, `index`) change what Remix answers.
    // Staff's demand sorts and filters (sort=revenue, segment=) are the Remix route's alone.
    takes: (query) => !query.has("_data") && !query.has("index") && !asksForDemand(Object.fromEntries(query)),
    run: (_match, _method, context, query) => listIdeasJson(context.auth.user, Object.fromEntries(query), context.locale ?? DEFAULT_LOCALE),
  },
];

async function answerFrom(response: Response): Promise<DirectAnswer> {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

/**
 * The answer to a request a direct route serves, or null (decided synchronously, so every other
 * request passes by without an extra await) to hand it on to Remix. `url` is the request's path
 * and query string.
 */
export function answerDirectly(method: string, url: string, context: AppLoadContext): Promise<DirectAnswer> | null {
  const questionMark = url.indexOf("?");
  const pathname = questionMark < 0 ? url : url.slice(0, questionMark);
  for (const route of DIRECT_ROUTES) {
    if (!route.methods.has(method)) continue;
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    // Parsed as Remix does (new URL(…).searchParams), so the loader and the direct route read the same values.
    const query = new URL(url, "http://localhost").searchParams;
    if (route.takes && !route.takes(query)) return null;
    return answer(route, match, method, pathname, context, query);
  }
  return null;
}

async function answer(route: DirectRoute, match: RegExpExecArray, method: string, pathname: string, context: AppLoadContext, query: URLSearchParams): Promise<DirectAnswer> {
  try {
    return { status: 200, headers: { "Content-Type": JSON_TYPE }, body: JSON.stringify(await route.run(match, method, context, query)) };
  } catch (error) {
    if (error instanceof AppError) return answerFrom(errorResponse(error, context.locale));
    console.error(`[error] ${method} ${pathname}`, error);
    return answerFrom(errorResponse(internalError(), context.locale));
  }
}
