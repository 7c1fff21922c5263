import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { exportAccountData } from "~/models/account-export.server";
import { upsertCompany } from "~/models/companies.server";
import { getIdeaDemand } from "~/models/idea-demand.server";
import { getIdea } from "~/models/ideas.server";
import { isFollowing } from "~/models/subscriptions.server";
import { checkPassword, findUserByEmail, redeemSignInLink, requestSignInLink, signUp } from "~/models/users.server";
import { addVoteOnBehalf, removeVoteOnBehalf, setVoteImportance } from "~/models/votes-on-behalf.server";
import { setVote } from "~/models/votes.server";
import { errorOf } from "../../setup/errors";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { linkPath, mailFor } from "../../setup/outbox";

let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;
const tokenOf = (path: string) => path.split("/").pop()!;

async function voteRows(ideaId: number): Promise<{ user_id: number; added_by_id: number | null; note: string | null }[]> {
  return queryRows(db, sql`SELECT user_id, added_by_id, note FROM votes WHERE idea_id = ${ideaId}::int ORDER BY user_id`);
}

async function usersWithEmail(email: string): Promise<{ id: number; is_contact: boolean; password_hash: string | null; name: string }[]> {
  return queryRows(db, sql`SELECT id, is_contact, password_hash, name FROM users WHERE email = ${email}`);
}

async function setup() {
  const staff = await createTestUser({ role: "staff", name: "Sam" });
  const author = await createTestUser({ name: "Ann" });
  const idea = await createTestIdea({ author, title: "SAML single sign-on" });
  return { staff, author, idea };
}

