/**
 * Statuses through the doors: the JSON API (who may, and the 403/404/422 answers' shapes) and the
 * admin page's no-JS forms, then the board, roadmap and idea page reading what admins made.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/lib/auth.server";
import { setIdeaStatus } from "~/models/statuses.server";
import { action as adminAction, loader as adminLoader } from "~/routes/admin.statuses";
import { action as statusAction } from "~/routes/api.v1.statuses.$key";
import { action as restoreAction } from "~/routes/api.v1.statuses.$key.restore";
import { action as retireAction } from "~/routes/api.v1.statuses.$key.retire";
import { action as statusesAction, loader as statusesLoader } from "~/routes/api.v1.statuses";
import { loader as ideasApi } from "~/routes/api.v1.ideas";
import { loader as roadmapApi } from "~/routes/api.v1.roadmap";
import { loader as rootLoader } from "~/root";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { call, contextFor, formRequest, jsonRequest, ORIGIN } from "../../setup/remix";

let admin: SessionUser;
let staff: SessionUser;
let member: SessionUser;
beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = "true";
  admin = await createTestUser({ role: "admin", name: "Ada" });
  staff = await createTestUser({ role: "staff", name: "Sam" });
  member = await createTestUser({ name: "Mia" });
});
afterAll(() => {
  delete process.env.RATE_LIMIT_DISABLED;
});

const get = (path: string) => new Request(ORIGIN + path);
const api = (fn: Parameters<typeof call>[0], method: string, path: string, user: SessionUser | null, body?: unknown, params: Record<string, string> = {}) =>
  call(fn, { request: method === "GET" ? get(path) : jsonRequest(method, path, body), context: contextFor(user), params });

describe("/api/v1/statuses", () => {
  it("lists the statuses in use for anyone, with the retired ones for staff", async () => {
    const response = await api(statusesLoader, "GET", "/api/v1/statuses", null);
    expect(response.status).toBe(200);
    const { statuses } = await response.json();
    expect(statuses[0]).toEqual({ key: "open", kind: "open", color: "grey", label: "Open", labels: {}, position: 1, retired: false, retiredAt: null });
    expect(statuses.map((s: { key: string }) => s.key)).toEqual(["open", "under_review", "planned", "in_progress", "shipped", "declined"]);
  });

  it("lets admins add, change, retire and restore; answers members and staff 403, unknown keys 404, bad input 422", async () => {
    const created = await api(statusesAction, "POST", "/api/v1/statuses", admin, { labels: { en: "Beta", sl: "Beta različica" }, kind: "active", color: "teal" });
    expect(created.status).toBe(201);
    expect((await created.json()).status).toEqual({
      key: "beta",
      kind: "active",
      color: "teal",
      label: "Beta",
      labels: { en: "Beta", sl: "Beta različica" },
      position: 7,
      retired: false,
      retiredAt: null,
    });

    for (const user of [member, staff]) {
      const refused = await api(statusesAction, "POST", "/api/v1/statuses", user, { labels: { en: "Gamma" }, kind: "active", color: "teal" });
      expect(refused.status).toBe(403);
      expect((await refused.json()).error).toMatchObject({ code: "forbidden" });
      expect((await api(statusAction, "PATCH", "/api/v1/statuses/beta", user, { color: "pink" }, { key: "beta" })).status).toBe(403);
      expect((await api(retireAction, "POST", "/api/v1/statuses/beta/retire", user, {}, { key: "beta" })).status).toBe(403);
    }
    const unknown = await api(statusAction, "PATCH", "/api/v1/statuses/nope", admin, { color: "pink" }, { key: "nope" });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: "not_found" });
    expect((await api(restoreAction, "POST", "/api/v1/statuses/nope/restore", admin, {}, { key: "nope" })).status).toBe(404);

    const bad = await api(statusAction, "PATCH", "/api/v1/statuses/beta", admin, { color: "chartreuse", position: 0 }, { key: "beta" });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({
      error: {
        code: "validation_failed",
        message: expect.any(String),
        fields: { color: "Choose a colour from the list.", position: "A position is a whole number from 1." },
      },
    });

    const patched = await api(statusAction, "PATCH", "/api/v1/statuses/beta", admin, { color: "pink", position: 2, labels: { ar: "تجريبية" } }, { key: "beta" });
    expect(patched.status).toBe(200);
    expect((await patched.json()).status).toMatchObject({ key: "beta", color: "pink", position: 2, labels: { en: "Beta", ar: "تجريبية", sl: "Beta različica" } });

    const idea = await createTestIdea({ author: member });
    await setIdeaStatus({ actor: staff, number: idea.number, status: "beta", notify: false });
    // The board's ?status= takes any key.
    const listed = await (await api(ideasApi, "GET", "/api/v1/ideas?status=beta", null)).json();
    expect(listed.ideas.map((i: { number: number }) => i.number)).toEqual([idea.number]);
    const roadmap = await (await api(roadmapApi, "GET", "/api/v1/roadmap", null)).json();
    expect(roadmap.columns.map((c: { status: string; label: string }) => [c.status, c.label])[0]).toEqual(["beta", "Beta"]);

    const noTarget = await api(retireAction, "POST", "/api/v1/statuses/beta/retire", admin, {}, { key: "beta" });
    expect(noTarget.status).toBe(422);
    expect((await noTarget.json()).error.fields).toEqual({ moveTo: "1 idea has this status: choose where it goes." });
    const retired = await api(retireAction, "POST", "/api/v1/statuses/beta/retire", admin, { moveTo: "planned" }, { key: "beta" });
    expect(retired.status).toBe(200);
    expect(await retired.json()).toMatchObject({ status: { key: "beta", retired: true }, moved: 1 });

    const keys = async (user: SessionUser | null) => ((await (await api(statusesLoader, "GET", "/api/v1/statuses", user)).json()).statuses as { key: string }[]).map((s) => s.key);
    expect(await keys(member)).not.toContain("beta");
    expect(await keys(staff)).toContain("beta");

    const restored = await api(restoreAction, "POST", "/api/v1/statuses/beta/restore", admin, {}, { key: "beta" });
    expect((await restored.json()).status).toMatchObject({ key: "beta", retired: false });
  });
});

describe("Admin › Statuses", () => {
  it("is for admins: staff and members 403", async () => {
    for (const user of [staff, member]) {
      const response = await call(adminLoader, { request: get("/admin/statuses"), context: contextFor(user) }).catch((e: Response) => e);
      expect(response.status).toBe(403);
    }
  });

  it("adds, renames, moves and retires with no-JS forms, and every page then reads the new list", async () => {
    const post = (fields: Record<string, string>) => call(adminAction, { request: formRequest("/admin/statuses", fields), context: contextFor(admin) });
    const added = await post({ intent: "create", "labels.en": "Testing", "labels.ar": "", "labels.sl": "Testiranje", kind: "active", color: "brown" });
    expect(await added.json()).toEqual({ done: "created" });
    const missing = await post({ intent: "create", "labels.en": " ", kind: "active", color: "brown" });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual({ "labels.en": "Give the status an English name." });

    expect(await (await post({ intent: "move", key: "testing", position: "1" })).json()).toEqual({ done: "updated" });
    expect(await (await post({ intent: "update", key: "testing", "labels.en": "QA", "labels.ar": "", "labels.sl": "", kind: "active", color: "indigo" })).json()).toEqual({
      done: "updated",
    });
    const lastOpen = await post({ intent: "retire", key: "open" });
    expect(lastOpen.status).toBe(422);
    expect((await lastOpen.json()).errors.status).toMatch(/^This is the last open status/);

    const page = await (await call(adminLoader, { request: get("/admin/statuses"), context: contextFor(admin) })).json();
    expect(page.statuses[0]).toMatchObject({ key: "testing", label: "QA", color: "indigo", count: 0, isDefault: false });

    const root = await (await call(rootLoader, { request: get("/?lang=sl"), context: contextFor(null, { locale: "sl" }) })).json();
    expect(root.statuses[0]).toEqual({ key: "testing", kind: "active", color: "indigo", label: "QA", position: 1, retired: false });

    expect(await (await post({ intent: "retire", key: "testing" })).json()).toEqual({ done: "retired", moved: 0 });
    expect(await (await post({ intent: "restore", key: "testing" })).json()).toEqual({ done: "restored" });
  });
});
