import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, queryRows } from "~/lib/db.server";
import { importCompanies } from "~/models/company-import.server";
import { defineCompanyAttribute, getCompany, listCompanies, setPersonCompany, upsertCompany } from "~/models/companies.server";
import { errorOf } from "../../setup/errors";
import { createTestUser } from "../../setup/factories";

let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;

async function companyOf(userId: number): Promise<string | null> {
  const [row] = await queryRows<{ external_id: string | null }>(db, sql`SELECT c.external_id FROM users u LEFT JOIN companies c ON c.id = u.company_id WHERE u.id = ${userId}::int`);
  return row.external_id;
}

async function companyCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM companies`);
  return Number(row.n);
}

describe("upsertCompany (PUT /api/v1/companies/:externalId)", () => {
  it("creates, then changes only the fields given; members are refused and signed-out people must sign in", async () => {
    const staff = await createTestUser({ role: "staff" });
    const member = await createTestUser();
    const id = `acme-${uniq()}`;
    const first = await upsertCompany({ actor: staff, externalId: id, body: { name: "Acme", plan: "Pro", monthlyRevenueCents: 125_000, segment: "Enterprise" } });
    expect(first.created).toBe(true);
    expect(first.company).toMatchObject({ externalId: id, name: "Acme", plan: "Pro", monthlyRevenueCents: 125_000, segment: "Enterprise", domains: [] });
    const second = await upsertCompany({ actor: staff, externalId: id, body: { name: "Acme Inc." } });
    expect(second.created).toBe(false);
    expect(second.company).toMatchObject({ name: "Acme Inc.", plan: "Pro", monthlyRevenueCents: 125_000, segment: "Enterprise" });

    expect((await errorOf(upsertCompany({ actor: member, externalId: id, body: { name: "Mine" } }))).status).toBe(403);
    expect((await errorOf(upsertCompany({ actor: null, externalId: id, body: { name: "Mine" } }))).status).toBe(401);
    expect((await errorOf(listCompanies({ actor: member }))).status).toBe(403);
    expect((await getCompany({ actor: staff, externalId: id }))!.name).toBe("Acme Inc.");
  });

  it("refuses bad input with a message per field (422)", async () => {
    const staff = await createTestUser({ role: "staff" });
    const refused = await errorOf(upsertCompany({ actor: staff, externalId: "bad id!", body: { name: "" } }));
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.error.fields)).toContain("_form");
    const fields = (await errorOf(upsertCompany({ actor: staff, externalId: `x-${uniq()}`, body: { name: "", monthlyRevenueCents: -1, domains: ["not a domain"] } }))).body.error.fields;
    expect(Object.keys(fields).sort()).toEqual(["domains.0", "monthlyRevenueCents", "name"]);
  });

  it("links people by their address's domain when a domain is added, unlinks them when it is removed, and leaves people placed by hand", async () => {
    const staff = await createTestUser({ role: "staff" });
    const domain = `d${uniq()}.example`;
    const before = await createTestUser({ email: `ann@${domain}` });
    const placed = await createTestUser({ email: `bob@${domain}` });
    const other = `other-${uniq()}`;
    await upsertCompany({ actor: staff, externalId: other, body: { name: "Other" } });
    await setPersonCompany({ actor: staff, userId: placed.id, externalId: other });

    const id = `dom-${uniq()}`;
    await upsertCompany({ actor: staff, externalId: id, body: { name: "Domain Co", domains: [domain.toUpperCase()] } });
    expect(await companyOf(before.id)).toBe(id);
    expect(await companyOf(placed.id)).toBe(other);
    // Signing up later: linked at once.
    const after = await createTestUser({ email: `cy@${domain}` });
    expect(await companyOf(after.id)).toBe(id);
    expect((await getCompany({ actor: staff, externalId: id }))!.peopleCount).toBe(2);

    await upsertCompany({ actor: staff, externalId: id, body: { name: "Domain Co", domains: [] } });
    expect(await companyOf(before.id)).toBeNull();
    expect(await companyOf(placed.id)).toBe(other);
    // Back to following the domain, which now has no company.
    await setPersonCompany({ actor: staff, userId: placed.id, externalId: null });
    expect(await companyOf(placed.id)).toBeNull();
    expect((await errorOf(setPersonCompany({ actor: staff, userId: placed.id, externalId: "nobody-has-this" }))).status).toBe(422);
  });

  it("refuses a domain another company has (409), and of two companies claiming one domain at once exactly one gets it", async () => {
    const staff = await createTestUser({ role: "staff" });
    const domain = `race${uniq()}.example`;
    await upsertCompany({ actor: staff, externalId: `a-${uniq()}`, body: { name: "A", domains: [`held${domain}`] } });
    const taken = await errorOf(upsertCompany({ actor: staff, externalId: `b-${uniq()}`, body: { name: "B", domains: [`held${domain}`] } }));
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields.domains).toContain(`held${domain}`);

    const results = await Promise.allSettled(
      [1, 2, 3].map((i) => upsertCompany({ actor: staff, externalId: `r${i}-${uniq()}`, body: { name: `R${i}`, domains: [domain] } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [owners] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM company_domains WHERE domain = ${domain}`);
    expect(Number(owners.n)).toBe(1);
  });

  it("checks custom attributes against the types admins defined", async () => {
    const admin = await createTestUser({ role: "admin" });
    const staff = await createTestUser({ role: "staff" });
    const key = `seats_${uniq()}`;
    await defineCompanyAttribute({ actor: admin, key, label: "Seats", type: "number" });
    expect((await errorOf(defineCompanyAttribute({ actor: staff, key: `x_${uniq()}`, label: "X", type: "text" }))).status).toBe(403);
    expect((await errorOf(defineCompanyAttribute({ actor: admin, key, label: "Again", type: "text" }))).status).toBe(409);

    const id = `attr-${uniq()}`;
    const { company } = await upsertCompany({ actor: staff, externalId: id, body: { name: "Attr", attributes: { [key]: 40 } } });
    expect(company.attributes).toEqual({ [key]: 40 });
    const wrongType = await errorOf(upsertCompany({ actor: staff, externalId: id, body: { name: "Attr", attributes: { [key]: "forty" } } }));
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.error.fields[`attributes.${key}`]).toBe("Seats: enter a number.");
    const unknown = await errorOf(upsertCompany({ actor: staff, externalId: id, body: { name: "Attr", attributes: { nope: 1 } } }));
    expect(unknown.body.error.fields["attributes.nope"]).toBe("There is no attribute “nope”.");
  });
});

