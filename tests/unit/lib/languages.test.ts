/** Which language a request is answered in, and everything that follows from it. */
import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema";
import { translate } from "~/i18n";
import { negotiateLocale } from "~/i18n/locales";
import { createAnonymousCache } from "~/lib/anonymous-cache.server";
import { db } from "~/lib/db.server";
import { chooseLocale } from "~/lib/locale.server";
import { prepareRequest, type IncomingRequest } from "~/lib/request-context.server";
import { createApiToken } from "~/models/api-tokens.server";
import { findUserById } from "~/models/users.server";
import { loader as rootLoader } from "~/root";
import { action as languageAction } from "~/routes/language";
import { loader as profileLoader, action as profileAction } from "~/routes/settings.profile";
import { answerDirectly } from "~/direct-routes.server";
import { loader as ideaApiLoader } from "~/routes/api.v1.ideas.$number";
import { loader as ideasApiLoader } from "~/routes/api.v1.ideas";
import { createTestUser } from "../../setup/factories";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";

const base: IncomingRequest = { method: "GET", url: "/", https: false, host: "localhost:3000", ip: "127.0.0.1", headers: {} };

afterEach(() => {
  delete process.env.DEFAULT_LOCALE;
});

describe("choosing the language", () => {
  it("goes account setting > switcher cookie > Accept-Language > DEFAULT_LOCALE", () => {
    expect(chooseLocale({ chosen: "sl", cookie: "lb_lang=ar", acceptLanguage: "en" })).toBe("sl");
    expect(chooseLocale({ chosen: null, cookie: "lb_session=x; lb_lang=ar", acceptLanguage: "sl" })).toBe("ar");
    expect(chooseLocale({ chosen: null, cookie: "lb_lang=xx", acceptLanguage: "sl-SI,en;q=0.5" })).toBe("sl");
    expect(chooseLocale({ chosen: null, cookie: null, acceptLanguage: "de, fr;q=0.9" })).toBe("en");
    process.env.DEFAULT_LOCALE = "ar";
    expect(chooseLocale({ chosen: null, cookie: null, acceptLanguage: "de" })).toBe("ar");
    expect(chooseLocale({ chosen: null, cookie: null, acceptLanguage: null })).toBe("ar");
    process.env.DEFAULT_LOCALE = "klingon";
    expect(() => chooseLocale({ chosen: null, cookie: null, acceptLanguage: null })).toThrow(/DEFAULT_LOCALE/);
  });

  it("reads Accept-Language by weight, by base language, and never picks a language refused with q=0", () => {
    expect(negotiateLocale("en;q=0.2, ar-EG;q=0.8, sl;q=0.5")).toBe("ar");
    expect(negotiateLocale("sl-SI")).toBe("sl");
    expect(negotiateLocale("ar;q=0, de")).toBe("en");
    expect(negotiateLocale("", "sl")).toBe("sl");
  });

  it("answers with Content-Language and Vary, and gives models the request's language", async () => {
    const visitor = await prepareRequest({ ...base, headers: { "accept-language": "ar" } });
    expect(visitor.headers["Content-Language"]).toBe("ar");
    expect(visitor.headers.Vary).toBe("Accept-Language, Cookie");
    if (visitor.kind === "continue") expect(visitor.context.locale).toBe("ar");

    // A signed-in person who chose Slovenian gets it whatever the browser asks; the token cache's user is not changed.
    const user = await createTestUser();
    await db.update(users).set({ locale: "sl" }).where(eq(users.id, user.id));
    const { token } = await createApiToken({ actor: user, name: "lang" });
    const asked = await prepareRequest({ ...base, url: "/api/v1/me", headers: { authorization: `Bearer ${token}`, "accept-language": "ar", cookie: "lb_lang=ar" } });
    expect(asked.kind).toBe("continue");
    if (asked.kind === "continue") {
      expect(asked.context.locale).toBe("sl");
      expect(asked.context.auth.user?.locale).toBe("sl");
    }
    expect(asked.headers["Content-Language"]).toBe("sl");

    // Refusals speak the visitor's language too.
    const refused = await prepareRequest({ ...base, method: "POST", url: "/api/v1/ideas", headers: { origin: "https://evil.example", "accept-language": "sl" } });
    expect(refused).toMatchObject({ kind: "refuse", status: 403 });
    if (refused.kind === "refuse") {
      expect(JSON.parse(refused.body)).toEqual({ error: { code: "cross_site_request", message: translate("sl", "error.csrf") } });
      expect(refused.headers["Content-Language"]).toBe("sl");
    }
  });

  it("an account that never chose follows the visitor rule, and remembers the language it last used for its email", async () => {
    const user = await createTestUser();
    expect(user.chosenLocale).toBeNull();
    const request = new Request(ORIGIN + "/", { headers: { "accept-language": "sl" } });
    const data = await (await call(rootLoader, { request, context: contextFor(user) })).json();
    expect(data.locale).toBe("sl");
    const stored = await findUserById(user.id);
    expect(stored).toMatchObject({ chosenLocale: null, lastLocale: "sl", locale: "sl" });
  });
});

