/**
 * A rendered page's HTML as plain React elements — no component, hook or router — for measuring what
 * React's renderer alone costs for that markup (`npm run bench:floor`, column "same markup as plain
 * elements").
 */
import type { ReactNode } from "react";
import { parseDocument } from "htmlparser2";
import { processCpuMs } from "./args";

type ParsedNode = ReturnType<typeof parseDocument>["children"][number];

/** React and its server renderer, passed in so the caller decides when they load (after NODE_ENV is set). */
export type ReactApi = { createElement: typeof import("react").createElement; renderToString: typeof import("react-dom/server").renderToString };

/**
 * React writes most attributes under its own names (`dateTime`, `charSet`), which the page is parsed
 * with as they are; these two it writes under the HTML name.
 */
const REACT_ATTRIBUTE: Record<string, string> = { class: "className", for: "htmlFor" };
/** Attributes React takes as booleans: the page's `disabled=""` is `disabled={true}` (React drops an empty string). */
const BOOLEAN_ATTRIBUTES = new Set(["allowFullScreen", "async", "autoFocus", "checked", "controls", "default", "defer", "disabled", "hidden", "loop", "multiple", "muted", "noValidate", "open", "readOnly", "required", "reversed", "selected"]);

function isElement(node: ParsedNode): node is Extract<ParsedNode, { type: "tag" | "script" | "style" }> {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

/** The page's `<html>` element, parsed, and how many elements it holds (itself included). */
export function parsePage(html: string): { root: ParsedNode; elements: number } {
  const root = parseDocument(html, { lowerCaseAttributeNames: false }).children.find((node) => isElement(node) && node.name === "html");
  if (!root) throw new Error("the page has no <html> element");
  let elements = 0;
  const count = (node: ParsedNode) => {
    if (!isElement(node)) return;
    elements++;
    node.children.forEach(count);
  };
  count(root);
  return { root, elements };
}

/** A parsed node as plain React elements, made anew on each call, as a render makes its elements. Comments are left out. */
export function plainElements(createElement: ReactApi["createElement"], node: ParsedNode): ReactNode {
  if (node.type === "text") return node.data;
  if (!isElement(node)) return null;
  const props: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node.attribs)) {
    if (name === "style") continue; // React takes an object; the app writes no inline styles
    const prop = REACT_ATTRIBUTE[name] ?? name;
    props[prop] = value === "" && BOOLEAN_ATTRIBUTES.has(prop) ? true : value;
  }
  if (node.type !== "tag") {
    // A script's or style's text is raw: handed over as it is, as the page's components do.
    props.dangerouslySetInnerHTML = { __html: node.children.map((child) => (child.type === "text" ? child.data : "")).join("") };
    return createElement(node.name, props);
  }
  return createElement(node.name, props, ...node.children.map((child) => plainElements(createElement, child)));
}

/** Whether the page's `<html>` element, as plain elements, renders back to exactly the page's markup (the doctype aside). */
export function rendersBack(react: ReactApi, html: string): boolean {
  const { root } = parsePage(html);
  const again = react.renderToString(react.createElement(() => plainElements(react.createElement, root)));
  return html.replace(/^<!DOCTYPE html>/i, "") === again;
}

/** CPU milliseconds per renderToString of the page's `<html>` element as plain elements (after a warm-up), and its element count. */
export function plainMarkupCost(react: ReactApi, html: string, renders: number): { cpu: number; elements: number } {
  const { root, elements } = parsePage(html);
  const Page = () => plainElements(react.createElement, root);
  for (let i = 0; i < Math.min(renders, 200); i++) react.renderToString(react.createElement(Page));
  const started = processCpuMs();
  for (let i = 0; i < renders; i++) react.renderToString(react.createElement(Page));
  return { cpu: (processCpuMs() - started) / renders, elements };
}
