import { json } from "@remix-run/node";
import { checkDatabase } from "../lib/db.server";

/** Liveness and database reachability, for load balancers and `docker`-style health checks. */
export async function loader() {
  const ok = await checkDatabase();
  return json({ ok }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
