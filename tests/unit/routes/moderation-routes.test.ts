import { describe, expect, it } from "vitest";
import { addComment } from "~/models/comments.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { loader as feedLoader } from "~/routes/changelog[.]atom";
import { action as hideCommentAction, loader as hideCommentLoader } from "~/routes/api.v1.comments.$id.hide";
import { action as restoreCommentAction } from "~/routes/api.v1.comments.$id.restore";
import { loader as ideasLoader } from "~/routes/api.v1.ideas";
import { loader as ideaJsonLoader } from "~/routes/api.v1.ideas.$number";
import { action as commentAction, loader as commentsLoader } from "~/routes/api.v1.ideas.$number.comments";
import { action as hideIdeaAction } from "~/routes/api.v1.ideas.$number.hide";
import { action as lockAction, loader as lockLoader } from "~/routes/api.v1.ideas.$number.lock";
import { action as pinAction, loader as pinLoader } from "~/routes/api.v1.ideas.$number.pin";
import { action as restoreIdeaAction } from "~/routes/api.v1.ideas.$number.restore";
import { loader as ideaPageLoader } from "~/routes/ideas.$number.($slug)";
import { action as moderateAction } from "~/routes/ideas.$number.moderate";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";
import { createTestBoard, createTestIdea, createTestUser } from "../../setup/factories";

const get = (path: string) => new Request(ORIGIN + path);
const MARKER = "Qqhiddenroutemarker";
const COMMENT_MARKER = "Wwhiddencommentmarker";

async function setup() {
  const staff = await createTestUser({ role: "staff" });
  const member = await createTestUser();
  const board = await createTestBoard();
  const idea = await createTestIdea({ author: member, board, title: `${MARKER} idea`, body: `Body ${MARKER}` });
  return { staff, member, board, idea, params: { number: String(idea.number) } };
}

describe("POST /api/v1/ideas/:number/hide and /restore", () => {
  it("staff hide with a reason (member 403, no reason 422, unknown 404); members then get 404 and find it in no list or feed; restore brings it back", async () => {
    const { staff, member, board, idea, params } = await setup();
    await setIdeaStatus({ actor: staff, number: idea.number, status: "shipped", note: "" });
    const path = `/api/v1/ideas/${idea.number}/hide`;
    const asMember = await call(hideIdeaAction, { request: jsonRequest("POST", path, { reason: "spam" }), context: contextFor(member), params });
    expect(asMember.status).toBe(403);
    const noReason = await call(hideIdeaAction, { request: jsonRequest("POST", path, {}), context: contextFor(staff), params });
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).error.fields.reason).toBe("Give a reason (up to 500 characters).");
    expect((await call(hideIdeaAction, { request: jsonRequest("POST", "/api/v1/ideas/999999/hide", { reason: "x" }), context: contextFor(staff), params: { number: "999999" } })).status).toBe(404);
    const hidden = await call(hideIdeaAction, { request: jsonRequest("POST", path, { reason: "Duplicate spam" }), context: contextFor(staff), params });
    expect(hidden.status).toBe(200);
    expect((await hidden.json()).idea).toMatchObject({ number: idea.number, hidden: { reason: "Duplicate spam", at: expect.any(String) } });

    for (const user of [member, null]) {
      expect((await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${idea.number}`), context: contextFor(user), params })).status).toBe(404);
      expect((await call(ideaPageLoader, { request: get(`/ideas/${idea.number}`), context: contextFor(user), params })).status).toBe(404);
      const list = await call(ideasLoader, { request: get(`/api/v1/ideas?board=${board.slug}&q=${MARKER}`), context: contextFor(user) });
      expect(await list.text()).not.toContain(MARKER);
      const feed = await call(feedLoader, { request: get(`/changelog.atom?board=${board.slug}`), context: contextFor(user) });
      expect(await feed.text()).not.toContain(MARKER);
    }
    const staffPage = await call(ideaPageLoader, { request: get(`/ideas/${idea.number}/${idea.slug}`), context: contextFor(staff), params: { ...params, slug: idea.slug } });
    expect((await staffPage.json()).idea.hidden).toMatchObject({ reason: "Duplicate spam" });

    const restored = await call(restoreIdeaAction, { request: jsonRequest("POST", `/api/v1/ideas/${idea.number}/restore`), context: contextFor(staff), params });
    expect((await restored.json()).idea.hidden).toBeUndefined();
    expect((await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${idea.number}`), context: contextFor(member), params })).status).toBe(200);
    const feed = await call(feedLoader, { request: get(`/changelog.atom?board=${board.slug}`), context: contextFor(null) });
    expect(await feed.text()).toContain(MARKER);
  });
});