describe("addVoteOnBehalf", () => {
  it("creates a contact for an unknown address who follows the idea; the vote records who added it and the note", async () => {
    const { staff, idea } = await setup();
    const email = `cara-${uniq()}@customer.example`;
    const result = await addVoteOnBehalf({ actor: staff, number: idea.number, email: ` ${email.toUpperCase()} `, name: "Cara", note: "call with Acme, 2026-12-01" });
    expect(result).toMatchObject({ added: true, voteCount: 2, voter: { email, name: "Cara", isContact: true } });
    const [contact] = await usersWithEmail(email);
    expect(contact).toMatchObject({ is_contact: true, password_hash: null, name: "Cara" });
    expect(await isFollowing({ userId: contact.id, ideaId: idea.id })).toBe(true);
    const row = (await voteRows(idea.id)).find((r) => Number(r.user_id) === Number(contact.id))!;
    expect(Number(row.added_by_id)).toBe(staff.id);
    expect(row.note).toBe("call with Acme, 2026-12-01");
    // A contact is not an account: no sign-in, no password check.
    expect(await findUserByEmail(email)).toBeNull();
    expect(await checkPassword({ email, password: "anything at all here" })).toEqual({ ok: false, unconfirmed: false });
  });

  it("gives a new contact the site's default language (DEFAULT_LOCALE) for its emails", async () => {
    const { staff, idea } = await setup();
    const email = `dara-${uniq()}@customer.example`;
    const before = process.env.DEFAULT_LOCALE;
    process.env.DEFAULT_LOCALE = "sl";
    try {
      await addVoteOnBehalf({ actor: staff, number: idea.number, email });
    } finally {
      if (before === undefined) delete process.env.DEFAULT_LOCALE;
      else process.env.DEFAULT_LOCALE = before;
    }
    const [row] = await queryRows<{ last_locale: string; locale: string | null }>(db, sql`SELECT last_locale, locale FROM users WHERE email = ${email}`);
    expect(row).toEqual({ last_locale: "sl", locale: null });
  });

  it("votes for an existing account without making a contact, and the same person twice changes nothing", async () => {
    const { staff, idea } = await setup();
    const member = await createTestUser({ name: "Mo" });
    const first = await addVoteOnBehalf({ actor: staff, number: idea.number, email: member.email, note: "first call note" });
    expect(first).toMatchObject({ added: true, voteCount: 2, voter: { id: member.id, isContact: false, name: "Mo" } });
    const again = await addVoteOnBehalf({ actor: staff, number: idea.number, email: member.email, note: "second" });
    expect(again).toMatchObject({ added: false, voteCount: 2 });
    expect((await voteRows(idea.id)).find((r) => Number(r.user_id) === member.id)!.note).toBe("first call note");
    expect((await getIdea({ actor: null, number: idea.number }))!.voteCount).toBe(2);
    // Their own data download lists the vote, but not what staff wrote about it or who added it.
    const exported = JSON.stringify(await exportAccountData({ actor: member }));
    expect(exported).toContain(idea.title);
    expect(exported).not.toContain("first call note");
    expect(exported).not.toContain("Sam");
  });

  it("gives one row and one contact when the same vote is added twice in parallel", async () => {
    const { staff, idea } = await setup();
    const email = `twice-${uniq()}@customer.example`;
    const results = await Promise.all([1, 2, 3].map(() => addVoteOnBehalf({ actor: staff, number: idea.number, email, note: "same call" })));
    expect(results.filter((r) => r.added)).toHaveLength(1);
    expect(await usersWithEmail(email)).toHaveLength(1);
    expect(await voteRows(idea.id)).toHaveLength(2);
    expect((await getIdea({ actor: null, number: idea.number }))!.voteCount).toBe(2);
  });

  it("is staff only, 404s an unknown idea and refuses a bad address or a long note", async () => {
    const { staff, author, idea } = await setup();
    expect((await errorOf(addVoteOnBehalf({ actor: author, number: idea.number, email: "x@example.com" }))).status).toBe(403);
    expect((await errorOf(addVoteOnBehalf({ actor: null, number: idea.number, email: "x@example.com" }))).status).toBe(401);
    expect((await errorOf(addVoteOnBehalf({ actor: staff, number: 99_999_999, email: "x@example.com" }))).status).toBe(404);
    const bad = await errorOf(addVoteOnBehalf({ actor: staff, number: idea.number, email: "not an address", note: "x".repeat(501) }));
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["email", "note"]);
    expect((await errorOf(removeVoteOnBehalf({ actor: author, number: idea.number, email: "x@example.com" }))).status).toBe(403);
  });

  it("removes the vote by address (idempotent), and the contact stops following", async () => {
    const { staff, idea } = await setup();
    const email = `gone-${uniq()}@customer.example`;
    const { voter } = await addVoteOnBehalf({ actor: staff, number: idea.number, email });
    expect(await removeVoteOnBehalf({ actor: staff, number: idea.number, email })).toEqual({ removed: true, voteCount: 1 });
    expect(await removeVoteOnBehalf({ actor: staff, number: idea.number, email })).toEqual({ removed: false, voteCount: 1 });
    expect(await removeVoteOnBehalf({ actor: staff, number: idea.number, email: `nobody-${uniq()}@x.example` })).toEqual({ removed: false, voteCount: 1 });
    expect(await isFollowing({ userId: voter.id, ideaId: idea.id })).toBe(false);
  });
});

