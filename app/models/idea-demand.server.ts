/**
 * Who asked for an idea, as staff see it: its voters with their companies, how much it matters
 * to them, who added a vote on someone's behalf and the note; and the figures (voters,
 * companies, their monthly revenue, must-haves, by segment). Staff only: nothing here reaches a
 * member's page, the API's member answers, a feed or an email.
 */
import { sql } from "drizzle-orm";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows } from "../lib/db.server";
import { forbidden, unauthorized } from "../lib/errors.server";
import { canSeeDemand } from "../permissions";
import type { Importance } from "../schemas/companies";
import { translate, type Locale } from "../i18n";
import { formatMoney, formatNumber } from "../i18n/format";
import { env } from "../lib/env.server";

/** The voters a staff view lists (the figures count them all). */
export const DEMAND_VOTERS_SHOWN = 200;

export interface DemandFigures {
  voters: number;
  companies: number;
  revenueCents: number;
  mustHave: number;
  important: number;
  niceToHave: number;
  bySegment: { segment: string; voters: number; companies: number; revenueCents: number }[];
}

export interface AskingCompany {
  externalId: string;
  name: string;
  segment: string;
  plan: string;
  monthlyRevenueCents: number;
  voters: number;
}

export interface StaffVoter {
  userId: number;
  name: string;
  email: string;
  isContact: boolean;
  company: string | null;
  importance: Importance | null;
  addedBy: string | null;
  note: string | null;
  createdAt: Date;
}

export interface IdeaDemand {
  figures: DemandFigures;
  companies: AskingCompany[];
  voters: StaffVoter[];
}

/** The demand on idea `ideaId` (staff only). */
export async function getIdeaDemand(input: { actor: SessionUser | null; ideaId: number }): Promise<IdeaDemand> {
  if (!input.actor) throw unauthorized();
  if (!canSeeDemand(input.actor)) throw forbidden();
  const ideaId = input.ideaId;
  const [totals] = await queryRows<{ voters: number; must_have: number; important: number; nice_to_have: number }>(
    db,
    sql`SELECT count(*)::int AS voters,
          count(*) FILTER (WHERE importance = 'must_have')::int AS must_have,
          count(*) FILTER (WHERE importance = 'important')::int AS important,
          count(*) FILTER (WHERE importance = 'nice_to_have')::int AS nice_to_have
        FROM votes WHERE idea_id = ${ideaId}::int`,
  );
  const companyRows = await queryRows<{ external_id: string; name: string; segment: string; plan: string; monthly_revenue_cents: string | number; voters: number }>(
    db,
    sql`SELECT c.external_id, c.name, c.segment, c.plan, c.monthly_revenue_cents, count(*)::int AS voters
        FROM votes v JOIN users u ON u.id = v.user_id JOIN companies c ON c.id = u.company_id
        WHERE v.idea_id = ${ideaId}::int
        GROUP BY c.id ORDER BY c.monthly_revenue_cents DESC, lower(c.name), c.id`,
  );
  const companies = companyRows.map((r) => ({
    externalId: r.external_id,
    name: r.name,
    segment: r.segment,
    plan: r.plan,
    monthlyRevenueCents: Number(r.monthly_revenue_cents),
    voters: Number(r.voters),
  }));
  const voterRows = await queryRows<{
    user_id: number; name: string; email: string; is_contact: boolean; company: string | null; importance: Importance | null; added_by: string | null; note: string | null; created_at: string | Date;
  }>(
    db,
    sql`SELECT v.user_id, u.name, u.email, u.is_contact, c.name AS company, v.importance, a.name AS added_by, v.note, v.created_at
        FROM votes v JOIN users u ON u.id = v.user_id
        LEFT JOIN companies c ON c.id = u.company_id
        LEFT JOIN users a ON a.id = v.added_by_id
        WHERE v.idea_id = ${ideaId}::int AND u.deleted_at IS NULL
        ORDER BY c.monthly_revenue_cents DESC NULLS LAST, v.created_at DESC, v.user_id
        LIMIT ${DEMAND_VOTERS_SHOWN}`,
  );
  return {
    figures: {
      voters: Number(totals.voters),
      companies: companies.length,
      revenueCents: companies.reduce((sum, c) => sum + c.monthlyRevenueCents, 0),
      mustHave: Number(totals.must_have),
      important: Number(totals.important),
      niceToHave: Number(totals.nice_to_have),
      bySegment: bySegment(companies),
    },
    companies,
    voters: voterRows.map((r) => ({
      userId: Number(r.user_id),
      name: r.name,
      email: r.email,
      isContact: Boolean(r.is_contact),
      company: r.company,
      importance: r.importance,
      addedBy: r.added_by,
      note: r.note,
      createdAt: new Date(r.created_at),
    })),
  };
}

/** The asking companies' figures per segment (companies without one are left out), largest revenue first. */
function bySegment(companies: AskingCompany[]): DemandFigures["bySegment"] {
  const segments = new Map<string, DemandFigures["bySegment"][number]>();
  for (const c of companies) {
    if (!c.segment) continue;
    const s = segments.get(c.segment) ?? { segment: c.segment, voters: 0, companies: 0, revenueCents: 0 };
    s.voters += c.voters;
    s.companies += 1;
    s.revenueCents += c.monthlyRevenueCents;
    segments.set(c.segment, s);
  }
  return [...segments.values()].sort((a, b) => b.revenueCents - a.revenueCents || a.segment.localeCompare(b.segment));
}

/** The staff's demand figures, numbers and money in the reader's language. */
export function demandView(demand: IdeaDemand, locale: Locale) {
  const n = (value: number) => formatNumber(locale, value);
  const money = (cents: number) => formatMoney(locale, cents, env.revenueCurrency);
  const { figures } = demand;
  return {
    figures: {
      voters: n(figures.voters),
      companies: n(figures.companies),
      revenue: money(figures.revenueCents),
      mustHave: n(figures.mustHave),
      bySegment: figures.bySegment.map((s) => ({ segment: s.segment, voters: n(s.voters), companies: n(s.companies), revenue: money(s.revenueCents) })),
    },
    companies: demand.companies.map((c) => ({ externalId: c.externalId, name: c.name, segment: c.segment, plan: c.plan, revenue: money(c.monthlyRevenueCents), voters: n(c.voters) })),
    voters: demand.voters.map(({ createdAt: _at, ...v }) => v),
    votersTotal: figures.voters,
  };
}

/** What the on-behalf form just did (?onBehalf=added|already|removed&email=), for staff. */
function onBehalfNotice(search: URLSearchParams, locale: Locale): string | null {
  const done = search.get("onBehalf");
  const email = search.get("email") ?? "";
  if (done === "added" || done === "already") return translate(locale, done === "added" ? "onBehalf.added" : "onBehalf.already", { email });
  return done === "removed" ? translate(locale, "onBehalf.removed") : null;
}

/**
 * The idea page's staff panel: the demand in the reader's language and what the on-behalf form
 * just did (from the page's query string); null for anyone but staff, before anything is read.
 */
export async function getDemandPanel(input: { actor: SessionUser | null; ideaId: number; locale: Locale; search: URLSearchParams }) {
  if (!canSeeDemand(input.actor)) return null;
  const demand = await getIdeaDemand({ actor: input.actor, ideaId: input.ideaId });
  return { demand: demandView(demand, input.locale), notice: onBehalfNotice(input.search, input.locale) };
}
