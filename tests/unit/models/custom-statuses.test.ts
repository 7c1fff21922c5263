import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { ideas, notificationEvents } from "../../../db/schema";
import { db } from "~/lib/db.server";
import { listChangelog } from "~/models/changelog.server";
import { importData } from "~/models/data-import.server";
import { listRoadmap } from "~/models/roadmap.server";
import { newIdeaStatus, statusLabel, statusViews } from "~/models/status-catalog.server";
import { createStatus, listStatuses, restoreStatus, retireStatus, updateStatus } from "~/models/status-admin.server";
import { listStatusChanges, setIdeaStatus } from "~/models/statuses.server";
import { errorOf } from "../../setup/errors";
import { createTestIdea, createTestUser } from "../../setup/factories";
import { addVoters, notifiedUserIds, processNotifications } from "../../setup/notifications";
import { readOutbox } from "../../setup/outbox";

describe("custom statuses", () => {
  it("starts with the six defaults, in order, labelled by the catalogs", async () => {
    const views = await statusViews("sl");
    expect(views.map((s) => [s.key, s.kind, s.color])).toEqual([
      ["open", "open", "grey"],
      ["under_review", "active", "amber"],
      ["planned", "active", "blue"],
      ["in_progress", "active", "purple"],
      ["shipped", "done", "green"],
      ["declined", "declined", "red"],
    ]);
    expect(views[4].label).toBe("Uresničeno");
  });

  it("adds a status with a key from its English name; Arabic and Slovenian fall back to English until named", async () => {
    const admin = await createTestUser({ role: "admin" });
    const beta = await createStatus({ actor: admin, labels: { en: "  Public   beta " }, kind: "active", color: "teal" });
    expect(beta).toMatchObject({ key: "public_beta", kind: "active", color: "teal", position: 7, labels: { en: "Public beta" } });
    expect(await statusLabel("public_beta", "ar")).toBe("Public beta");

    await updateStatus({ actor: admin, key: "public_beta", labels: { ar: "نسخة تجريبية", sl: "Javna beta" } });
    expect(await statusLabel("public_beta", "ar")).toBe("نسخة تجريبية");
    expect(await statusLabel("public_beta", "sl")).toBe("Javna beta");
    expect(await statusLabel("public_beta", "en")).toBe("Public beta");

    // A default renamed in one language only; cleared, it reads as the catalog's again.
    await updateStatus({ actor: admin, key: "planned", labels: { en: "Next up" } });
    expect([await statusLabel("planned", "en"), await statusLabel("planned", "sl")]).toEqual(["Next up", "Načrtovano"]);
    await updateStatus({ actor: admin, key: "planned", labels: { en: "" } });
    expect(await statusLabel("planned", "en")).toBe("Planned");

    // Same name again: another key would be confusing, so it is refused; a custom status keeps an English name.
    const taken = await errorOf(createStatus({ actor: admin, labels: { en: "public beta" }, kind: "active", color: "teal" }));
    expect(taken.status).toBe(422);
    expect(taken.body.error.fields["labels.en"]).toBe("Another status already has this name.");
    const nameless = await errorOf(updateStatus({ actor: admin, key: "public_beta", labels: { en: "" } }));
    expect(nameless.body.error.fields["labels.en"]).toBe("Give the status an English name.");
  });

  it("reorders: a status moved to a position takes it and the others close up", async () => {
    const admin = await createTestUser({ role: "admin" });
    await createStatus({ actor: admin, labels: { en: "Gamma" }, kind: "active", color: "indigo" });
    await updateStatus({ actor: admin, key: "gamma", position: 2 });
    const order = (await statusViews("en")).map((s) => [s.key, s.position]);
    expect(order.slice(0, 7)).toEqual([
      ["open", 1],
      ["gamma", 2],
      ["under_review", 3],
      ["planned", 4],
      ["in_progress", 5],
      ["shipped", 6],
      ["declined", 7],
    ]);
    expect(order.map(([, position]) => position)).toEqual(order.map((_, i) => i + 1));
    await updateStatus({ actor: admin, key: "open", position: 99 });
    expect((await statusViews("en")).map((s) => s.key).at(-1)).toBe("open");
    // The roadmap's columns follow: active and done statuses, in order.
    expect((await listRoadmap()).columns.map((c) => c.status).slice(0, 5)).toEqual(["gamma", "under_review", "planned", "in_progress", "shipped"]);
  });

  it("retires a status in use by moving its ideas: a quiet change on each timeline by the admin, then refuses it", async () => {
    const admin = await createTestUser({ role: "admin", name: "Ada" });
    const author = await createTestUser();
    await createStatus({ actor: admin, labels: { en: "Preview" }, kind: "active", color: "teal" });
    const first = await createTestIdea({ author });
    const second = await createTestIdea({ author });
    await addVoters(first.id, 2);
    await setIdeaStatus({ actor: admin, number: first.number, status: "preview", notify: false });
    await setIdeaStatus({ actor: admin, number: second.number, status: "preview", notify: false });
    await processNotifications();
    const before = await notifiedUserIds(first.id);

    const needsTarget = await errorOf(retireStatus({ actor: admin, key: "preview" }));
    expect(needsTarget.status).toBe(422);
    expect(needsTarget.body.error.fields.moveTo).toBe("2 ideas have this status: choose where they go.");
    const toItself = await errorOf(retireStatus({ actor: admin, key: "preview", moveTo: "preview" }));
    expect(toItself.body.error.fields.moveTo).toBe("Choose another status that is in use.");

    const { moved } = await retireStatus({ actor: admin, key: "preview", moveTo: "planned" });
    expect(moved).toBe(2);
    const [row] = await db.select({ status: ideas.status }).from(ideas).where(eq(ideas.id, first.id));
    expect(row.status).toBe("planned");
    const history = await listStatusChanges({ ideaId: first.id });
    expect(history.at(-1)).toMatchObject({ fromStatus: "preview", toStatus: "planned", notified: false, note: "", actor: { name: "Ada" } });
    await processNotifications();
    expect(await notifiedUserIds(first.id)).toEqual(before);
    expect(await db.select().from(notificationEvents).where(eq(notificationEvents.ideaId, first.id))).toHaveLength(0);

    // Retired: not offered, not on the roadmap, refused as a new status; staff still see it listed.
    const refused = await errorOf(setIdeaStatus({ actor: admin, number: first.number, status: "preview" }));
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.status).toBe("This status is retired. Choose one that is in use.");
    expect((await listRoadmap()).columns.map((c) => c.status)).not.toContain("preview");
    expect((await listStatuses({ actor: null })).map((s) => s.key)).not.toContain("preview");
    expect((await listStatuses({ actor: admin })).map((s) => s.key)).toContain("preview");

    await restoreStatus({ actor: admin, key: "preview" });
    await setIdeaStatus({ actor: admin, number: first.number, status: "preview", notify: false });
    expect((await listRoadmap()).columns.map((c) => c.status)).toContain("preview");
  });

  it("keeps the last open status: it cannot be retired or made another kind, and new ideas get the open one in use", async () => {
    const admin = await createTestUser({ role: "admin" });
    const last = await errorOf(retireStatus({ actor: admin, key: "open" }));
    expect(last.status).toBe(422);
    expect(last.body.error.fields.status).toMatch(/^This is the last open status/);
    expect((await errorOf(updateStatus({ actor: admin, key: "open", kind: "active" }))).status).toBe(422);

    await createStatus({ actor: admin, labels: { en: "New" }, kind: "open", color: "grey" });
    await retireStatus({ actor: admin, key: "open" });
    expect(await newIdeaStatus()).toBe("new");
    const idea = await createTestIdea({ author: admin });
    const [row] = await db.select({ status: ideas.status }).from(ideas).where(eq(ideas.id, idea.id));
    expect(row.status).toBe("new");
    expect((await errorOf(retireStatus({ actor: admin, key: "new" }))).status).toBe(422);

    // An import's "open" is the open status in use; a status an admin retired is refused, row and line.
    const run = Date.now().toString(36);
    expect(await importData({ actor: admin, text: `id,title,status\ni-${run},Imported ${run},open\n`, format: "csv" })).toMatchObject({ ok: true });
    const [imported] = await db.select({ status: ideas.status }).from(ideas).where(eq(ideas.title, `Imported ${run}`));
    expect(imported.status).toBe("new");
    await retireStatus({ actor: admin, key: "under_review" });
    const refused = await importData({ actor: admin, text: `id,title,status\nr-${run},Reviewed ${run},under review\n`, format: "csv" });
    expect(refused).toMatchObject({ ok: false, problems: [{ line: 2, code: "badStatus" }] });
    await restoreStatus({ actor: admin, key: "under_review" });
  });

  it("puts an idea in a custom done status in the changelog and sends the shipped email to each follower once", async () => {
    const admin = await createTestUser({ role: "admin" });
    const author = await createTestUser({ name: "Ann" });
    await createStatus({ actor: admin, labels: { en: "Released" }, kind: "done", color: "green" });
    const idea = await createTestIdea({ author, title: "Offline mode" });
    const voters = await addVoters(idea.id, 2);

    await setIdeaStatus({ actor: admin, number: idea.number, status: "released", note: "In **4.2**." });
    await processNotifications();
    await processNotifications();

    const changelog = await listChangelog();
    expect(changelog.entries.map((e) => e.number)).toEqual([idea.number]);
    expect(changelog.entries[0].noteHtml).toContain("<strong>4.2</strong>");
    const shipped = (await readOutbox()).filter((m) => m.subject.includes("Offline mode"));
    expect(shipped).toHaveLength(1 + voters.length);
    expect(new Set(shipped.map((m) => m.to)).size).toBe(shipped.length);
    expect(shipped.every((m) => m.subject === "Shipped: “Offline mode”")).toBe(true);
    // The roadmap's done column is the custom one too, with the shipped window.
    expect((await listRoadmap()).columns.find((c) => c.status === "released")).toMatchObject({ kind: "done", total: 1 });
  });

  it("refuses members and staff (403), the signed-out (401), unknown keys (404) and bad input (422)", async () => {
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const input = { labels: { en: "Beta" }, kind: "active", color: "teal" };
    expect((await errorOf(createStatus({ actor: null, ...input }))).status).toBe(401);
    expect((await errorOf(createStatus({ actor: member, ...input }))).status).toBe(403);
    expect((await errorOf(createStatus({ actor: staff, ...input }))).status).toBe(403);
    expect((await errorOf(updateStatus({ actor: admin, key: "nope", color: "teal" }))).status).toBe(404);
    expect((await errorOf(retireStatus({ actor: admin, key: "nope" }))).status).toBe(404);
    const bad = await errorOf(createStatus({ actor: admin, labels: {}, kind: "finished", color: "chartreuse" }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual({
      "labels.en": "Give the status an English name.",
      kind: "Choose a kind: open, active, done or declined.",
      color: "Choose a colour from the list.",
    });
  });
});