describe("a contact who signs up", () => {
  it("confirms like a new account and keeps the votes on the same row, with the name and password chosen", async () => {
    const { staff, idea } = await setup();
    const email = `later-${uniq()}@customer.example`;
    const { voter } = await addVoteOnBehalf({ actor: staff, number: idea.number, email, name: "Staff Typed" });
    expect(await signUp({ name: "Lee Later", email, password: "a perfectly fine phrase", locale: "en" })).toEqual({ ok: true });
    const [mail] = await mailFor(email);
    expect(mail.subject).toBe("Confirm your email address to finish signing up");
    const user = (await redeemSignInLink(tokenOf(linkPath(mail, /\/auth\/link\//))))!.user;
    expect(user).toMatchObject({ id: voter.id, email, name: "Lee Later" });
    expect(await usersWithEmail(email)).toEqual([expect.objectContaining({ id: voter.id, is_contact: false })]);
    expect((await checkPassword({ email, password: "a perfectly fine phrase" })).ok).toBe(true);
    expect((await voteRows(idea.id)).some((r) => Number(r.user_id) === voter.id)).toBe(true);
    expect((await getIdea({ actor: user, number: idea.number }))!.votedByMe).toBe(true);
  });

  it("by an email sign-in link also becomes the account, keeping the name staff typed", async () => {
    const { staff, idea } = await setup();
    const email = `link-${uniq()}@customer.example`;
    const { voter } = await addVoteOnBehalf({ actor: staff, number: idea.number, email, name: "Kim" });
    await requestSignInLink({ email, locale: "en" });
    const [mail] = await mailFor(email);
    const user = (await redeemSignInLink(tokenOf(linkPath(mail, /\/auth\/link\//))))!.user;
    expect(user).toMatchObject({ id: voter.id, name: "Kim" });
    expect(await findUserByEmail(email)).toMatchObject({ id: voter.id });
  });
});

describe("importance and the demand figures", () => {
  it("lets a voter say how much it matters (only on their own vote), and staff see voters, companies, revenue, must-haves and segments", async () => {
    const { staff, author, idea } = await setup();
    const ent = `ent${uniq()}.example`;
    const smb = `smb${uniq()}.example`;
    await upsertCompany({ actor: staff, externalId: `big-${uniq()}`, body: { name: "Big Co", monthlyRevenueCents: 500_000, segment: "Enterprise", domains: [ent] } });
    await upsertCompany({ actor: staff, externalId: `small-${uniq()}`, body: { name: "Small Co", monthlyRevenueCents: 2_000, segment: "SMB", domains: [smb] } });
    const a = await createTestUser({ email: `a@${ent}` });
    const b = await createTestUser({ email: `b@${ent}` });
    await setVote({ actor: a, number: idea.number, voted: true });
    await setVote({ actor: b, number: idea.number, voted: true });
    await addVoteOnBehalf({ actor: staff, number: idea.number, email: `c@${smb}`, note: "support ticket 42" });

    expect(await setVoteImportance({ actor: a, number: idea.number, importance: "must_have" })).toEqual({ importance: "must_have" });
    await setVoteImportance({ actor: b, number: idea.number, importance: "important" });
    const outsider = await createTestUser();
    expect((await errorOf(setVoteImportance({ actor: outsider, number: idea.number, importance: "must_have" }))).status).toBe(404);
    expect((await errorOf(setVoteImportance({ actor: a, number: idea.number, importance: "urgent" }))).status).toBe(422);

    const demand = await getIdeaDemand({ actor: staff, ideaId: idea.id });
    expect(demand.figures).toEqual({
      voters: 4,
      companies: 2,
      revenueCents: 502_000,
      mustHave: 1,
      important: 1,
      niceToHave: 0,
      bySegment: [
        { segment: "Enterprise", voters: 2, companies: 1, revenueCents: 500_000 },
        { segment: "SMB", voters: 1, companies: 1, revenueCents: 2_000 },
      ],
    });
    expect(demand.companies.map((c) => [c.name, c.voters])).toEqual([["Big Co", 2], ["Small Co", 1]]);
    const onBehalf = demand.voters.find((v) => v.email === `c@${smb}`)!;
    expect(onBehalf).toMatchObject({ isContact: true, company: "Small Co", addedBy: "Sam", note: "support ticket 42" });
    expect(demand.voters.find((v) => v.userId === a.id)!.importance).toBe("must_have");
    expect((await errorOf(getIdeaDemand({ actor: author, ideaId: idea.id }))).status).toBe(403);
    expect((await errorOf(getIdeaDemand({ actor: null, ideaId: idea.id }))).status).toBe(401);
  });
});
