/**
 * Redirect targets an attacker might put in `redirectTo`, each meant to send the browser to
 * another site once it follows the answer's Location. Every one must end on this site
 * (safeRedirectPath in app/lib/http.server.ts, and every route that redirects to user input).
 */
export const OFFSITE_REDIRECT_PAYLOADS: readonly string[] = [
  // Protocol-relative and absolute addresses
  "//evil.example",
  "//evil.example/",
  "///evil.example",
  "////evil.example",
  "https://evil.example/",
  "http:evil.example",
  "https:/evil.example",
  "HTTPS://evil.example",
  "//evil.example:443/ideas",
  "//evil.example%2F..",
  // Dot segments that collapse into "//"
  "/.//evil.example",
  "/././/evil.example",
  "/..//evil.example",
  "/../..//evil.example",
  "/ideas/..//evil.example",
  "/ideas/1/../..//evil.example",
  "/a/b/../../..//evil.example",
  "/.//evil.example/path?q=1#x",
  "/./ /evil.example",
  // Encoded dots and slashes
  "/%2e//evil.example",
  "/%2E//evil.example",
  "/%2e%2e//evil.example",
  "/ideas/%2e%2e//evil.example",
  "/.%2e//evil.example",
  "/%2e/%2fevil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%5Cevil.example",
  "/%5C%5Cevil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  // Backslashes (browsers read "\" as "/" in special URLs)
  "\\\\evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  "/.\\/evil.example",
  "/ideas/..\\/evil.example",
  "/ideas/..\\\\evil.example",
  "\\evil.example",
  // Tabs, newlines and other controls (dropped by URL parsing, so "/\t/x" reads as "//x")
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  "/ideas\r\nLocation: https://evil.example/",
  "/ideas\r\nSet-Cookie: lb_session=x",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/.\t/evil.example",
  // Leading spaces and look-alike slashes
  " //evil.example",
  " /evil.example",
  "\u3000//evil.example",
  "\uff0f\uff0fevil.example",
  "/\u2215evil.example",
  // Scripts and other schemes
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "java\tscript:alert(1)",
  " javascript:alert(1)",
  "/javascript:alert(1)//",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "mailto:someone@evil.example",
  // Credentials and user@host
  "//user@evil.example",
  "//user:pass@evil.example",
  "/@evil.example",
  "/.//user@evil.example",
  "//loopboard.invalid@evil.example",
  "//localhost:3000@evil.example",
  "https://localhost:3000@evil.example/",
  // IDN and odd host spellings
  "//évil.example",
  "//xn--vil-9la.example",
  "//evil。example",
  "//ｅｖｉｌ.example",
  "/.//évil.example",
  "/%2e//xn--vil-9la.example",
  "//0x7f000001",
  "//2130706433",
  "//[::1]",
  "/.//[::1]:3000",
  // Not paths at all
  "",
  "evil.example",
  "?redirect=//evil.example",
  "#//evil.example",
  ".//evil.example",
  "..//evil.example",
];

/** Targets on the site that must survive as they are. */
export const ONSITE_REDIRECT_TARGETS: ReadonlyArray<[input: string, expected: string]> = [
  ["/", "/"],
  ["/ideas/1", "/ideas/1"],
  ["/ideas/1/dark-mode?sort=new#comments", "/ideas/1/dark-mode?sort=new#comments"],
  ["/settings?tab=a#b", "/settings?tab=a#b"],
  ["/ideas/1/../2", "/ideas/2"],
  ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ["/?q=//evil.example", "/?q=//evil.example"],
];

/**
 * Whether a Location value, followed by a browser from any page of the site, stays on it: it is
 * a path with a single leading slash that resolves to the site's own origin.
 */
export function staysOnSite(location: string | null, origin = "http://localhost:3000"): boolean {
  if (location === null || !location.startsWith("/") || location.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(location)) return false;
  for (const page of ["/", "/ideas/1/dark-mode", "/a/b/c/"]) {
    if (new URL(location, origin + page).origin !== origin) return false;
  }
  return true;
}
