import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readApiBody } from "../lib/api.server";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed } from "../lib/errors.server";
import { requestLocale } from "../lib/locale.server";
import { ideaNumberParam } from "../lib/route-params.server";
import { factorToJson, getIdeaScores, setIdeaScores, type ScoredFactor } from "../models/priorities.server";
import type { Locale } from "../i18n";

const scoresJson = (scored: ScoredFactor[], locale: Locale) => ({ scores: scored.map((f) => ({ factor: factorToJson(f, locale), value: f.value })) });

/** GET /api/v1/ideas/:number/scores (staff) → { scores: [{ factor, value }] } on each factor in use. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const locale = requestLocale(request, context);
  return json(scoresJson(await getIdeaScores({ actor, number: ideaNumberParam(params.number) }), locale));
}

/** PUT /api/v1/ideas/:number/scores { scores: { "<factor id>": 1–10 | null } } (staff) → the idea's scores. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") throw methodNotAllowed(["GET", "PUT"]);
  const actor = requireUser(request, context);
  const locale = requestLocale(request, context);
  const body = await readApiBody(request);
  return json(scoresJson(await setIdeaScores({ actor, number: ideaNumberParam(params.number), raw: body, locale }), locale));
}
