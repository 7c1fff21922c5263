import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { lucia } from "~/lib/auth.server";
import { AppError } from "~/lib/errors.server";
import { db } from "~/lib/db.server";
import { resetRateLimiters } from "~/lib/rate-limit.server";
import { changePassword, confirmEmailChange, peekEmailChange, requestEmailChange } from "~/models/account-settings.server";
import { createUser, signInWithPassword } from "~/models/users.server";
import { linkPath, mailFor } from "../../setup/outbox";

const tokenOf = (path: string) => path.split("/").pop()!;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeEach(() => resetRateLimiters());

describe("changing the password", () => {
  it("needs the current password, then ends every other session and keeps this one", async () => {
    const user = await createUser({ email: "pw@example.com", name: "Pat", password: "the first password" });
    const here = await lucia.createSession(user.id, {});
    const laptop = await lucia.createSession(user.id, {});
    const phone = await lucia.createSession(user.id, {});

    const wrong = await refusal(changePassword({ actor: user, sessionId: here.id, currentPassword: "not it at all", newPassword: "a brand new phrase" }));
    expect(wrong.status).toBe(422);
    expect(wrong.fields).toEqual({ currentPassword: "That is not your current password." });
    expect((await lucia.validateSession(laptop.id)).session).not.toBeNull();

    const weak = await refusal(changePassword({ actor: user, sessionId: here.id, currentPassword: "the first password", newPassword: "short" }));
    expect(weak.fields?.newPassword).toMatch(/at least 8/);

    await changePassword({ actor: user, sessionId: here.id, currentPassword: "the first password", newPassword: "a brand new phrase" });
    expect((await lucia.validateSession(here.id)).session).not.toBeNull();
    expect((await lucia.validateSession(laptop.id)).session).toBeNull();
    expect((await lucia.validateSession(phone.id)).session).toBeNull();
    expect(await signInWithPassword({ email: "pw@example.com", password: "the first password" })).toBeNull();
    expect(await signInWithPassword({ email: "pw@example.com", password: "a brand new phrase" })).toMatchObject({ id: user.id });
  });

  it("an account without a password (email links only) sets one without a current password", async () => {
    const user = await createUser({ email: "linkonly@example.com", name: "L" });
    await changePassword({ actor: user, sessionId: null, newPassword: "my first password here" });
    expect(await signInWithPassword({ email: "linkonly@example.com", password: "my first password here" })).toMatchObject({ id: user.id });
  });

  it("wrong guesses count against the account's sign-in limit", async () => {
    const user = await createUser({ email: "guess@example.com", name: "G", password: "the right password" });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await refusal(changePassword({ actor: user, sessionId: null, currentPassword: `guess ${i}`, newPassword: "a brand new phrase" }))).status);
    }
    expect(statuses.slice(0, 6)).toEqual([422, 422, 422, 422, 422, 422]);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("changing the email address", () => {
  it("sends a link to the new address; the address changes only when it is used, and the old one is told", async () => {
    const user = await createUser({ email: "old@example.com", name: "Olga", password: "olga's password" });
    await requestEmailChange({ actor: user, email: "  New@Example.com " });
    const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, user.id));
    expect(row.email).toBe("old@example.com");

    const [mail] = await mailFor("new@example.com");
    expect(mail.subject).toBe("Confirm your new Loopboard email address");
    expect(mail.text).toContain("new@example.com");
    const token = tokenOf(linkPath(mail, /\/email-change\//));
    expect(await peekEmailChange(token)).toEqual({ email: "new@example.com" });
    expect(await mailFor("old@example.com")).toHaveLength(0);

    expect(await confirmEmailChange(token)).toEqual({ email: "new@example.com" });
    const [after] = await db.select({ email: users.email, verified: users.emailVerifiedAt }).from(users).where(eq(users.id, user.id));
    expect(after.email).toBe("new@example.com");
    expect(after.verified).toBeInstanceOf(Date);
    const [notice] = await mailFor("old@example.com");
    expect(notice.subject).toBe("Your Loopboard email address was changed");
    expect(notice.text).toContain("new@example.com");
    expect(await signInWithPassword({ email: "new@example.com", password: "olga's password" })).toMatchObject({ id: user.id });
    // Single use.
    expect(await confirmEmailChange(token)).toBeNull();
    expect(await peekEmailChange(token)).toBeNull();
  });

  it("refuses an address another account has with a field error, and its own address", async () => {
    const user = await createUser({ email: "mine@example.com", name: "M" });
    await createUser({ email: "taken@example.com", name: "T" });
    const taken = await refusal(requestEmailChange({ actor: user, email: "Taken@example.com" }));
    expect(taken.status).toBe(409);
    expect(taken.fields).toEqual({ email: "Another account uses this address." });
    const same = await refusal(requestEmailChange({ actor: user, email: "mine@example.com" }));
    expect(same.fields?.email).toBe("That is already your address.");
    const bad = await refusal(requestEmailChange({ actor: user, email: "not an address" }));
    expect(bad.fields?.email).toBeTruthy();
    expect(await mailFor("taken@example.com")).toHaveLength(0);
  });

  it("a link whose address was taken meanwhile changes nothing; a newer request replaces an older link", async () => {
    const user = await createUser({ email: "slowpoke@example.com", name: "S" });
    await requestEmailChange({ actor: user, email: "first@example.com" });
    await requestEmailChange({ actor: user, email: "race@example.com" });
    const older = tokenOf(linkPath((await mailFor("first@example.com"))[0], /\/email-change\//));
    expect(await confirmEmailChange(older)).toBeNull();
    const token = tokenOf(linkPath((await mailFor("race@example.com"))[0], /\/email-change\//));
    await createUser({ email: "race@example.com", name: "Quick" });
    expect(await confirmEmailChange(token)).toBe("taken");
    const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, user.id));
    expect(row.email).toBe("slowpoke@example.com");
  });
});
