import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { methodNotAllowed, notFound } from "../lib/errors.server";
import { EXPORT_TABLES, exportCsv, type ExportTable } from "../models/data-export.server";

/**
 * GET /api/v1/export/ideas.csv, …/votes.csv, …/comments.csv (staff) → the CSV export, streamed
 * as a download. 401 signed out, 403 for members, 404 for any other file. Columns in docs/api.md.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  const table = /^(\w+)\.csv$/.exec(params.file ?? "")?.[1];
  if (!table || !(EXPORT_TABLES as readonly string[]).includes(table)) throw notFound();
  const { filename, stream } = exportCsv({ actor, table: table as ExportTable });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

export function action() {
  throw methodNotAllowed(["GET"]);
}
