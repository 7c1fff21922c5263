import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { listIdeaActivity } from "~/models/idea-activity.server";
import { createFactor, getIdeaScores, listFactors, listPriorities, setFactorRetired, setIdeaScores, updateFactor, type Factor } from "~/models/priorities.server";
import { quadrantOf } from "~/schemas/priorities";
import { action as ideaAction, loader as ideaLoader } from "~/routes/ideas.$number.($slug)";
import { action as scoresAction, loader as scoresLoader } from "~/routes/api.v1.ideas.$number.scores";
import { loader as prioritiesApi } from "~/routes/api.v1.priorities";
import { action as prioritiesAction, loader as prioritiesPage } from "~/routes/admin.priorities";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";
import { errorOf } from "../../setup/errors";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

/** The two factors every install starts with (migration 0014). */
async function defaults(): Promise<{ impact: Factor; effort: Factor }> {
  const factors = await listFactors();
  return { impact: factors.find((f) => f.kind === "impact" && f.name === "")!, effort: factors.find((f) => f.kind === "effort" && f.name === "")! };
}

describe("scoring factors", () => {
  it("start as Impact and Effort, and only admins add, rename, reweigh and retire them", async () => {
    const { impact, effort } = await defaults();
    expect(impact).toMatchObject({ kind: "impact", weight: 1, retired: false });
    expect(effort).toMatchObject({ kind: "effort", weight: 1, retired: false });
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    const reach = await createFactor({ actor: admin, raw: { name: "  Reach ", kind: "impact", weight: "3" }, locale: "en" });
    expect(reach).toMatchObject({ name: "Reach", kind: "impact", weight: 3 });
    expect((await updateFactor({ actor: admin, id: reach.id, raw: { name: "Reach (accounts)", weight: 5 }, locale: "en" })).weight).toBe(5);
    expect((await errorOf(createFactor({ actor: staff, raw: { name: "X", kind: "impact", weight: 1 }, locale: "en" }))).status).toBe(403);
    const bad = await errorOf(createFactor({ actor: admin, raw: { name: "", kind: "value", weight: 0 }, locale: "en" }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual({ name: expect.any(String), kind: "Choose impact or effort.", weight: "Give a weight from 1 to 100." });
    expect((await errorOf(updateFactor({ actor: admin, id: 999_999, raw: { name: "Y", weight: 1 }, locale: "en" }))).status).toBe(404);
    await setFactorRetired({ actor: admin, id: reach.id, retired: true });
    expect((await listFactors()).some((f) => f.id === reach.id)).toBe(false);
    expect((await listFactors({ includeRetired: true })).find((f) => f.id === reach.id)?.retired).toBe(true);
  });
});

describe("scoring ideas and ranking them", () => {
  it("ranks by weighted impact over weighted effort, places each in its quadrant, and records who scored", async () => {
    const board = await createTestBoard();
    const staff = await createTestUser({ role: "staff", name: "Sam" });
    const member = await createTestUser();
    const { impact, effort } = await defaults();
    const quick = await createTestIdea({ author: member, board, title: "Quick" });
    const big = await createTestIdea({ author: member, board, title: "Big" });
    const pit = await createTestIdea({ author: member, board, title: "Pit" });
    const half = await createTestIdea({ author: member, board, title: "Half" });
    await setIdeaScores({ actor: staff, number: quick.number, raw: { scores: { [impact.id]: 8, [effort.id]: 2 } }, locale: "en" });
    await setIdeaScores({ actor: staff, number: big.number, raw: { scores: { [impact.id]: 9, [effort.id]: 9 } }, locale: "en" });
    await setIdeaScores({ actor: staff, number: pit.number, raw: { scores: { [impact.id]: "2", [effort.id]: "8" } }, locale: "en" });
    await setIdeaScores({ actor: staff, number: half.number, raw: { scores: { [impact.id]: 7 } }, locale: "en" });

    const { ideas } = await listPriorities({ actor: staff, board: board.slug });
    expect(ideas.map((p) => [p.title, p.score, p.quadrant])).toEqual([
      ["Quick", 4, "quickWins"],
      ["Big", 1, "bigBets"],
      ["Pit", 0.25, "moneyPits"],
      ["Half", null, null],
    ]);
    expect((await listPriorities({ actor: staff, board: board.slug, quadrant: "moneyPits" })).ideas.map((p) => p.title)).toEqual(["Pit"]);
    expect(quadrantOf(3, 3)).toBe("fillIns");

    // Clearing a score takes the idea off the matrix; the audit trail says who scored.
    await setIdeaScores({ actor: staff, number: quick.number, raw: { scores: { [effort.id]: null } }, locale: "en" });
    expect((await getIdeaScores({ actor: staff, number: quick.number })).map((f) => f.value)).toEqual(expect.arrayContaining([8, null]));
    expect((await listIdeaActivity({ actor: staff, ideaId: quick.id })).map((e) => [e.kind, e.actor.name])).toEqual([
      ["scored", "Sam"],
      ["scored", "Sam"],
    ]);
  });

  it("weighs factors: a heavier impact factor counts more, a retired one not at all", async () => {
    const admin = await createTestUser({ role: "admin" });
    const board = await createTestBoard();
    const idea = await createTestIdea({ author: admin, board });
    const { impact, effort } = await defaults();
    const reach = await createFactor({ actor: admin, raw: { name: "Reach", kind: "impact", weight: 3 }, locale: "en" });
    try {
      await setIdeaScores({ actor: admin, number: idea.number, raw: { scores: { [impact.id]: 2, [reach.id]: 10, [effort.id]: 4 } }, locale: "en" });
      // (2·1 + 10·3) / 4 = 8 impact, over 4 effort.
      expect((await listPriorities({ actor: admin, board: board.slug })).ideas[0]).toMatchObject({ impact: 8, effort: 4, score: 2 });
      await setFactorRetired({ actor: admin, id: reach.id, retired: true });
      expect((await listPriorities({ actor: admin, board: board.slug })).ideas[0]).toMatchObject({ impact: 2, effort: 4, score: 0.5, quadrant: "fillIns" });
    } finally {
      await setFactorRetired({ actor: admin, id: reach.id, retired: true });
    }
  });

  it("refuses members (403), unknown ideas (404), scores out of 1–10 and factors not in use (422); shipped ideas leave the ranking", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const board = await createTestBoard();
    const idea = await createTestIdea({ author: member, board });
    const { impact, effort } = await defaults();
    expect((await errorOf(setIdeaScores({ actor: member, number: idea.number, raw: { scores: { [impact.id]: 5 } }, locale: "en" }))).status).toBe(403);
    expect((await errorOf(getIdeaScores({ actor: member, number: idea.number }))).status).toBe(403);
    expect((await errorOf(listPriorities({ actor: member }))).status).toBe(403);
    expect((await errorOf(setIdeaScores({ actor: staff, number: 999_999, raw: { scores: {} }, locale: "en" }))).status).toBe(404);
    const tooHigh = await errorOf(setIdeaScores({ actor: staff, number: idea.number, raw: { scores: { [impact.id]: 11 } }, locale: "en" }));
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.body.error.fields[`scores.${impact.id}`]).toBe("Give a score from 1 to 10.");
    const unknown = await errorOf(setIdeaScores({ actor: staff, number: idea.number, raw: { scores: { "999999": 3 } }, locale: "en" }));
    expect(unknown.body.error.fields["scores.999999"]).toBe("There is no such factor in use.");
    await setIdeaScores({ actor: staff, number: idea.number, raw: { scores: { [impact.id]: 6, [effort.id]: 3 } }, locale: "en" });
    await db.execute(sql`UPDATE ideas SET status = 'shipped' WHERE id = ${idea.id}::int`);
    expect((await listPriorities({ actor: staff, board: board.slug })).ideas).toEqual([]);
    const [kept] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM idea_scores WHERE idea_id = ${idea.id}::int`);
    expect(Number(kept!.n)).toBe(2);
  });
});

describe("the priorities API, page and the idea page's score form", () => {
  it("PUT and GET /api/v1/ideas/:n/scores, GET /api/v1/priorities, the page, and the form without JavaScript", async () => {
    const staff = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const board = await createTestBoard();
    const idea = await createTestIdea({ author: member, board, title: "Scored through the API" });
    const { impact, effort } = await defaults();
    const params = { number: String(idea.number) };
    const put = await call(scoresAction, { request: jsonRequest("PUT", `/api/v1/ideas/${idea.number}/scores`, { scores: { [impact.id]: 9, [effort.id]: 3 } }), context: contextFor(staff), params });
    expect(put.status).toBe(200);
    expect((await put.json()).scores).toEqual(
      expect.arrayContaining([{ factor: { id: impact.id, name: "Impact", kind: "impact", weight: 1, retired: false }, value: 9 }]),
    );
    const asMember = await call(scoresLoader, { request: new Request(`${ORIGIN}/api/v1/ideas/${idea.number}/scores`), context: contextFor(member), params });
    expect(asMember.status).toBe(403);
    const post = await call(scoresAction, { request: jsonRequest("POST", `/api/v1/ideas/${idea.number}/scores`, {}), context: contextFor(staff), params });
    expect(post.status).toBe(405);

    const list = await (await call(prioritiesApi, { request: new Request(`${ORIGIN}/api/v1/priorities?board=${board.slug}`), context: contextFor(staff) })).json();
    expect(list.ideas).toEqual([expect.objectContaining({ number: idea.number, score: 3, quadrant: "quickWins" })]);
    expect(list.factors.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(["Impact", "Effort"]));
    expect((await call(prioritiesApi, { request: new Request(`${ORIGIN}/api/v1/priorities`), context: contextFor(member) })).status).toBe(403);

    const page = await (await call(prioritiesPage, { request: new Request(`${ORIGIN}/admin/priorities?board=${board.slug}&quadrant=quickWins`), context: contextFor(staff) })).json();
    expect(page.quadrant).toBe("quickWins");
    expect(page.ideas[0]).toMatchObject({ title: "Scored through the API", scoreText: "3", impactText: "9", effortText: "3" });
    expect((await call(prioritiesPage, { request: new Request(`${ORIGIN}/admin/priorities`), context: contextFor(member) })).status).toBe(403);
    const refused = await call(prioritiesAction, { request: formRequest("/admin/priorities", { intent: "create", name: "Reach", kind: "impact", weight: "2" }), context: contextFor(member) });
    expect(refused.status).toBe(403);

    // The idea page: staff get the score form, members nothing; the form posts without JavaScript.
    const pageParams = { number: String(idea.number), slug: idea.slug };
    const shown = await (await call(ideaLoader, { request: new Request(`${ORIGIN}${idea.url}`), context: contextFor(staff), params: pageParams })).json();
    expect(shown.scores).toMatchObject({ scoreText: "3", quadrant: "quickWins" });
    const hidden = await (await call(ideaLoader, { request: new Request(`${ORIGIN}${idea.url}`), context: contextFor(member), params: pageParams })).json();
    expect(hidden.scores).toBeNull();
    const posted = await call(ideaAction, { request: formRequest(idea.url, { intent: "scores", [`scores.${impact.id}`]: "4", [`scores.${effort.id}`]: "8" }), context: contextFor(staff), params: pageParams });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toBe(`${idea.url}#scores`);
    expect((await listPriorities({ actor: staff, board: board.slug })).ideas[0]).toMatchObject({ quadrant: "moneyPits", score: 0.5 });
    const memberPost = await call(ideaAction, { request: formRequest(idea.url, { intent: "scores", [`scores.${impact.id}`]: "10" }), context: contextFor(member), params: pageParams });
    expect(memberPost.status).toBe(403);
  });
});