describe("POST /api/v1/comments/:id/hide and /restore", () => {
  it("a hidden comment reaches no member through the comments API; staff see it with the reason; 405 for GET", async () => {
    const { staff, member, idea, params } = await setup();
    const comment = await addComment({ actor: member, number: idea.number, body: `Insult ${COMMENT_MARKER}` });
    const id = { id: String(comment.id) };
    expect((await call(hideCommentAction, { request: jsonRequest("POST", `/api/v1/comments/${comment.id}/hide`, { reason: "x" }), context: contextFor(member), params: id })).status).toBe(403);
    const hidden = await call(hideCommentAction, { request: jsonRequest("POST", `/api/v1/comments/${comment.id}/hide`, { reason: "Insulting" }), context: contextFor(staff), params: id });
    expect((await hidden.json()).comment).toMatchObject({ id: comment.id, hidden: { reason: "Insulting" } });
    const asMember = await call(commentsLoader, { request: get(`/api/v1/ideas/${idea.number}/comments`), context: contextFor(member), params });
    expect(await asMember.text()).not.toContain(COMMENT_MARKER);
    const ideaJson = await call(ideaJsonLoader, { request: get(`/api/v1/ideas/${idea.number}`), context: contextFor(member), params });
    const body = await ideaJson.json();
    expect(JSON.stringify(body)).not.toContain(COMMENT_MARKER);
    expect(body.idea.commentCount).toBe(0);
    const asStaff = await call(commentsLoader, { request: get(`/api/v1/ideas/${idea.number}/comments`), context: contextFor(staff), params });
    expect(await asStaff.text()).toContain(COMMENT_MARKER);
    expect((await call(hideCommentLoader, { request: get(`/api/v1/comments/${comment.id}/hide`), context: contextFor(staff), params: id })).status).toBe(405);
    await call(restoreCommentAction, { request: jsonRequest("POST", `/api/v1/comments/${comment.id}/restore`), context: contextFor(staff), params: id });
    const back = await call(commentsLoader, { request: get(`/api/v1/ideas/${idea.number}/comments`), context: contextFor(member), params });
    expect(await back.text()).toContain(COMMENT_MARKER);
  });
});

describe("moderating from the idea page (/ideas/:number/moderate)", () => {
  it("staff hide a comment and go back to it; no reason is a field message; members are refused", async () => {
    const { staff, member, idea, params } = await setup();
    const comment = await addComment({ actor: member, number: idea.number, body: "Off-topic rant" });
    const path = `/ideas/${idea.number}/moderate`;
    const done = await call(moderateAction, { request: formRequest(path, { intent: "hideComment", id: String(comment.id), reason: "Off topic" }), context: contextFor(staff), params });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/ideas/${idea.number}#comment-${comment.id}`);
    const page = await call(ideaPageLoader, { request: get(`/ideas/${idea.number}/${idea.slug}`), context: contextFor(member), params: { ...params, slug: idea.slug } });
    const data = await page.json();
    expect(data.comments).toEqual([]);
    expect(data.commentTotal).toBe(0);
    const missing = await call(moderateAction, { request: formRequest(path, { intent: "hideIdea", reason: "" }), context: contextFor(staff), params });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors.reason).toBe("Give a reason (up to 500 characters).");
    const refused = await call(moderateAction, { request: formRequest(path, { intent: "hideIdea", reason: "mine" }), context: contextFor(member), params });
    expect(refused.status).toBe(403);
    const restored = await call(moderateAction, { request: formRequest(path, { intent: "restoreComment", id: String(comment.id) }), context: contextFor(staff), params });
    expect(restored.status).toBe(302);
  });
});

