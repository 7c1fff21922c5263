/**
 * Server rendering, plus the app-side hooks server.ts calls (boot, shutdown, prepareRequest, the
 * anonymous cache, the direct routes):
 * exporting them from here keeps one copy of every module in the process.
 */
import { PassThrough, Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { NonceContext } from "./components/nonce";
import { withPageManifest } from "./lib/page-manifest.server";
import { DEFAULT_LOCALE } from "./i18n/locales";
import { RequestLocaleContext } from "./i18n/use-t";

export { boot, shutdown } from "./boot.server";
export { prepareRequest } from "./lib/request-context.server";
export { anonymousCacheFromEnv } from "./lib/anonymous-cache.server";
export { answerDirectly } from "./direct-routes.server";
export { withAppErrorAnswers } from "./lib/http.server";

const ABORT_DELAY = 5_000;

/**
 * React writes a page in 2 KB pieces, and each piece would travel alone through the web stream,
 * Express, compression (a flush each) and the socket. What React writes in one turn of the event
 * loop leaves as one chunk instead — the whole page when nothing is suspended — while later
 * Suspense boundaries still stream as they resolve.
 */
function coalescingBody(): { input: Writable; output: PassThrough } {
  const output = new PassThrough();
  let pending: Buffer[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0 || output.destroyed) return;
    output.write(pending.length === 1 ? pending[0] : Buffer.concat(pending));
    pending = [];
  };
  const input = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      callback();
    },
    final(callback) {
      flush();
      output.end();
      callback();
    },
  });
  // The client went away (Remix cancelled the body): React sees its destination close and stops.
  output.once("close", () => input.destroy());
  return { input, output };
}

/** Whether a loader of this page returned defer(): only then is there anything to stream. */
function hasDeferredData(remixContext: EntryContext): boolean {
  const deferreds = remixContext.staticHandlerContext.activeDeferreds;
  return deferreds !== null && Object.keys(deferreds).length > 0;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce ?? "";
  const page = (
    <NonceContext.Provider value={nonce}>
      <RequestLocaleContext.Provider value={loadContext?.locale ?? DEFAULT_LOCALE}>
        <RemixServer context={withPageManifest(remixContext)} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </RequestLocaleContext.Provider>
    </NonceContext.Provider>
  );
  // Without deferred data the whole page is ready at once, and one string costs less than the
  // streaming renderer and the streams around it (docs/decisions/0013-rendering-cost.md).
  if (!hasDeferredData(remixContext)) {
    const html = renderToString(page);
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    return new Response("<!DOCTYPE html>" + html, { headers: responseHeaders, status: responseStatusCode });
  }
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // React calls back asynchronously, after `stream` and `timer` below are assigned.
    const respond = () => {
      shellRendered = true;
      const body = coalescingBody();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body.output), { headers: responseHeaders, status: responseStatusCode }));
      stream.pipe(body.input);
    };
    const stream = renderToPipeableStream(page, {
      nonce,
      onShellReady() {
        if (!waitForAll) respond();
      },
      onAllReady() {
        clearTimeout(timer);
        if (waitForAll) respond();
      },
      onShellError(error: unknown) {
        clearTimeout(timer);
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    const timer = setTimeout(() => stream.abort(), ABORT_DELAY);
  });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  // Aborted requests and 4xx answers (unknown pages, thrown notFound()/forbidden()) are not errors.
  if (request.signal.aborted || isRouteErrorResponse(error) || error instanceof Response) return;
  console.error(`[error] ${request.method} ${new URL(request.url).pathname}`, error);
};
