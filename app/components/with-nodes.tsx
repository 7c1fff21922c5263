import { Fragment, type ReactNode } from "react";

/**
 * Puts React nodes where a translated message has {placeholders}, so word order stays the
 * translator's (no sentence is ever glued together from translated pieces).
 */
export function withNodes(template: string, nodes: Record<string, ReactNode>): ReactNode[] {
  return template.split(/\{(\w+)\}/).map((part, i) => (i % 2 === 1 ? <Fragment key={i}>{nodes[part] ?? `{${part}}`}</Fragment> : part));
}

/**
 * withNodes() where every placeholder is text someone wrote (a title, a name): each is isolated
 * in a <bdi>, so an Arabic title in an English sentence (or the reverse) keeps the sentence's
 * word order and its punctuation where it belongs.
 */
export function withUserText(template: string, texts: Record<string, string>): ReactNode[] {
  const nodes: Record<string, ReactNode> = {};
  for (const [name, text] of Object.entries(texts)) nodes[name] = <bdi>{text}</bdi>;
  return withNodes(template, nodes);
}
