import { ListIdeasQuery, type ListIdeasInput } from "../schemas/ideas";

/**
 * The board page's list query from its address. A value that does not parse (an old or edited
 * link) is dropped instead of failing the page, and the page size is always the default.
 * Server-only, so the board's browser bundle does not carry the schema library.
 */
export function boardQuery(url: URL): ListIdeasInput {
  const raw: Record<string, string> = Object.fromEntries(url.searchParams);
  delete raw.limit;
  const parsed = ListIdeasQuery.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) delete raw[String(issue.path[0])];
  return ListIdeasQuery.parse(raw);
}
