/**
 * Cross-site request refusal for every state-changing request, pages and API alike: browsers tell
 * us where a request came from (Sec-Fetch-Site, or Origin on older ones). Requests that
 * authenticate with a Bearer token carry no ambient credentials and are exempt.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface CsrfInput {
  method: string;
  /** Our own origin for this request, e.g. "https://feedback.example.com". */
  origin: string;
  secFetchSite?: string | null;
  originHeader?: string | null;
  authorization?: string | null;
}

export function isRefusedCrossSite(input: CsrfInput): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return false;
  if (input.authorization && /^Bearer\s+\S+/i.test(input.authorization)) return false;
  if (input.secFetchSite) return input.secFetchSite !== "same-origin";
  if (input.originHeader) return input.originHeader !== input.origin;
  // Neither header: not a modern browser form or fetch. Without a token there is no way to tell
  // where it came from, so it is refused.
  return true;
}
