import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { searchParamsObject } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { companyToJson, listCompanies } from "../models/companies.server";

/** GET /api/v1/companies[?segment=] (staff) → { companies } by name; members 403. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const { segment } = searchParamsObject(request);
  const companies = await listCompanies({ actor, segment: segment?.trim() || undefined });
  return json({ companies: companies.map(companyToJson) });
}
