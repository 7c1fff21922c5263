import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "~/lib/env.server";
import { loader as ideaLoader, meta as ideaMeta } from "~/routes/ideas.$number.($slug)";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { call, contextFor, ORIGIN } from "../../setup/remix";

const root = { id: "root", data: { locale: "en" } };
type Tag = Record<string, string>;
const tag = (tags: Tag[], key: "name" | "property", value: string) => tags.find((t) => t[key] === value)?.content;

describe("page meta", () => {
  it("an idea has a plain-text description and Open Graph tags with an absolute URL from APP_URL", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author, title: "Share **this**", body: "## Why\n\nBecause *links* get [previews](https://example.com).\n\n| a | b |\n|---|---|\n| 1 | 2 |" });
    const response = await call(ideaLoader, { request: new Request(`${ORIGIN}${idea.url}`), context: contextFor(null), params: { number: String(idea.number), slug: idea.slug } });
    expect(response.status).toBe(200);
    const data = await response.json();
    const tags = ideaMeta({ data, matches: [root], params: {}, location: {} } as never) as Tag[];
    expect(tags[0]).toEqual({ title: "Share **this** · Loopboard" });
    const description = tag(tags, "name", "description")!;
    expect(description).toContain("Because links get previews");
    expect(description).not.toMatch(/[#*|]/);
    expect(tag(tags, "property", "og:title")).toBe("Share **this**");
    expect(tag(tags, "property", "og:description")).toBe(description);
    expect(tag(tags, "property", "og:type")).toBe("article");
    expect(tag(tags, "property", "og:url")).toBe(`${env.appUrl}${idea.url}`);
    expect(tag(tags, "property", "og:url")).toMatch(/^https?:\/\/[^/]+\/ideas\/\d+\//);
    expect(tags).toContainEqual({ tagName: "link", rel: "canonical", href: `${env.appUrl}${idea.url}` });
  });

  it("an idea without a body falls back to the site's description", async () => {
    const author = await createTestUser();
    const idea = await createTestIdea({ author, title: "Bodiless", body: "" });
    const response = await call(ideaLoader, { request: new Request(`${ORIGIN}${idea.url}`), context: contextFor(null), params: { number: String(idea.number), slug: idea.slug } });
    const tags = ideaMeta({ data: await response.json(), matches: [root], params: {}, location: {} } as never) as Tag[];
    expect(tag(tags, "property", "og:description")).toMatch(/Suggest ideas/);
  });

  it("every page route's meta has a description", async () => {
    const dir = path.resolve(__dirname, "../../../app/routes");
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith(".tsx"));
    let checked = 0;
    for (const file of pages) {
      const mod = await import(/* @vite-ignore */ path.join(dir, file));
      if (typeof mod.meta !== "function") continue;
      const tags = mod.meta({ data: undefined, matches: [root], params: {}, location: {} }) as Tag[];
      expect(tag(tags, "name", "description"), file).toBeTruthy();
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
  });
});
