/**
 * The part of the route manifest one rendered page needs (docs/decisions/0030-page-manifest.md).
 *
 * With lazy route discovery (`future.v3_lazyRouteDiscovery`) the browser starts from a partial
 * manifest: the routes the page matched, and the routes matching each parent path of its URL (for
 * their index and pathless children); it asks the server for the others when a link needs them.
 * `<RemixServer>` nevertheless turns the whole manifest (every route module of the app) into a
 * route tree and a static router on every render, only to serialize that same partial manifest.
 * Handing it the partial manifest instead gives the same page — the same HTML, the same
 * `window.__remixManifest` — from a tree of a handful of routes.
 */
import type { EntryContext } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";

type Manifest = EntryContext["manifest"];
type ManifestRoute = Manifest["routes"][string];

/** The route tree of a manifest, made once per build: only what matching reads. */
const treeOf = new WeakMap<Manifest, AgnosticRouteObject[]>();

function routeTree(manifest: Manifest): AgnosticRouteObject[] {
  let tree = treeOf.get(manifest);
  if (tree) return tree;
  const childrenOf = new Map<string, ManifestRoute[]>();
  for (const route of Object.values(manifest.routes)) {
    const parent = route.parentId ?? "";
    const siblings = childrenOf.get(parent);
    if (siblings) siblings.push(route);
    else childrenOf.set(parent, [route]);
  }
  const build = (parentId: string): AgnosticRouteObject[] =>
    (childrenOf.get(parentId) ?? []).map((route): AgnosticRouteObject => {
      if (route.index) return { id: route.id, index: true, path: route.path, caseSensitive: route.caseSensitive };
      const children = build(route.id);
      return { id: route.id, path: route.path, caseSensitive: route.caseSensitive, ...(children.length > 0 ? { children } : {}) };
    });
  tree = build("");
  treeOf.set(manifest, tree);
  return tree;
}

/**
 * The ids of the routes the browser's first manifest holds for this page, in the order Remix
 * lists them: the page's matches, then the matches of "/" and of each parent path of the URL.
 */
export function pageRouteIds(manifest: Manifest, context: EntryContext["staticHandlerContext"]): string[] {
  const ids = new Set(context.matches.map((match) => match.route.id));
  for (const id of parentPathRouteIds(manifest, context.location.pathname, context.basename ?? "/")) ids.add(id);
  return [...ids];
}

/**
 * The routes matching "/" and each parent path of `pathname`. Matching tries the ranked branches
 * of every route until one fits, so the answer is kept per manifest, basename and parent path
 * (at most PARENT_PATHS_KEPT of them: forgotten all at once when full).
 */
const parentPathsOf = new WeakMap<Manifest, Map<string, string[]>>();
const PARENT_PATHS_KEPT = 1_000;

function parentPathRouteIds(manifest: Manifest, pathname: string, basename: string): string[] {
  const segments = pathname.split("/").filter(Boolean);
  segments.pop();
  const key = `${basename}\n${segments.join("/")}`;
  let kept = parentPathsOf.get(manifest);
  if (!kept) parentPathsOf.set(manifest, (kept = new Map()));
  const known = kept.get(key);
  if (known) return known;
  const paths = ["/"];
  while (segments.length > 0) {
    paths.push(`/${segments.join("/")}`);
    segments.pop();
  }
  const tree = routeTree(manifest);
  const ids: string[] = [];
  for (const path of paths) {
    for (const match of matchRoutes(tree, path, basename) ?? []) if (match.route.id) ids.push(match.route.id);
  }
  if (kept.size >= PARENT_PATHS_KEPT) kept.clear();
  kept.set(key, ids);
  return ids;
}

/**
 * The entry context with the page's part of the manifest; everything else is the same object.
 * Without lazy route discovery the browser gets the whole manifest, so the context is left as is.
 */
export function withPageManifest(context: EntryContext): EntryContext {
  if (context.future.v3_lazyRouteDiscovery !== true || context.isSpaMode) return context;
  const routes: Manifest["routes"] = {};
  for (const id of pageRouteIds(context.manifest, context.staticHandlerContext)) {
    const route = context.manifest.routes[id];
    if (route) routes[id] = route;
  }
  return { ...context, manifest: { ...context.manifest, routes } };
}