describe("the anonymous cache", () => {
  it("keys on the chosen language: the switcher's cookie, else Accept-Language, else DEFAULT_LOCALE", () => {
    const cache = createAnonymousCache({ ttlMs: 1000 });
    const req = (headers: IncomingRequest["headers"]): IncomingRequest => ({ ...base, url: "/roadmap", headers });
    const arabic = cache.keyFor(req({ "accept-language": "ar" }));
    expect(arabic).toMatch(/ ar$/);
    expect(cache.keyFor(req({ cookie: "lb_lang=ar", "accept-language": "sl" }))).toBe(arabic);
    expect(cache.keyFor(req({ cookie: "lb_lang=sl" }))).toMatch(/ sl$/);
    // Any other cookie may be a session: never from the cache.
    expect(cache.keyFor(req({ cookie: "lb_lang=sl; lb_session=abc" }))).toBeNull();
    process.env.DEFAULT_LOCALE = "sl";
    expect(cache.keyFor(req({}))).toMatch(/ sl$/);
  });
});

describe("the language switcher", () => {
  it("works without JavaScript: a plain form post sets the cookie and goes back to a page on this site", async () => {
    const res = await call(languageAction, { request: formRequest("/language", { locale: "ar", redirectTo: "/roadmap?board=x" }), context: contextFor(null) });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/roadmap?board=x");
    expect(res.headers.get("set-cookie")).toMatch(/^lb_lang=ar; Path=\/; Max-Age=\d+; SameSite=Lax$/);

    const away = await call(languageAction, { request: formRequest("/language", { locale: "sl", redirectTo: "//evil.example/x" }), context: contextFor(null) });
    expect(away.headers.get("location")).toBe("/");
    const secure = await call(languageAction, { request: formRequest("/language", { locale: "sl" }), context: contextFor(null, { https: true }) });
    expect(secure.headers.get("set-cookie")).toContain("; Secure");

    const unknown = await call(languageAction, { request: formRequest("/language", { locale: "tlh" }), context: contextFor(null) });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("set-cookie")).toBeNull();
  });

  it("changes an account's chosen language too, so the choice is not overridden by the setting", async () => {
    const user = await createTestUser();
    await db.update(users).set({ locale: "sl" }).where(eq(users.id, user.id));
    const chosen = (await findUserById(user.id))!;
    await call(languageAction, { request: formRequest("/language", { locale: "ar", redirectTo: "/" }), context: contextFor(chosen) });
    expect((await findUserById(user.id))?.chosenLocale).toBe("ar");
    // Someone who never chose keeps following the visitor rule: only the cookie changes.
    const other = await createTestUser();
    await call(languageAction, { request: formRequest("/language", { locale: "ar", redirectTo: "/" }), context: contextFor(other) });
    expect((await findUserById(other.id))?.chosenLocale).toBeNull();
  });
});

describe("Settings → Language", () => {
  it("stores the choice on the account, and '' goes back to following the browser", async () => {
    const user = await createTestUser({ name: "Lea" });
    const save = (locale: string) => call(profileAction, { request: formRequest("/settings/profile", { name: "Lea", locale }), context: contextFor(user) });
    expect((await save("sl")).status).toBe(200);
    expect((await findUserById(user.id))?.chosenLocale).toBe("sl");
    const page = await (await call(profileLoader, { request: new Request(ORIGIN + "/settings/profile"), context: contextFor((await findUserById(user.id))!) })).json();
    expect(page.locale).toBe("sl");
    expect((await save("xx")).status).toBe(400);
    expect((await findUserById(user.id))?.chosenLocale).toBe("sl");
    await save("");
    expect((await findUserById(user.id))?.chosenLocale).toBeNull();
  });
});

describe("the JSON API's errors", () => {
  it("keep their code and say the message in the request's language", async () => {
    const ask = async (acceptLanguage: string) => {
      const request = jsonRequest("GET", "/api/v1/ideas/999999", undefined, { "accept-language": acceptLanguage });
      const res = await call(ideaApiLoader, { request, context: contextFor(null), params: { number: "999999" } });
      return { status: res.status, body: await res.json() };
    };
    const english = await ask("en");
    const slovenian = await ask("sl");
    const arabic = await ask("ar");
    for (const answer of [english, slovenian, arabic]) expect(answer).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(english.body.error.message).toBe(translate("en", "error.notFound.body"));
    expect(slovenian.body.error.message).toBe(translate("sl", "error.notFound.body"));
    expect(arabic.body.error.message).toBe(translate("ar", "error.notFound.body"));
    expect(arabic.body.error.message).not.toBe(english.body.error.message);
    expect(slovenian.body.error.message).not.toBe(english.body.error.message);
  });

  it("say a bad listing's field messages in the request's language, signed out or in, through Remix and the direct route", async () => {
    const member = await createTestUser();
    for (const user of [null, member]) {
      for (const locale of ["en", "sl", "ar"] as const) {
        const expected = { status: 422, body: { error: { code: "validation_failed", fields: { sort: translate(locale, "ideas.query.sortInvalid") } } } };
        const request = jsonRequest("GET", "/api/v1/ideas?sort=sideways", undefined, { "accept-language": locale });
        const res = await call(ideasApiLoader, { request, context: contextFor(user), params: {} });
        expect({ status: res.status, body: await res.json() }, `${locale}, ${user ? "member" : "visitor"}, Remix`).toMatchObject(expected);
        const direct = await answerDirectly("GET", "/api/v1/ideas?sort=sideways", contextFor(user, { locale }));
        expect(direct && { status: direct.status, body: JSON.parse(direct.body) }, `${locale}, ${user ? "member" : "visitor"}, direct`).toMatchObject(expected);
      }
    }
    expect(translate("sl", "ideas.query.sortInvalid")).not.toBe(translate("en", "ideas.query.sortInvalid"));
  });
});
