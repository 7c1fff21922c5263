/**
 * The patched route matching the server runs (docs/decisions/0009-route-matching-patch.md): the
 * CommonJS build of @remix-run/router, which Node loads (the browser bundle is built from the
 * untouched ES module build). Matches are remembered per pathname; each call must still answer
 * exactly what matching from scratch answers, with objects of its own.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { AgnosticRouteObject, AgnosticRouteMatch } from "@remix-run/router";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof import("@remix-run/router");

/** A tree shaped like the app's: a root layout, an index, static, dynamic, optional and splat routes. */
function tree(): AgnosticRouteObject[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "index", index: true },
        { id: "login", path: "login" },
        { id: "idea", path: "ideas/:number/:slug?" },
        { id: "idea-edit", path: "ideas/:number/edit" },
        {
          id: "admin",
          path: "admin",
          children: [{ id: "admin-person", path: "people/:id" }],
        },
        { id: "splat", path: "*" },
      ],
    },
  ];
}

const summary = (matches: AgnosticRouteMatch[] | null) =>
  matches?.map((m) => ({
    id: m.route.id,
    pathname: m.pathname,
    pathnameBase: m.pathnameBase,
    params: { ...m.params },
  })) ?? null;

describe("route matching (patched router)", () => {
  it("loads the patched CommonJS build", () => {
    const file = require.resolve("@remix-run/router");
    expect(file.endsWith("router.cjs.js")).toBe(true);
    expect(fs.readFileSync(file, "utf8")).toContain("function matchesByPath(");
  });

  it("answers a path asked again exactly as the first time, for every kind of route", () => {
    const routes = tree();
    for (const path of ["/", "/login", "/ideas/12", "/ideas/12/a-slug", "/ideas/12/edit", "/admin/people/7", "/no/such/page", "/ideas/12/caf%C3%A9"]) {
      const first = summary(router.matchRoutes(routes, path));
      const again = summary(router.matchRoutes(routes, path));
      expect(again).toEqual(first);
      expect(first?.at(-1)?.id).toBeDefined();
    }
    expect(summary(router.matchRoutes(routes, "/ideas/12/caf%C3%A9"))?.at(-1)).toMatchObject({ id: "idea", params: { number: "12", slug: "café" } });
    expect(summary(router.matchRoutes(routes, "/ideas/12/edit"))?.at(-1)?.id).toBe("idea-edit");
    expect(summary(router.matchRoutes(routes, "/no/such/page"))?.at(-1)).toMatchObject({ id: "splat", params: { "*": "no/such/page" } });
  });

  it("gives each caller objects of its own: changing one answer does not change the next", () => {
    const routes = tree();
    const first = router.matchRoutes(routes, "/admin/people/7")!;
    // The matches of one branch share their params object, as unpatched matching makes them.
    expect(first[0].params).toBe(first[2].params);
    (first[2].params as Record<string, string>).id = "999";
    first[2].pathname = "/changed";
    first.pop();
    const again = router.matchRoutes(routes, "/admin/people/7")!;
    expect(again).toHaveLength(3);
    expect(again[2]).toMatchObject({
      pathname: "/admin/people/7",
      params: { id: "7" },
    });
    expect(again).not.toBe(first);
  });

  it("keeps paths apart: other values of a parameter, another tree", () => {
    const routes = tree();
    expect(router.matchRoutes(routes, "/ideas/1")?.at(-1)?.params.number).toBe("1");
    expect(router.matchRoutes(routes, "/ideas/2")?.at(-1)?.params.number).toBe("2");
    const other: AgnosticRouteObject[] = [{ id: "only", path: "ideas/:id" }];
    expect(router.matchRoutes(other, "/ideas/1")?.at(-1)?.route.id).toBe("only");
    expect(router.matchRoutes(other, "/login")).toBeNull();
    expect(router.matchRoutes(other, "/login")).toBeNull();
  });

  it("still matches correctly after more paths than it remembers", () => {
    const routes = tree();
    for (let n = 1; n <= 2_500; n++) expect(router.matchRoutes(routes, `/ideas/${n}/s`)?.at(-1)?.params.number).toBe(String(n));
    expect(router.matchRoutes(routes, "/ideas/1/s")?.at(-1)?.params.number).toBe("1");
  });
});
