import { describe, expect, it } from "vitest";
import { unsubscribeToken } from "~/lib/signed-links.server";
import { updateNotificationSettings } from "~/models/notification-settings.server";
import { isFollowing } from "~/models/subscriptions.server";
import { setVote } from "~/models/votes.server";
import { action, loader } from "~/routes/unsubscribe.$token";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { call, contextFor, formRequest, ORIGIN } from "../../setup/remix";

async function open(token: string) {
  const response = await call(loader, { request: new Request(`${ORIGIN}/unsubscribe/${token}`), context: contextFor(null), params: { token } });
  expect(response.status).toBe(200);
  return (await response.json()).link;
}

const post = async (token: string, intent: string) =>
  (await call(action, { request: formRequest(`/unsubscribe/${token}`, { intent }), context: contextFor(null), params: { token } })).json();

describe("the unsubscribe page", () => {
  it("says what the person gets now, says 'already unsubscribed' when opened again, and undoes", async () => {
    const author = await createTestUser();
    const voter = await createTestUser();
    const idea = await createTestIdea({ author, title: "Offline sync" });
    await setVote({ actor: voter, number: idea.number, voted: true });
    await updateNotificationSettings({ actor: voter, emailOnReply: false });
    const token = unsubscribeToken(voter.id, idea.id);

    expect(await open(token)).toEqual({
      idea: { title: "Offline sync", url: idea.url },
      unsubscribedIdea: false,
      unsubscribedAll: false,
      kinds: ["emailSettings.statusChange", "emailSettings.staffComment"],
    });

    expect(await post(token, "idea")).toEqual({ done: "idea" });
    expect(await isFollowing({ userId: voter.id, ideaId: idea.id })).toBe(false);
    // Opened again (a second click on the email's link): already unsubscribed, with undo.
    expect(await open(token)).toMatchObject({ unsubscribedIdea: true, unsubscribedAll: false });

    expect(await post(token, "undo-idea")).toEqual({ done: "undo-idea" });
    expect(await isFollowing({ userId: voter.id, ideaId: idea.id })).toBe(true);
    expect(await open(token)).toMatchObject({ unsubscribedIdea: false });

    expect(await post(token, "all")).toEqual({ done: "all" });
    expect(await open(token)).toMatchObject({ unsubscribedAll: true });
    expect(await post(token, "undo-all")).toEqual({ done: "undo-all" });
    expect(await open(token)).toMatchObject({ unsubscribedAll: false, unsubscribedIdea: false });
  });

  it("an 'all' link has no idea; an unknown intent is the one-click idea unsubscribe", async () => {
    const person = await createTestUser();
    const token = unsubscribeToken(person.id, "all");
    expect(await open(token)).toMatchObject({ idea: null, unsubscribedAll: false });
    expect(await post(token, "idea")).toEqual({ done: "all" });
    expect(await open(token)).toMatchObject({ unsubscribedAll: true });
    expect(await post(token, "undo-all")).toEqual({ done: "undo-all" });
    expect(await open(token)).toMatchObject({ unsubscribedAll: false });
  });
});