describe("importCompanies (CSV)", () => {
  it("imports every row (quoted commas, attributes, domains), and importing again updates instead of duplicating", async () => {
    const admin = await createTestUser({ role: "admin" });
    const key = `renewal_${uniq()}`;
    await defineCompanyAttribute({ actor: admin, key, label: "Renewal", type: "date" });
    const a = `csv-a-${uniq()}`;
    const b = `csv-b-${uniq()}`;
    const domain = `csv${uniq()}.example`;
    const person = await createTestUser({ email: `pat@${domain}` });
    const csv = `external_id,name,plan,monthly_revenue,segment,domains,${key}\n${a},"Acme, Inc.",Pro,1250.50,Enterprise,${domain},2027-01-31\n${b},Beta,,0,SMB,,\n`;
    const result = await importCompanies({ actor: admin, text: csv });
    expect(result).toEqual({ ok: true, created: 2, updated: 0 });
    expect(await getCompany({ actor: admin, externalId: a })).toMatchObject({ name: "Acme, Inc.", monthlyRevenueCents: 125_050, segment: "Enterprise", domains: [domain], attributes: { [key]: "2027-01-31" } });
    expect(await companyOf(person.id)).toBe(a);
    expect(await importCompanies({ actor: admin, text: csv })).toEqual({ ok: true, created: 0, updated: 2 });
  });

  it("reports bad rows with their line numbers and imports nothing", async () => {
    const staff = await createTestUser({ role: "staff" });
    const before = await companyCount();
    const good = `ok-${uniq()}`;
    const csv = [
      "external_id,name,monthly_revenue,domains",
      `${good},Fine,10,`,
      `bad-rev-${uniq()},Broken,ten,`,
      `"multi-${uniq()}","Name with a`,
      `line break",5,`,
      `${good},Twice,1,`,
    ].join("\n");
    const result = await importCompanies({ actor: staff, text: csv });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([3, 6]);
    expect(result.problems[0].message).toBe("Enter an amount such as 1250 or 1250.50.");
    expect(result.problems[1].message).toBe(`${good} is already on line 2.`);
    expect(await companyCount()).toBe(before);

    expect(await importCompanies({ actor: staff, text: "external_id,name,colour\nx,y,red\n" })).toEqual({ ok: false, problems: [{ line: 1, message: "There is no column or attribute “colour”." }] });
    const unreadable = await importCompanies({ actor: staff, text: 'external_id,name\n"open,quote\n' });
    expect(unreadable.ok).toBe(false);
  });

  it("rolls everything back when a row's domain belongs to a company already stored, naming that row's line", async () => {
    const staff = await createTestUser({ role: "staff" });
    const domain = `held${uniq()}.example`;
    await upsertCompany({ actor: staff, externalId: `holder-${uniq()}`, body: { name: "Holder", domains: [domain] } });
    const before = await companyCount();
    const result = await importCompanies({ actor: staff, text: `external_id,name,domains\nfirst-${uniq()},First,\nsecond-${uniq()},Second,${domain}\n` });
    expect(result).toEqual({ ok: false, problems: [{ line: 3, message: `${domain} already belongs to another company.` }] });
    expect(await companyCount()).toBe(before);
    const member = await createTestUser();
    expect((await errorOf(importCompanies({ actor: member, text: "external_id,name\na,b\n" }))).status).toBe(403);
  });
});
