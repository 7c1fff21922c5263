/**
 * Companies, their custom attributes and votes on a customer's behalf: one schema per input,
 * shared by the API, the admin page and the CSV import.
 */
import { z } from "zod";
import { IMPORTANCE_LEVELS, type ImportanceLevel } from "../importance";
import { emailField, nameField } from "./auth";

export const COMPANY_NAME_MAX = 120;
export const COMPANY_TEXT_MAX = 60;
export const COMPANY_EXTERNAL_ID_MAX = 100;
export const COMPANY_DOMAINS_MAX = 20;
/** 10¹³ minor units: more than any company's monthly revenue, well inside a bigint and a JS number. */
export const REVENUE_CENTS_MAX = 10_000_000_000_000;
export const ATTRIBUTE_TEXT_MAX = 500;
export const VOTE_NOTE_MAX = 500;
export const IMPORTANCES = IMPORTANCE_LEVELS;
export type Importance = ImportanceLevel;

const cleanText = (max: number, message: string) =>
  z
    .string({ invalid_type_error: message })
    .transform((s) => s.replace(/\s+/gu, " ").trim())
    .refine((s) => [...s].length <= max && !/\p{Cc}/u.test(s), message);

export const ExternalId = z
  .string({ required_error: "companies.error.externalId", invalid_type_error: "companies.error.externalId" })
  .transform((s) => s.trim())
  .refine((s) => s.length >= 1 && s.length <= COMPANY_EXTERNAL_ID_MAX && /^[\p{L}\p{N}._:@-]+$/u.test(s), "companies.error.externalId");

/** A host name as it appears after the @ of an address, lowercased: example.com, mail.example.co.uk. */
export const EmailDomain = z
  .string()
  .transform((s) => s.trim().toLowerCase().replace(/^@/, ""))
  .refine((s) => s.length <= 253 && /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/.test(s), "companies.error.domain");

/** Domains as a list (API) or as text separated by spaces, commas or semicolons (form, CSV). */
export const DomainList = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,;]+/u).filter(Boolean))], { invalid_type_error: "companies.error.domain" })
  .pipe(z.array(EmailDomain).max(COMPANY_DOMAINS_MAX, "companies.error.domains"))
  .transform((list) => [...new Set(list)]);

/** Monthly revenue typed as money in major units ("1234.50", "1 234,50" is refused): whole minor units. */
export const RevenueText = z
  .string()
  .transform((s) => s.trim())
  .refine((s) => s === "" || /^\d{1,11}(?:\.\d{1,2})?$/.test(s), "companies.error.revenue")
  .transform((s) => (s === "" ? 0 : Math.round(Number(s) * 100)));

export const RevenueCents = z
  .number({ invalid_type_error: "companies.error.revenue" })
  .int("companies.error.revenue")
  .min(0, "companies.error.revenue")
  .max(REVENUE_CENTS_MAX, "companies.error.revenue");

const companyFields = {
  name: cleanText(COMPANY_NAME_MAX, "companies.error.name").refine((s) => s.length >= 1, "companies.error.name"),
  plan: cleanText(COMPANY_TEXT_MAX, "companies.error.plan").optional(),
  segment: cleanText(COMPANY_TEXT_MAX, "companies.error.segment").optional(),
  domains: DomainList.optional(),
  attributes: z.record(z.unknown(), { invalid_type_error: "companies.error.attributes" }).optional(),
};

/** PUT /api/v1/companies/:externalId: omitted fields keep their value (a new company gets the defaults). */
export const CompanyApiInput = z.object({ ...companyFields, monthlyRevenueCents: RevenueCents.optional() });

/** The admin page's form and a CSV row: revenue as money text; attributes are the row's other columns. */
export const CompanyFormInput = z.object({ externalId: ExternalId, ...companyFields, monthlyRevenue: RevenueText.optional() });

export type CompanyChanges = {
  name: string;
  plan?: string;
  segment?: string;
  domains?: string[];
  monthlyRevenueCents?: number;
  attributes?: Record<string, unknown>;
};

export const ATTRIBUTE_TYPES = ["text", "number", "boolean", "date"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const AttributeDefinitionInput = z.object({
  key: z
    .string({ required_error: "companies.error.attributeKey" })
    .transform((s) => s.trim().toLowerCase())
    .refine((s) => /^[a-z][a-z0-9_]{0,39}$/.test(s), "companies.error.attributeKey"),
  label: cleanText(COMPANY_TEXT_MAX, "companies.error.attributeLabel").refine((s) => s.length >= 1, "companies.error.attributeLabel"),
  type: z.enum(ATTRIBUTE_TYPES, { errorMap: () => ({ message: "companies.error.attributeType" }) }),
});

/** "Add a vote for a customer": their address, optionally their name and what they said. */
export const OnBehalfVoteInput = z.object({
  email: emailField,
  // An empty name field is no name: the person is shown by their address's first part.
  name: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), nameField.optional()),
  note: z
    .string({ invalid_type_error: "onBehalf.error.note" })
    .transform((s) => s.trim())
    .refine((s) => [...s].length <= VOTE_NOTE_MAX && !s.includes("\u0000"), "onBehalf.error.note")
    .optional(),
});

export const ImportanceInput = z.object({
  importance: z.union([z.enum(IMPORTANCES), z.literal("")], { errorMap: () => ({ message: "field.invalid" }) }).transform((v) => (v === "" ? null : v)),
});
