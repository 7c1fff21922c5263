/**
 * The manifest handed to <RemixServer> (app/lib/page-manifest.server.ts) against Remix's own code:
 * for a URL under every route of the app, the browser's first manifest — what Remix serializes into
 * `window.__remixManifest` — is the same whether the render starts from the whole manifest or from
 * the page's part, and the page's part holds every route the render reads.
 */
import { readConfig } from "@remix-run/dev/dist/config.js";
import { matchRoutes, type AgnosticDataRouteMatch } from "@remix-run/router";
import type { EntryContext } from "@remix-run/node";
// Remix's own route tree for a render and its partial manifest, as <RemixServer> and <Scripts> use them.
import { createServerRoutes } from "@remix-run/react/dist/routes.js";
import { getPartialManifest } from "@remix-run/react/dist/fog-of-war.js";
import { beforeAll, describe, expect, it } from "vitest";
import { pageRouteIds, withPageManifest } from "~/lib/page-manifest.server";

type Manifest = EntryContext["manifest"];

let manifest: Manifest;
let urls: string[];

/** A URL each route answers: its path from the root, with ":param" as "7" and "*" as two segments. */
function sampleUrl(routes: Manifest["routes"], id: string): string {
  const parts: string[] = [];
  for (let route: Manifest["routes"][string] | undefined = routes[id]; route; route = route.parentId ? routes[route.parentId] : undefined) {
    if (route.path) parts.unshift(route.path);
  }
  const path = parts
    .join("/")
    .split("/")
    .map((segment) => (segment === "*" ? "a/b" : segment.startsWith(":") ? "7" : segment.replace(/\?$/, "")))
    .filter(Boolean)
    .join("/");
  return `/${path}`;
}

beforeAll(async () => {
  const config = await readConfig(process.cwd());
  const routes: Manifest["routes"] = {};
  for (const route of Object.values(config.routes)) {
    routes[route.id] = {
      id: route.id,
      parentId: route.parentId,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      module: `/build/${route.id}.js`,
      hasAction: false,
      hasLoader: true,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: route.id === "root",
    };
  }
  manifest = { version: "test", url: "/build/manifest.js", entry: { module: "/build/entry.js", imports: [] }, routes } as Manifest;
  urls = [...new Set([...Object.keys(routes).map((id) => sampleUrl(routes, id)), "/", "/no/such/page/here", "/ideas/7/x/y"])];
});

/** What <RemixServer> builds from a manifest, and the router state <Scripts> reads. */
function remixRouter(from: Manifest, matches: AgnosticDataRouteMatch[], pathname: string) {
  const modules = Object.fromEntries(Object.keys(from.routes).map((id) => [id, { default: () => null }]));
  const routes = createServerRoutes(from.routes, modules, {} as Parameters<typeof createServerRoutes>[2], false);
  // The four fields of the router getPartialManifest() reads.
  return { routes, basename: "/", state: { matches, location: { pathname } } } as unknown as Parameters<typeof getPartialManifest>[1];
}

function handlerContext(pathname: string): EntryContext["staticHandlerContext"] {
  const full = remixRouter(manifest, [], pathname);
  const matches = (matchRoutes(full.routes, pathname) ?? []) as AgnosticDataRouteMatch[];
  return { basename: "/", location: { pathname, search: "", hash: "", state: null, key: "default" }, matches } as unknown as EntryContext["staticHandlerContext"];
}

describe("the page's part of the route manifest", () => {
  it("covers a URL under every route of the app", () => {
    expect(Object.keys(manifest.routes).length).toBeGreaterThan(90);
    expect(urls.length).toBeGreaterThan(80);
  });

  it("is the browser's first manifest, route for route and in Remix's order", () => {
    for (const url of urls) {
      const context = handlerContext(url);
      const remix = getPartialManifest(manifest, remixRouter(manifest, context.matches, url));
      expect(pageRouteIds(manifest, context), url).toEqual(Object.keys(remix.routes));
    }
  });

  it("gives <Scripts> the same window.__remixManifest as the whole manifest does, and holds every matched route", () => {
    for (const url of urls) {
      const context = handlerContext(url);
      const page = withPageManifest({ manifest, staticHandlerContext: context, future: { v3_lazyRouteDiscovery: true }, isSpaMode: false } as EntryContext).manifest;
      const fromWhole = getPartialManifest(manifest, remixRouter(manifest, context.matches, url));
      const fromPage = getPartialManifest(page, remixRouter(page, context.matches, url));
      expect(JSON.stringify(fromPage), url).toBe(JSON.stringify(fromWhole));
      for (const match of context.matches) expect(page.routes[match.route.id], url).toBe(manifest.routes[match.route.id]);
      expect(Object.keys(page.routes).length, url).toBeLessThan(12);
    }
  });

  it("leaves the rest of the entry context as it was: the same handler context, the same modules", () => {
    const context = handlerContext("/admin/inbox");
    const entry = { manifest, staticHandlerContext: context, routeModules: {}, future: { v3_lazyRouteDiscovery: true }, isSpaMode: false } as unknown as EntryContext;
    const page = withPageManifest(entry);
    expect(page.staticHandlerContext).toBe(context);
    expect(page.routeModules).toBe(entry.routeModules);
    expect(page.manifest.entry).toBe(manifest.entry);
    expect(entry.manifest).toBe(manifest);
  });

  it("is the whole manifest when the browser gets the whole manifest: without lazy route discovery, or in SPA mode", async () => {
    const context = handlerContext("/admin/inbox");
    const without = { manifest, staticHandlerContext: context, future: { v3_lazyRouteDiscovery: false }, isSpaMode: false } as unknown as EntryContext;
    expect(withPageManifest(without)).toBe(without);
    const spa = { manifest, staticHandlerContext: context, future: { v3_lazyRouteDiscovery: true }, isSpaMode: true } as unknown as EntryContext;
    expect(withPageManifest(spa)).toBe(spa);
    // This app runs with it on, so pages render from their part.
    expect((await readConfig(process.cwd())).future.v3_lazyRouteDiscovery).toBe(true);
  });
});
