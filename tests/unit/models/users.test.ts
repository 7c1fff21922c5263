import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { emailTokens, sessions, users } from "../../../db/schema";
import { db } from "~/lib/db.server";
import { authenticate, lucia } from "~/lib/auth.server";
import { sha256Hex } from "~/lib/hashing.server";
import { hashPassword } from "~/lib/passwords.server";
import { requestPasswordReset, resetPassword } from "~/models/password-resets.server";
import {
  checkPassword,
  createUser,
  peekSignInLink,
  redeemSignInLink,
  requestSignInLink,
  resendSignUpConfirmation,
  signInWithPassword,
  signUp,
} from "~/models/users.server";
import { linkPath, mailFor } from "../../setup/outbox";

const tokenOf = (path: string) => path.split("/").pop()!;

describe("sign-up", () => {
  it("creates nothing until the emailed link is used, then signs in with the chosen name and password", async () => {
    const result = await signUp({ name: "Ann Lee", email: "ann@example.com", password: "a perfectly fine phrase", locale: "en" });
    expect(result).toEqual({ ok: true });
    expect(await db.select().from(users).where(eq(users.email, "ann@example.com"))).toHaveLength(0);

    const [mail] = await mailFor("ann@example.com");
    expect(mail.subject).toBe("Confirm your email address to finish signing up");
    expect(mail.text).toContain("Confirm your address to finish");
    expect(mail.text).not.toMatch(/account is ready/i);
    const token = tokenOf(linkPath(mail, /\/auth\/link\//));
    expect(await peekSignInLink(token)).toEqual({ email: "ann@example.com", confirmsSignUp: true });

    const user = (await redeemSignInLink(token))?.user;
    expect(user).toMatchObject({ email: "ann@example.com", name: "Ann Lee", role: "member" });
    expect(await signInWithPassword({ email: "ann@example.com", password: "a perfectly fine phrase" })).toMatchObject({ id: user!.id });
    // Single use.
    expect(await redeemSignInLink(token)).toBeNull();
    expect(await peekSignInLink(token)).toBeNull();
  });

  it("answers the same for an existing address and mails a sign-in link instead of creating a second account", async () => {
    await createUser({ email: "bob@example.com", name: "Bob", password: "bob's own password" });
    const result = await signUp({ name: "Mallory", email: "bob@example.com", password: "attacker chosen pass", locale: "en" });
    expect(result).toEqual({ ok: true });
    const [mail] = await mailFor("bob@example.com");
    expect(mail.subject).toBe("You already have a Loopboard account");
    const user = (await redeemSignInLink(tokenOf(linkPath(mail, /\/auth\/link\//))))?.user;
    expect(user).toMatchObject({ email: "bob@example.com", name: "Bob" });
    // The attacker's password never became Bob's.
    expect(await signInWithPassword({ email: "bob@example.com", password: "attacker chosen pass" })).toBeNull();
  });

  it("refuses the most common passwords with a field message", async () => {
    const result = await signUp({ name: "C", email: "c@example.com", password: "password1", locale: "en" });
    expect(result).toEqual({ ok: false, errors: { password: expect.stringContaining("most common") } });
  });

  it("makes ADMIN_EMAILS admins when their account is created", async () => {
    process.env.ADMIN_EMAILS = "boss@example.com, other@example.com";
    try {
      expect((await createUser({ email: "boss@example.com", name: "Boss" })).role).toBe("admin");
      expect((await createUser({ email: "worker@example.com", name: "W" })).role).toBe("member");
    } finally {
      delete process.env.ADMIN_EMAILS;
    }
  });
});

describe("sign-up waiting for its confirmation", () => {
  it("carries where the person was and what they were doing through the emailed link, keeping only safe values", async () => {
    await signUp({ name: "Voter", email: "voter@example.com", password: "a perfectly fine phrase", locale: "en", redirectTo: "/ideas/7#idea-7", then: "vote:7" });
    await signUp({ name: "Evil", email: "evil@example.com", password: "a perfectly fine phrase", locale: "en", redirectTo: "//evil.example/x", then: "delete:7" });
    const voter = await redeemSignInLink(tokenOf(linkPath((await mailFor("voter@example.com"))[0], /\/auth\/link\//)));
    expect(voter).toMatchObject({ redirectTo: "/ideas/7#idea-7", then: "vote:7" });
    const evil = await redeemSignInLink(tokenOf(linkPath((await mailFor("evil@example.com"))[0], /\/auth\/link\//)));
    expect(evil).toMatchObject({ redirectTo: null, then: null });
  });

  it("says 'not confirmed' only to someone who knows the password, and resends a link that still finishes the sign-up", async () => {
    await signUp({ name: "Slow", email: "slow@example.com", password: "a perfectly fine phrase", locale: "en", redirectTo: "/ideas/3", then: "vote:3" });
    expect(await checkPassword({ email: "slow@example.com", password: "a perfectly fine phrase" })).toEqual({ ok: false, unconfirmed: true });
    expect(await checkPassword({ email: "slow@example.com", password: "not the password" })).toEqual({ ok: false, unconfirmed: false });
    expect(await checkPassword({ email: "nobody@example.com", password: "a perfectly fine phrase" })).toEqual({ ok: false, unconfirmed: false });

    // The first link has expired by the time they come back.
    const [first] = await mailFor("slow@example.com");
    await db.update(emailTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(emailTokens.tokenHash, sha256Hex(tokenOf(linkPath(first, /\/auth\/link\//)))));
    expect(await checkPassword({ email: "slow@example.com", password: "a perfectly fine phrase" })).toEqual({ ok: false, unconfirmed: true });

    await resendSignUpConfirmation({ email: "slow@example.com", locale: "en" });
    await resendSignUpConfirmation({ email: "nobody@example.com", locale: "en" });
    expect(await mailFor("nobody@example.com")).toHaveLength(0);
    const mails = await mailFor("slow@example.com");
    expect(mails).toHaveLength(2);
    const redeemed = await redeemSignInLink(tokenOf(linkPath(mails[1], /\/auth\/link\//)));
    expect(redeemed).toMatchObject({ user: { email: "slow@example.com", name: "Slow" }, redirectTo: "/ideas/3", then: "vote:3" });
    expect(await checkPassword({ email: "slow@example.com", password: "a perfectly fine phrase" })).toMatchObject({ ok: true });
    // Confirmed: nothing is waiting any more, so nothing is resent.
    await resendSignUpConfirmation({ email: "slow@example.com", locale: "en" });
    expect(await mailFor("slow@example.com")).toHaveLength(2);
  });
});

describe("email-link sign-in", () => {
  it("creates the account on first use for an unknown address", async () => {
    await requestSignInLink({ email: "new@example.com", locale: "en" });
    const [mail] = await mailFor("new@example.com");
    expect(mail.subject).toBe("Your Loopboard sign-in link");
    const user = (await redeemSignInLink(tokenOf(linkPath(mail, /\/auth\/link\//))))?.user;
    expect(user).toMatchObject({ email: "new@example.com", name: "new" });
  });

  it("expires after 15 minutes", async () => {
    await requestSignInLink({ email: "late@example.com", locale: "en" });
    const [mail] = await mailFor("late@example.com");
    const token = tokenOf(linkPath(mail, /\/auth\/link\//));
    await db.update(emailTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(emailTokens.tokenHash, sha256Hex(token)));
    expect(await redeemSignInLink(token)).toBeNull();
  });

  it("lets exactly one of two simultaneous uses through", async () => {
    await requestSignInLink({ email: "race@example.com", locale: "en" });
    const [mail] = await mailFor("race@example.com");
    const token = tokenOf(linkPath(mail, /\/auth\/link\//));
    const results = await Promise.all([redeemSignInLink(token), redeemSignInLink(token), redeemSignInLink(token)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.select().from(users).where(eq(users.email, "race@example.com"))).toHaveLength(1);
  });
});

describe("password reset", () => {
  it("sends a link only to existing accounts, sets the new password once, and ends every session", async () => {
    const user = await createUser({ email: "dee@example.com", name: "Dee", password: "old password here" });
    const session = await lucia.createSession(user.id, {});
    await requestPasswordReset({ email: "dee@example.com", locale: "en" });
    await requestPasswordReset({ email: "nobody@example.com", locale: "en" });
    expect(await mailFor("nobody@example.com")).toHaveLength(0);
    const [mail] = await mailFor("dee@example.com");
    const token = tokenOf(linkPath(mail, /\/reset-password\//));

    expect(await resetPassword({ token, password: "123456789", locale: "en" })).toMatchObject({ ok: false, errors: { password: expect.any(String) } });
    expect(await resetPassword({ token, password: "brand new passphrase", locale: "en" })).toMatchObject({ ok: true });
    expect(await resetPassword({ token, password: "another passphrase", locale: "en" })).toEqual({ ok: false });
    expect(await signInWithPassword({ email: "dee@example.com", password: "brand new passphrase" })).not.toBeNull();
    expect(await signInWithPassword({ email: "dee@example.com", password: "old password here" })).toBeNull();
    expect((await lucia.validateSession(session.id)).session).toBeNull();
  });
});

describe("passwords and sessions at rest", () => {
  it("hashes with argon2id at m=19456, t=2, p=1 and compares exactly as typed", async () => {
    const hash = await hashPassword(" Spaces matter ");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await createUser({ email: "exact@example.com", name: "E", passwordHash: hash });
    expect(await signInWithPassword({ email: "exact@example.com", password: " Spaces matter " })).not.toBeNull();
    expect(await signInWithPassword({ email: "exact@example.com", password: "Spaces matter" })).toBeNull();
    expect(await signInWithPassword({ email: "exact@example.com", password: " spaces matter " })).toBeNull();
  });

  it("stores only the SHA-256 of session ids", async () => {
    const user = await createUser({ email: "s@example.com", name: "S" });
    const session = await lucia.createSession(user.id, {});
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(sha256Hex(session.id));
    expect(rows[0].id).not.toBe(session.id);
    // A dumped row's id is not a usable cookie.
    const cookie = `lb_session=${rows[0].id}`;
    expect((await authenticate({ cookie }, false)).auth.user).toBeNull();
    expect((await authenticate({ cookie: `lb_session=${session.id}` }, false)).auth.user).toMatchObject({ id: user.id });
  });
});
