import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { companyToJson, getCompany, upsertCompany } from "../models/companies.server";

/** GET /api/v1/companies/:externalId (staff) → { company }; 404 when there is none. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const company = await getCompany({ actor, externalId: params.externalId ?? "" });
  if (!company) throw notFound();
  return json({ company: companyToJson(company) });
}

/** PUT /api/v1/companies/:externalId { name, plan?, monthlyRevenueCents?, segment?, domains?, attributes? } (staff) → 201 created / 200 changed. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "PUT") throw methodNotAllowed(["GET", "PUT"]);
  const actor = requireUser(request, context);
  const body = await readApiBody(request);
  const { company, created } = await upsertCompany({ actor, externalId: params.externalId ?? "", body });
  return json({ company: companyToJson(company) }, { status: created ? 201 : 200 });
}
