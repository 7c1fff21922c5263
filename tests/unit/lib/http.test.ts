import { describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors.server";
import { errorResponse, readJsonBody, safeRedirectPath } from "~/lib/http.server";
import { isRefusedCrossSite } from "~/lib/csrf.server";
import { OFFSITE_REDIRECT_PAYLOADS, ONSITE_REDIRECT_TARGETS, staysOnSite } from "../../setup/redirect-payloads";

describe("safeRedirectPath", () => {
  it.each(ONSITE_REDIRECT_TARGETS)("keeps %j as %j", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it.each(OFFSITE_REDIRECT_PAYLOADS.map((payload) => [payload]))("keeps %j on the site", (payload) => {
    const path = safeRedirectPath(payload, "/fallback");
    expect(staysOnSite(path), `${JSON.stringify(payload)} → ${JSON.stringify(path)}`).toBe(true);
  });

  it("answers the fallback for the payloads that collapse into another host", () => {
    for (const payload of ["/.//evil.example", "/ideas/..//evil.example", "/%2e//evil.example", "/\t/evil.example", "//user@evil.example"]) {
      expect(safeRedirectPath(payload, "/fallback")).toBe("/fallback");
    }
  });

  it("answers the fallback for what is not a string", () => {
    for (const value of [null, undefined, 1, ["/ideas/1"], { toString: () => "/x" }]) expect(safeRedirectPath(value)).toBe("/");
  });
});

describe("readJsonBody", () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    new Request("http://x/api", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

  it("parses an object", async () => {
    await expect(readJsonBody(post('{"a":1}'))).resolves.toEqual({ a: 1 });
  });

  it("refuses invalid JSON and non-objects with 400", async () => {
    for (const body of ["{", "[1,2]", '"text"', "null"]) {
      const error = await readJsonBody(post(body)).catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error.status).toBe(400);
      expect((await errorResponse(error).json()).error.code).toBe("bad_request");
    }
  });

  it("refuses a body over the cap with 413, even without a Content-Length", async () => {
    const error = await readJsonBody(post(JSON.stringify({ body: "x".repeat(2000) })), 1000).catch((e) => e);
    expect(error.status).toBe(413);
    const declared = await readJsonBody(post("{}", { "content-length": "999999" }), 1000).catch((e) => e);
    expect(declared.status).toBe(413);
  });
});

describe("isRefusedCrossSite", () => {
  const origin = "http://localhost:3000";
  it("lets safe methods through", () => {
    expect(isRefusedCrossSite({ method: "GET", origin, secFetchSite: "cross-site" })).toBe(false);
  });
  it("accepts same-origin posts and refuses cross-site and same-site ones", () => {
    expect(isRefusedCrossSite({ method: "POST", origin, secFetchSite: "same-origin" })).toBe(false);
    expect(isRefusedCrossSite({ method: "POST", origin, secFetchSite: "cross-site" })).toBe(true);
    expect(isRefusedCrossSite({ method: "POST", origin, secFetchSite: "same-site" })).toBe(true);
  });
  it("falls back to Origin, and refuses when neither header is present", () => {
    expect(isRefusedCrossSite({ method: "POST", origin, originHeader: origin })).toBe(false);
    expect(isRefusedCrossSite({ method: "POST", origin, originHeader: "https://evil.example" })).toBe(true);
    expect(isRefusedCrossSite({ method: "POST", origin, originHeader: "null" })).toBe(true);
    expect(isRefusedCrossSite({ method: "DELETE", origin })).toBe(true);
  });
  it("exempts Bearer-token requests, which carry no ambient credentials", () => {
    expect(isRefusedCrossSite({ method: "POST", origin, authorization: "Bearer lb_x" })).toBe(false);
    expect(isRefusedCrossSite({ method: "POST", origin, authorization: "Basic abc" })).toBe(true);
  });
});
