/** Calling route loaders and actions directly, with the load context server.ts would build. */
import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/lib/auth.server";
import { answeringAppErrors } from "~/lib/http.server";

export const ORIGIN = "http://localhost:3000";

export function contextFor(user: SessionUser | null, extra: Partial<AppLoadContext> = {}): AppLoadContext {
  return {
    auth: { user, sessionId: null, via: user ? "session" : null },
    clientIp: "127.0.0.1",
    https: false,
    cspNonce: "test-nonce",
    ...extra,
  } as AppLoadContext;
}

export function formRequest(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request(ORIGIN + path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, ...headers },
  });
}

export function jsonRequest(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Request {
  return new Request(ORIGIN + path, {
    method,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });
}

/**
 * Runs a loader/action as the server does (AppErrors become their HTTP answer, see
 * withAppErrorAnswers) and returns its Response, whether it was returned or thrown.
 */
export async function call(fn: (args: any) => Promise<unknown> | unknown, args: { request: Request; context: AppLoadContext; params?: Record<string, string> }): Promise<Response> {
  try {
    const result = await answeringAppErrors(fn)({ params: {}, ...args });
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200, headers: { "content-type": "application/json" } });
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
