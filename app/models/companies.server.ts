/**
 * Customer companies: created and changed by staff (the admin page, the CSV import, the API's
 * upsert by external id), with email domains that link people to them, and custom attributes
 * whose names and types admins define. See docs/decisions/0022-companies-and-votes-on-behalf.md.
 */
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { companies, companyAttributes } from "../../db/schema";
import { translate, type Locale } from "../i18n";
import type { SessionUser } from "../lib/auth.server";
import { db, isUniqueViolation, queryRows, type Executor } from "../lib/db.server";
import { conflict, forbidden, notFound, parseOrRefuse, unauthorized, unprocessable } from "../lib/errors.server";
import { canDefineCompanyAttributes, canManageCompanies } from "../permissions";
import {
  ATTRIBUTE_TEXT_MAX,
  AttributeDefinitionInput,
  CompanyApiInput,
  CompanyFormInput,
  ExternalId,
  type AttributeType,
  type CompanyChanges,
} from "../schemas/companies";
import type { FieldErrors } from "../schemas/parse";

export interface AttributeDefinition {
  key: string;
  label: string;
  type: AttributeType;
}

export type AttributeValue = string | number | boolean;

export interface Company {
  id: number;
  externalId: string;
  name: string;
  plan: string;
  monthlyRevenueCents: number;
  segment: string;
  domains: string[];
  attributes: Record<string, AttributeValue>;
  peopleCount: number;
}

function requireStaff(actor: SessionUser | null): SessionUser {
  if (!actor) throw unauthorized();
  if (!canManageCompanies(actor)) throw forbidden();
  return actor;
}

// ---------------------------------------------------------------- custom attributes

export async function listAttributeDefinitions(executor: Executor = db): Promise<AttributeDefinition[]> {
  return executor.select({ key: companyAttributes.key, label: companyAttributes.label, type: companyAttributes.type }).from(companyAttributes).orderBy(asc(companyAttributes.key));
}

/** Adds a custom attribute (admins): 409 when the key is taken. */
export async function defineCompanyAttribute(input: { actor: SessionUser | null; key: unknown; label: unknown; type: unknown }): Promise<AttributeDefinition> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canDefineCompanyAttributes(actor)) throw forbidden();
  const definition = parseOrRefuse(AttributeDefinitionInput, input, actor.locale);
  try {
    await db.insert(companyAttributes).values(definition);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(translate(actor.locale, "companies.error.attributeTaken"), { key: translate(actor.locale, "companies.error.attributeTaken") });
    throw error;
  }
  return definition;
}

/**
 * Checks attribute values against their definitions. `fromText` (a form or a CSV cell) reads
 * numbers, yes/no and dates from text, and an empty cell means "no value"; JSON must carry the
 * type itself (null removes the value). Field names are `attributes.<key>`.
 */
export function checkAttributes(
  definitions: AttributeDefinition[],
  raw: Record<string, unknown>,
  options: { fromText: boolean; locale: Locale },
): { values: Record<string, AttributeValue>; errors: FieldErrors } {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const values: Record<string, AttributeValue> = {};
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(raw)) {
    const definition = byKey.get(key);
    const field = `attributes.${key}`;
    if (!definition) {
      errors[field] = translate(options.locale, "companies.error.attributeUnknown", { key });
      continue;
    }
    if (value === null || (options.fromText && typeof value === "string" && value.trim() === "")) continue;
    const checked = checkValue(definition.type, value, options.fromText);
    if (checked === undefined) errors[field] = translate(options.locale, `companies.error.attribute.${definition.type}`, { label: definition.label });
    else values[key] = checked;
  }
  return { values, errors };
}

