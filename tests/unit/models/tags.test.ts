/**
 * Tags: admins define them, staff put them on ideas (each change on the idea's timeline), and
 * the lists filter by them. A private tag is staff's alone: to anyone else it does not exist.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/lib/auth.server";
import { runBulkAction } from "~/models/bulk-actions.server";
import { listIdeasByDemand } from "~/models/demand-listing.server";
import { listIdeaActivity } from "~/models/idea-activity.server";
import { findSimilarIdeas, listIdeas } from "~/models/idea-listing.server";
import { changeIdeaTag, setIdeaTags } from "~/models/idea-tags.server";
import { getIdea } from "~/models/ideas.server";
import { setIdeaPinned } from "~/models/pinned-ideas.server";
import { listRoadmap } from "~/models/roadmap.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { createTag, deleteTag, findVisibleTag, listTags, updateTag } from "~/models/tags.server";
import { listInbox } from "~/models/triage.server";
import { addComment } from "~/models/comments.server";
import { getStats } from "~/models/stats.server";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

let admin: SessionUser;
let staff: SessionUser;
let member: SessionUser;
beforeAll(async () => {
  admin = await createTestUser({ role: "admin", name: "Ada" });
  staff = await createTestUser({ role: "staff", name: "Sam" });
  member = await createTestUser({ name: "Mia" });
});

describe("defining tags", () => {
  it("admins create a tag: its slug is made from the name (any script), the colour is one of the palette's, public unless said", async () => {
    const bug = await createTag({ actor: admin, name: "  Mobile   app ", colour: "teal" });
    expect(bug).toMatchObject({ slug: "mobile-app", name: "Mobile app", colour: "teal", private: false });
    const arabic = await createTag({ actor: admin, name: "تطبيق الجوال", colour: "green", private: "true" });
    expect(arabic).toMatchObject({ slug: "تطبيق-الجوال", private: true });
    expect(await errorOf(createTag({ actor: admin, name: "Loud", colour: "#ff0000" }))).toMatchObject({ status: 422, body: { error: { fields: { colour: expect.any(String) } } } });
    expect(await errorOf(createTag({ actor: admin, name: " !! ", colour: "red" }))).toMatchObject({ status: 422, body: { error: { fields: { name: expect.any(String) } } } });
    expect(await errorOf(createTag({ actor: admin, name: "x".repeat(41), colour: "red" }))).toMatchObject({ status: 422 });
    // The same name, or one whose slug is taken ("mobile app!" → mobile-app): 409 on the name.
    expect(await errorOf(createTag({ actor: admin, name: "Mobile app", colour: "red" }))).toMatchObject({ status: 409, body: { error: { fields: { name: expect.any(String) } } } });
    expect(await errorOf(createTag({ actor: admin, name: "mobile APP!", colour: "red" }))).toMatchObject({ status: 409 });
  });

  it("only admins create, change or delete tags (staff 403, visitors 401)", async () => {
    await createTag({ actor: admin, name: "Guarded", colour: "grey" });
    expect(await errorOf(createTag({ actor: staff, name: "Mine", colour: "red" }))).toMatchObject({ status: 403 });
    expect(await errorOf(createTag({ actor: member, name: "Mine", colour: "red" }))).toMatchObject({ status: 403 });
    expect(await errorOf(createTag({ actor: null, name: "Mine", colour: "red" }))).toMatchObject({ status: 401 });
    expect(await errorOf(updateTag({ actor: staff, slug: "guarded", colour: "red" }))).toMatchObject({ status: 403 });
    expect(await errorOf(deleteTag({ actor: staff, slug: "guarded" }))).toMatchObject({ status: 403 });
    expect(await findVisibleTag(admin, "guarded")).toMatchObject({ colour: "grey" });
  });

  it("renaming keeps the slug (links keep working); recolouring and making private change only that; unknown slugs 404", async () => {
    await createTag({ actor: admin, name: "Speed", colour: "blue" });
    const renamed = await updateTag({ actor: admin, slug: "speed", name: "Performance" });
    expect(renamed).toMatchObject({ slug: "speed", name: "Performance", colour: "blue", private: false });
    expect(await updateTag({ actor: admin, slug: "speed", colour: "orange" })).toMatchObject({ name: "Performance", colour: "orange", private: false });
    expect(await updateTag({ actor: admin, slug: "speed", private: true })).toMatchObject({ colour: "orange", private: true });
    expect(await updateTag({ actor: admin, slug: "speed", private: "false" })).toMatchObject({ private: false });
    expect(await errorOf(updateTag({ actor: admin, slug: "nope", name: "X" }))).toMatchObject({ status: 404 });
    expect(await errorOf(updateTag({ actor: admin, slug: "speed", colour: "gold" }))).toMatchObject({ status: 422 });
    expect(await errorOf(deleteTag({ actor: admin, slug: "nope" }))).toMatchObject({ status: 404 });
  });

  it("listTags and findVisibleTag: members and visitors see public tags only; a private tag looks like no tag at all", async () => {
    await createTag({ actor: admin, name: "Secret-roadmap-marker", colour: "purple", private: true });
    await createTag({ actor: admin, name: "Open-door", colour: "green" });
    for (const reader of [member, null]) {
      const names = (await listTags({ actor: reader })).map((t) => t.name);
      expect(names).toContain("Open-door");
      expect(names).not.toContain("Secret-roadmap-marker");
      expect(await findVisibleTag(reader, "secret-roadmap-marker")).toBeNull();
    }
    expect((await listTags({ actor: staff })).map((t) => t.name)).toContain("Secret-roadmap-marker");
    expect(await findVisibleTag(staff, "SECRET-roadmap-marker")).toMatchObject({ private: true });
  });
});

describe("tagging ideas", () => {
  it("setIdeaTags makes the idea carry exactly the tags named; each change is on its staff timeline; the idea shows public tags to all, private ones to staff", async () => {
    await createTag({ actor: admin, name: "Billing", colour: "red" });
    await createTag({ actor: admin, name: "Churn risk", colour: "pink", private: true });
    await createTag({ actor: admin, name: "Reports", colour: "blue" });
    const idea = await createTestIdea({ author: member, title: "Invoices in PDF" });
    expect(await setIdeaTags({ actor: staff, number: idea.number, tags: ["billing", "churn-risk", "billing"] })).toMatchObject({ added: ["billing", "churn-risk"], removed: [] });
    const changed = await setIdeaTags({ actor: staff, number: idea.number, tags: ["reports", "churn-risk"] });
    expect(changed).toMatchObject({ added: ["reports"], removed: ["billing"] });
    expect(changed.tags.map((t) => t.slug)).toEqual(["churn-risk", "reports"]);
    // Nothing to change: nothing on the timeline either.
    expect(await setIdeaTags({ actor: staff, number: idea.number, tags: ["churn-risk", "reports"] })).toMatchObject({ added: [], removed: [] });

    const trail = (await listIdeaActivity({ actor: staff, ideaId: idea.id })).map((e) => [e.kind, e.detail.tag, e.actor.id]);
    expect(trail).toEqual([
      ["tagged", "Billing", staff.id],
      ["tagged", "Churn risk", staff.id],
      ["untagged", "Billing", staff.id],
      ["tagged", "Reports", staff.id],
    ]);
    expect(await listIdeaActivity({ actor: member, ideaId: idea.id })).toEqual([]);

    expect((await getIdea({ actor: member, number: idea.number }))!.tags).toEqual([{ slug: "reports", name: "Reports", colour: "blue", private: false }]);
    expect((await getIdea({ actor: null, number: idea.number }))!.tags.map((t) => t.slug)).toEqual(["reports"]);
    expect((await getIdea({ actor: staff, number: idea.number }))!.tags.map((t) => [t.slug, t.private])).toEqual([
      ["churn-risk", true],
      ["reports", false],
    ]);
  });

  it("refusals: members 403, unknown idea 404, a slug naming no tag 422 (nothing changed), not a list 422", async () => {
    await createTag({ actor: admin, name: "Kept", colour: "grey" });
    const idea = await createTestIdea({ author: member });
    await setIdeaTags({ actor: staff, number: idea.number, tags: ["kept"] });
    expect(await errorOf(setIdeaTags({ actor: member, number: idea.number, tags: [] }))).toMatchObject({ status: 403 });
    expect(await errorOf(setIdeaTags({ actor: null, number: idea.number, tags: [] }))).toMatchObject({ status: 401 });
    expect(await errorOf(setIdeaTags({ actor: staff, number: 987654, tags: [] }))).toMatchObject({ status: 404 });
    expect(await errorOf(setIdeaTags({ actor: staff, number: idea.number, tags: ["nope"] }))).toMatchObject({ status: 422, body: { error: { fields: { tags: expect.stringContaining("nope") } } } });
    expect(await errorOf(setIdeaTags({ actor: staff, number: idea.number, tags: "kept" }))).toMatchObject({ status: 422 });
    expect((await getIdea({ actor: staff, number: idea.number }))!.tags.map((t) => t.slug)).toEqual(["kept"]);
  });

  it("deleting a tag takes it off every idea", async () => {
    await createTag({ actor: admin, name: "Doomed", colour: "orange" });
    const idea = await createTestIdea({ author: member });
    await setIdeaTags({ actor: staff, number: idea.number, tags: ["doomed"] });
    await deleteTag({ actor: admin, slug: "doomed" });
    expect((await getIdea({ actor: staff, number: idea.number }))!.tags).toEqual([]);
  });

  it("changeIdeaTag (bulk): done once, unchanged the second time", async () => {
    const tag = await createTag({ actor: admin, name: "Once", colour: "teal" });
    const idea = await createTestIdea({ author: member });
    expect(await changeIdeaTag({ actor: staff, number: idea.number, tag, on: true })).toBe("done");
    expect(await changeIdeaTag({ actor: staff, number: idea.number, tag, on: true })).toBe("unchanged");
    expect(await changeIdeaTag({ actor: staff, number: idea.number, tag, on: false })).toBe("done");
    expect(await changeIdeaTag({ actor: staff, number: idea.number, tag, on: false })).toBe("unchanged");
  });
});

describe("the tags on listed ideas", () => {
  it("every list carries each idea's tags in name order, private ones for staff only: pinned and not, later pages, search, similar ideas, demand, the inbox", async () => {
    const board = await createTestBoard();
    await createTag({ actor: admin, name: "Zebra crossing", colour: "green" });
    await createTag({ actor: admin, name: "Aardvark", colour: "blue" });
    await createTag({ actor: admin, name: "Inner circle", colour: "red", private: true });
    const pinned = await createTestIdea({ author: member, board, title: "Quokka pinned wombat" });
    const listed = await createTestIdea({ author: member, board, title: "Quokka listed wombat" });
    const bare = await createTestIdea({ author: member, board, title: "Quokka bare wombat" });
    for (const idea of [pinned, listed]) await setIdeaTags({ actor: staff, number: idea.number, tags: ["zebra-crossing", "inner-circle", "aardvark"] });
    await setIdeaPinned({ actor: staff, number: pinned.number, pinned: true });
    const seen = { member: ["aardvark", "zebra-crossing"], staff: ["aardvark", "inner-circle", "zebra-crossing"] };
    const tagsOf = (ideas: { number: number; tags: { slug: string }[] }[]) =>
      Object.fromEntries(ideas.filter((i) => [pinned.number, listed.number, bare.number].includes(i.number)).map((i) => [i.number, i.tags.map((t) => t.slug)]));
    const expected = (slugs: string[]) => ({ [pinned.number]: slugs, [listed.number]: slugs, [bare.number]: [] });

    for (const [actor, slugs] of [[member, seen.member], [null, seen.member], [staff, seen.staff]] as const) {
      const first = await listIdeas({ actor, board: board.slug, sort: "new", limit: 20 });
      expect(first.ideas[0]).toMatchObject({ number: pinned.number, pinned: true });
      expect(tagsOf(first.ideas)).toEqual(expected(slugs));
      // One idea a page: the later pages come through the cursor, without the pinned ones.
      const onePerPage = await listIdeas({ actor, board: board.slug, sort: "new", limit: 1 });
      const all = [...onePerPage.ideas];
      for (let cursor = onePerPage.nextCursor; cursor; ) {
        const page = await listIdeas({ actor, board: board.slug, sort: "new", limit: 1, cursor });
        all.push(...page.ideas);
        cursor = page.nextCursor;
      }
      expect(all.map((i) => i.number)).toEqual([pinned.number, bare.number, listed.number]);
      expect(tagsOf(all)).toEqual(expected(slugs));
      expect(tagsOf((await listIdeas({ actor, board: board.slug, sort: "top", limit: 20, q: "quokka" })).ideas)).toEqual(expected(slugs));
      expect(tagsOf(await findSimilarIdeas({ actor, q: "Quokka wombat", limit: 20 }))).toEqual(expected(slugs));
    }
    expect(tagsOf((await listIdeasByDemand({ actor: staff, board: board.slug, sort: "revenue", limit: 20 })).ideas)).toEqual(expected(seen.staff));
    expect(tagsOf((await listInbox({ actor: staff, board: board.slug })).ideas)).toEqual(expected(seen.staff));
  });
});

describe("filtering by tag", () => {
  it("the board's lists (each sort, search by both plans, demand): only the ideas with the tag; a member asking for a private tag is answered as for an unknown one (404)", async () => {
    const board = await createTestBoard();
    await createTag({ actor: admin, name: "Filter public", colour: "blue" });
    await createTag({ actor: admin, name: "Filter private", colour: "red", private: true });
    const a = await createTestIdea({ author: member, board, title: "Kanban swimlanes" });
    const b = await createTestIdea({ author: member, board, title: "Kanban colours" });
    await createTestIdea({ author: member, board, title: "Kanban export" });
    await setIdeaTags({ actor: staff, number: a.number, tags: ["filter-public"] });
    await setIdeaTags({ actor: staff, number: b.number, tags: ["filter-public", "filter-private"] });
    const numbers = async (input: Partial<Parameters<typeof listIdeas>[0]>, window?: number) =>
      (await listIdeas({ actor: member, board: board.slug, sort: "top", limit: 20, ...input }, { searchWindow: window })).ideas.map((i) => i.number).sort();
    for (const sort of ["top", "new", "trending"] as const) expect(await numbers({ tag: "filter-public", sort })).toEqual([a.number, b.number].sort());
    expect(await numbers({ tag: "filter-public", q: "swimlanes" })).toEqual([a.number]);
    expect(await numbers({ tag: "filter-public", q: "kanban" }, 0)).toEqual([a.number, b.number].sort());
    expect(await numbers({ actor: staff, tag: "filter-private" })).toEqual([b.number]);
    const byRevenue = await listIdeasByDemand({ actor: staff, board: board.slug, sort: "revenue", tag: "filter-private", limit: 20 });
    expect(byRevenue.ideas.map((i) => [i.number, i.tags.map((t) => t.slug)])).toEqual([[b.number, ["filter-private", "filter-public"]]]);
    for (const actor of [member, null]) {
      expect(await errorOf(listIdeas({ actor, sort: "top", limit: 20, tag: "filter-private" }))).toMatchObject({ status: 404 });
      expect(await errorOf(listIdeas({ actor, sort: "top", limit: 20, tag: "never-made" }))).toMatchObject({ status: 404 });
    }
  });

  it("the roadmap: columns and their totals count only tagged ideas; private tags 404 for members", async () => {
    const board = await createTestBoard();
    await createTag({ actor: admin, name: "Road public", colour: "green" });
    await createTag({ actor: admin, name: "Road private", colour: "grey", private: true });
    const tagged = await createTestIdea({ author: member, board });
    const other = await createTestIdea({ author: member, board });
    for (const idea of [tagged, other]) await setIdeaStatus({ actor: staff, number: idea.number, status: "planned", notify: false });
    await setIdeaTags({ actor: staff, number: tagged.number, tags: ["road-public", "road-private"] });
    const planned = async (actor: SessionUser | null, tag?: string) => (await listRoadmap({ actor, board: board.slug, tag })).columns.find((c) => c.status === "planned")!;
    expect((await planned(member)).total).toBe(2);
    const filtered = await planned(null, "road-public");
    expect([filtered.total, filtered.ideas.map((i) => i.number)]).toEqual([1, [tagged.number]]);
    expect((await planned(staff, "road-private")).ideas.map((i) => i.number)).toEqual([tagged.number]);
    expect((await listRoadmap({ actor: staff, tag: "road-private" })).tag).toMatchObject({ slug: "road-private", private: true });
    expect(await errorOf(planned(member, "road-private"))).toMatchObject({ status: 404 });
    // Untagging shows at once (the column totals are recounted).
    await setIdeaTags({ actor: staff, number: tagged.number, tags: [] });
    expect((await planned(null, "road-public")).total).toBe(0);
  });

  it("the triage inbox: only waiting ideas with the tag (private tags too, it is staff's); unknown tag 404", async () => {
    const board = await createTestBoard();
    await createTag({ actor: admin, name: "Inbox private", colour: "purple", private: true });
    const tagged = await createTestIdea({ author: member, board });
    await createTestIdea({ author: member, board });
    await setIdeaTags({ actor: staff, number: tagged.number, tags: ["inbox-private"] });
    const page = await listInbox({ actor: staff, board: board.slug, tag: "inbox-private" });
    expect(page.ideas.map((i) => i.number)).toEqual([tagged.number]);
    expect(page.ideas[0].tags.map((t) => t.slug)).toEqual(["inbox-private"]);
    expect(page.tag).toMatchObject({ slug: "inbox-private" });
    expect(await errorOf(listInbox({ actor: staff, tag: "never-made" }))).toMatchObject({ status: 404 });
  });
});

describe("the dashboard by tag", () => {
  it("counts only the tagged ideas, their votes and comments; a private tag for staff; an unknown tag 404", async () => {
    const board = await createTestBoard();
    await createTag({ actor: admin, name: "Dash private", colour: "teal", private: true });
    const tagged = await createTestIdea({ author: member, board });
    const other = await createTestIdea({ author: member, board });
    await addComment({ actor: member, number: tagged.number, body: "Counted" });
    await addComment({ actor: member, number: other.number, body: "Not counted" });
    await setIdeaStatus({ actor: staff, number: other.number, status: "planned", notify: false });
    await setIdeaTags({ actor: staff, number: tagged.number, tags: ["dash-private"] });
    const stats = await getStats({ actor: staff, raw: { board: board.slug, tag: "dash-private", weeks: "4" }, locale: "en" });
    expect(stats.tag).toMatchObject({ slug: "dash-private" });
    expect(stats.activity.at(-1)).toMatchObject({ ideas: 1, votes: 1, comments: 1 });
    expect(Object.fromEntries(stats.byStatus.filter((s) => s.count > 0).map((s) => [s.status, s.count]))).toEqual({ open: 1 });
    // Every board, the same tag: still only the tagged idea.
    expect((await getStats({ actor: staff, raw: { tag: "dash-private", weeks: "4" }, locale: "en" })).activity.at(-1)).toMatchObject({ ideas: 1, comments: 1 });
    expect(await errorOf(getStats({ actor: staff, raw: { tag: "never-made" }, locale: "en" }))).toMatchObject({ status: 404 });
  });
});

describe("bulk: add or remove a tag", () => {
  it("tags and untags each selected idea (unchanged where it already was so, 404 for a missing idea), on each timeline; an unknown tag refuses the whole request", async () => {
    await createTag({ actor: admin, name: "Bulk tag", colour: "orange" });
    const a = await createTestIdea({ author: member });
    const b = await createTestIdea({ author: member });
    await setIdeaTags({ actor: staff, number: b.number, tags: ["bulk-tag"] });
    const added = await runBulkAction({ actor: staff, ideas: [a.number, b.number, 999999], action: "tag", tag: "bulk-tag" });
    expect(added.results).toEqual([
      { number: a.number, ok: true, outcome: "done" },
      { number: b.number, ok: true, outcome: "unchanged" },
      { number: 999999, ok: false, status: 404, error: expect.objectContaining({ code: "not_found" }) },
    ]);
    expect((await getIdea({ actor: member, number: a.number }))!.tags.map((t) => t.slug)).toEqual(["bulk-tag"]);
    const removed = await runBulkAction({ actor: staff, ideas: [a.number, b.number], action: "untag", tag: "bulk-tag" });
    expect(removed).toMatchObject({ succeeded: 2, failed: 0 });
    expect((await getIdea({ actor: member, number: b.number }))!.tags).toEqual([]);
    expect((await listIdeaActivity({ actor: staff, ideaId: a.id })).map((e) => e.kind)).toEqual(["tagged", "untagged"]);
    expect(await errorOf(runBulkAction({ actor: staff, ideas: [a.number], action: "tag", tag: "never-made" }))).toMatchObject({ status: 422, body: { error: { fields: { tag: expect.any(String) } } } });
    expect(await errorOf(runBulkAction({ actor: member, ideas: [a.number], action: "tag", tag: "bulk-tag" }))).toMatchObject({ status: 403 });
  });
});