describe("locking comments: POST and DELETE /api/v1/ideas/:number/lock, and the idea page's form", () => {
  it("staff lock (member 403, GET 405); a member's API comment is then 403 comments_locked and the page offers no comment box but says so; staff still comment; unlock from the page form", async () => {
    const { staff, member, idea, params } = await setup();
    const path = `/api/v1/ideas/${idea.number}/lock`;
    expect((await call(lockLoader, { request: get(path), context: contextFor(staff), params })).status).toBe(405);
    expect((await call(lockAction, { request: jsonRequest("POST", path), context: contextFor(member), params })).status).toBe(403);
    const locked = await call(lockAction, { request: jsonRequest("POST", path), context: contextFor(staff), params });
    expect(locked.status).toBe(200);
    expect((await locked.json()).idea).toMatchObject({ number: idea.number, commentsLocked: true });

    const commentsPath = `/api/v1/ideas/${idea.number}/comments`;
    const refused = await call(commentAction, { request: jsonRequest("POST", commentsPath, { body: "Me too" }), context: contextFor(member), params });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({ code: "comments_locked", message: "Comments are locked: the team has closed this discussion to new comments and replies." });
    const fromStaff = await call(commentAction, { request: jsonRequest("POST", commentsPath, { body: "Thanks, all" }), context: contextFor(staff), params });
    expect(fromStaff.status).toBe(201);

    const pageParams = { ...params, slug: idea.slug };
    const memberPage = await (await call(ideaPageLoader, { request: get(`/ideas/${idea.number}/${idea.slug}`), context: contextFor(member), params: pageParams })).json();
    expect(memberPage.idea.commentsLocked).toBe(true);
    expect(memberPage.canComment).toBe(false);
    expect(memberPage.canLockComments).toBe(false);
    const staffPage = await (await call(ideaPageLoader, { request: get(`/ideas/${idea.number}/${idea.slug}`), context: contextFor(staff), params: pageParams })).json();
    expect(staffPage.canComment).toBe(true);
    expect(staffPage.activity.map((e: { kind: string }) => e.kind)).toContain("commentsLocked");

    const moderate = `/ideas/${idea.number}/moderate`;
    expect((await call(moderateAction, { request: formRequest(moderate, { intent: "unlockComments" }), context: contextFor(member), params })).status).toBe(403);
    const unlocked = await call(moderateAction, { request: formRequest(moderate, { intent: "unlockComments" }), context: contextFor(staff), params });
    expect(unlocked.status).toBe(302);
    expect(unlocked.headers.get("location")).toBe(`/ideas/${idea.number}#comments`);
    const again = await call(commentAction, { request: jsonRequest("POST", commentsPath, { body: "Me too" }), context: contextFor(member), params });
    expect(again.status).toBe(201);
    const relocked = await call(lockAction, { request: jsonRequest("DELETE", path), context: contextFor(staff), params });
    expect((await relocked.json()).idea.commentsLocked).toBe(false);
  });
});

describe("pinning: POST and DELETE /api/v1/ideas/:number/pin, and the idea page's form", () => {
  it("staff pin (member 403, GET 405); the idea is then first in GET /api/v1/ideas with pinned: true, for visitors too; unpin from the page form", async () => {
    const { staff, member, board, idea, params } = await setup();
    const later = await createTestIdea({ author: member, board, title: "A later idea" });
    const path = `/api/v1/ideas/${idea.number}/pin`;
    expect((await call(pinLoader, { request: get(path), context: contextFor(staff), params })).status).toBe(405);
    expect((await call(pinAction, { request: jsonRequest("POST", path), context: contextFor(member), params })).status).toBe(403);
    const pinned = await call(pinAction, { request: jsonRequest("POST", path), context: contextFor(staff), params });
    expect(pinned.status).toBe(200);
    expect((await pinned.json()).idea).toMatchObject({ number: idea.number, pinned: true });

    const list = async () => (await (await call(ideasLoader, { request: get(`/api/v1/ideas?board=${board.slug}&sort=new`), context: contextFor(null) })).json()).ideas;
    expect((await list()).map((i: { number: number; pinned: boolean }) => [i.number, i.pinned])).toEqual([
      [idea.number, true],
      [later.number, false],
    ]);

    const moderate = `/ideas/${idea.number}/moderate`;
    expect((await call(moderateAction, { request: formRequest(moderate, { intent: "unpin" }), context: contextFor(member), params })).status).toBe(403);
    const unpinned = await call(moderateAction, { request: formRequest(moderate, { intent: "unpin" }), context: contextFor(staff), params });
    expect(unpinned.status).toBe(302);
    expect(unpinned.headers.get("location")).toBe(`/ideas/${idea.number}`);
    expect((await list()).map((i: { number: number }) => i.number)).toEqual([later.number, idea.number]);
    const again = await call(pinAction, { request: jsonRequest("DELETE", path), context: contextFor(staff), params });
    expect((await again.json()).idea.pinned).toBe(false);
  });
});