function checkValue(type: AttributeType, value: unknown, fromText: boolean): AttributeValue | undefined {
  const text = typeof value === "string" ? value.trim() : undefined;
  switch (type) {
    case "text":
      return text !== undefined && [...text].length <= ATTRIBUTE_TEXT_MAX && !/\p{Cc}/u.test(text) ? text : undefined;
    case "number": {
      const n = typeof value === "number" ? value : fromText && text !== undefined && /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN;
      return Number.isFinite(n) && Math.abs(n) < 1e15 ? n : undefined;
    }
    case "boolean":
      if (typeof value === "boolean") return value;
      if (fromText && text !== undefined && /^(true|yes|1)$/i.test(text)) return true;
      if (fromText && text !== undefined && /^(false|no|0)$/i.test(text)) return false;
      return undefined;
    case "date": {
      if (text === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
      const date = new Date(`${text}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? text : undefined;
    }
  }
}

// ---------------------------------------------------------------- writing

const textArray = (items: string[]): SQL => sql`ARRAY[${sql.join(items.map((d) => sql`${d}`), sql`, `)}]::text[]`;

/**
 * Creates or changes company `externalId` inside `tx` (the import writes many in one). Omitted
 * fields keep their value. Domains, when given, replace the company's: a domain another company
 * has is refused (409, `domains`), and people are linked or unlinked by domain, except those
 * staff placed by hand. Returns the company's id and whether it was created.
 */
export async function writeCompany(tx: Executor, externalId: string, changes: CompanyChanges & { attributes?: Record<string, AttributeValue> }, locale: Locale): Promise<{ id: number; created: boolean }> {
  const [row] = await queryRows<{ id: number; created: boolean }>(
    tx,
    sql`INSERT INTO companies (external_id, name, plan, monthly_revenue_cents, segment, attributes)
        VALUES (${externalId}, ${changes.name}, ${changes.plan ?? ""}, ${changes.monthlyRevenueCents ?? 0}, ${changes.segment ?? ""}, ${JSON.stringify(changes.attributes ?? {})}::jsonb)
        ON CONFLICT (external_id) DO UPDATE SET
          name = excluded.name,
          plan = ${changes.plan === undefined ? sql`companies.plan` : sql`excluded.plan`},
          monthly_revenue_cents = ${changes.monthlyRevenueCents === undefined ? sql`companies.monthly_revenue_cents` : sql`excluded.monthly_revenue_cents`},
          segment = ${changes.segment === undefined ? sql`companies.segment` : sql`excluded.segment`},
          attributes = ${changes.attributes === undefined ? sql`companies.attributes` : sql`excluded.attributes`},
          updated_at = now()
        RETURNING id, (xmax = 0) AS created`,
  );
  const id = Number(row.id);
  if (changes.domains) await replaceDomains(tx, id, changes.domains, locale);
  return { id, created: Boolean(row.created) };
}

async function replaceDomains(tx: Executor, companyId: number, domains: string[], locale: Locale): Promise<void> {
  await tx.execute(sql`DELETE FROM company_domains WHERE company_id = ${companyId}::int AND domain <> ALL(${textArray(domains)})`);
  if (domains.length > 0) {
    // A domain claimed by a parallel write waits for it here, then shows as taken below.
    await tx.execute(sql`INSERT INTO company_domains (domain, company_id) SELECT unnest(${textArray(domains)}), ${companyId}::int ON CONFLICT (domain) DO NOTHING`);
    const taken = await queryRows<{ domain: string }>(tx, sql`SELECT domain FROM company_domains WHERE domain = ANY(${textArray(domains)}) AND company_id <> ${companyId}::int ORDER BY domain`);
    if (taken.length > 0) {
      const message = translate(locale, "companies.error.domainTaken", { domain: taken[0].domain });
      throw conflict(message, { domains: message });
    }
  }
  // People follow their address's domain, unless staff put them somewhere by hand.
  await tx.execute(sql`
    UPDATE users SET company_id = NULL
    WHERE company_id = ${companyId}::int AND NOT company_by_hand AND split_part(email, '@', 2) <> ALL(${textArray(domains)})`);
  if (domains.length > 0) {
    await tx.execute(sql`
      UPDATE users SET company_id = ${companyId}::int
      WHERE NOT company_by_hand AND split_part(email, '@', 2) = ANY(${textArray(domains)}) AND company_id IS DISTINCT FROM ${companyId}::int`);
  }
}

/** The company a new address belongs to by its domain (sign-up, contacts): an SQL subquery. */
export function companyForEmail(email: string | SQL): SQL {
  return sql`(SELECT company_id FROM company_domains WHERE domain = split_part(${email}, '@', 2))`;
}

/**
 * PUT /api/v1/companies/:externalId (staff): creates or changes the company from a JSON body.
 * 422 with field messages for bad input (unknown or mistyped attributes included).
 */
export async function upsertCompany(input: { actor: SessionUser | null; externalId: string; body: unknown }): Promise<{ company: Company; created: boolean }> {
  const actor = requireStaff(input.actor);
  const externalId = parseOrRefuse(ExternalId, input.externalId, actor.locale);
  const changes = parseOrRefuse(CompanyApiInput, input.body, actor.locale);
  const attributes = changes.attributes === undefined ? undefined : await checkedAttributes(changes.attributes, false, actor.locale);
  const { created } = await db.transaction((tx) => writeCompany(tx, externalId, { ...changes, attributes }, actor.locale));
  return { company: (await findCompany(externalId))!, created };
}

/**
 * The admin page's form (staff): the same write, revenue as money text and each attribute as a
 * text field named `attr.<key>`. Returns the external id saved.
 */
export async function saveCompanyForm(input: { actor: SessionUser | null; raw: Record<string, unknown> }): Promise<string> {
  const actor = requireStaff(input.actor);
  const { externalId, monthlyRevenue, ...changes } = parseOrRefuse(CompanyFormInput, input.raw, actor.locale);
  const rawAttributes = Object.fromEntries(Object.entries(input.raw).filter(([key]) => key.startsWith("attr.")).map(([key, value]) => [key.slice(5), value]));
  const attributes = await checkedAttributes(rawAttributes, true, actor.locale);
  await db.transaction((tx) => writeCompany(tx, externalId, { ...changes, monthlyRevenueCents: monthlyRevenue, attributes }, actor.locale));
  return externalId;
}

async function checkedAttributes(raw: Record<string, unknown>, fromText: boolean, locale: Locale): Promise<Record<string, AttributeValue>> {
  const { values, errors } = checkAttributes(await listAttributeDefinitions(), raw, { fromText, locale });
  if (Object.keys(errors).length > 0) throw unprocessable(errors);
  return values;
}

// ---------------------------------------------------------------- reading

function companyColumns(where: SQL): SQL {
  return sql`
    SELECT c.id, c.external_id, c.name, c.plan, c.monthly_revenue_cents, c.segment, c.attributes,
      coalesce((SELECT array_agg(d.domain ORDER BY d.domain) FROM company_domains d WHERE d.company_id = c.id), '{}') AS domains,
      (SELECT count(*) FROM users u WHERE u.company_id = c.id)::int AS people_count
    FROM companies c ${where}`;
}

type CompanyRow = { id: number; external_id: string; name: string; plan: string; monthly_revenue_cents: number | string; segment: string; attributes: unknown; domains: string[] | string; people_count: number };

function toCompany(r: CompanyRow): Company {
  const attributes = typeof r.attributes === "string" ? JSON.parse(r.attributes) : r.attributes;
  const domains = Array.isArray(r.domains) ? r.domains : String(r.domains).replace(/^\{|\}$/g, "").split(",").filter(Boolean);
  return {
    id: Number(r.id),
    externalId: r.external_id,
    name: r.name,
    plan: r.plan,
    monthlyRevenueCents: Number(r.monthly_revenue_cents),
    segment: r.segment,
    domains,
    attributes: (attributes ?? {}) as Record<string, AttributeValue>,
    peopleCount: Number(r.people_count),
  };
}

async function findCompany(externalId: string): Promise<Company | null> {
  const [row] = await queryRows<CompanyRow>(db, companyColumns(sql`WHERE c.external_id = ${externalId}`));
  return row ? toCompany(row) : null;
}

/** One company by external id (staff); null when there is none. */
export async function getCompany(input: { actor: SessionUser | null; externalId: string }): Promise<Company | null> {
  requireStaff(input.actor);
  return findCompany(input.externalId);
}

export const COMPANIES_PAGE_MAX = 500;

/** Companies by name (staff), optionally of one segment. */
export async function listCompanies(input: { actor: SessionUser | null; segment?: string }): Promise<Company[]> {
  requireStaff(input.actor);
  const where = input.segment ? sql`WHERE c.segment = ${input.segment}` : sql``;
  const rows = await queryRows<CompanyRow>(db, sql`${companyColumns(where)} ORDER BY lower(c.name), c.id LIMIT ${COMPANIES_PAGE_MAX}`);
  return rows.map(toCompany);
}

/** The segments companies are in, for the board's staff filter. */
export async function listSegments(input: { actor: SessionUser | null }): Promise<string[]> {
  requireStaff(input.actor);
  const rows = await queryRows<{ segment: string }>(db, sql`SELECT DISTINCT segment FROM companies WHERE segment <> '' ORDER BY segment`);
  return rows.map((r) => r.segment);
}

/**
 * Puts a person in a company by hand (staff), or back to following their domain (`externalId`
 * null). 404 for an unknown person; 422 for an unknown company.
 */
export async function setPersonCompany(input: { actor: SessionUser | null; userId: number; externalId: string | null }): Promise<void> {
  const actor = requireStaff(input.actor);
  let statement: SQL;
  if (!input.externalId) {
    statement = sql`UPDATE users SET company_id = ${companyForEmail(sql`users.email`)}, company_by_hand = false WHERE id = ${input.userId}::int RETURNING id`;
  } else {
    const [company] = await db.select({ id: companies.id }).from(companies).where(eq(companies.externalId, input.externalId)).limit(1);
    if (!company) throw unprocessable({ company: translate(actor.locale, "companies.error.unknown") });
    statement = sql`UPDATE users SET company_id = ${company.id}::int, company_by_hand = true WHERE id = ${input.userId}::int RETURNING id`;
  }
  if ((await queryRows<{ id: number }>(db, statement)).length === 0) throw notFound();
}

export function companyToJson(c: Company) {
  return {
    externalId: c.externalId,
    name: c.name,
    plan: c.plan,
    monthlyRevenueCents: c.monthlyRevenueCents,
    segment: c.segment,
    domains: c.domains,
    attributes: c.attributes,
    peopleCount: c.peopleCount,
  };
}
