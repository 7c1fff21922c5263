/** The staff dashboard's and GET /api/v1/stats' query: which board, tag and company segment, and how many weeks back. */
import { z } from "zod";

export const STATS_WEEKS_DEFAULT = 12;
export const STATS_WEEKS_CHOICES = [4, 12, 26, 52] as const;

export const StatsQuery = z.object({
  board: z.string().trim().max(100).optional(),
  tag: z.string().trim().toLowerCase().max(100).optional(),
  /** A company segment (companies.segment, as written): only what people of those companies did. */
  segment: z.string().trim().max(60, "companies.error.segment").optional(),
  weeks: z.preprocess(
    (v) => (v === undefined || v === "" ? STATS_WEEKS_DEFAULT : typeof v === "string" && /^\d{1,3}$/.test(v) ? Number(v) : v),
    z
      .number({ invalid_type_error: "stats.error.weeks" })
      .int("stats.error.weeks")
      .min(1, "stats.error.weeks")
      .max(104, "stats.error.weeks"),
  ),
});
export type StatsQueryInput = z.output<typeof StatsQuery>;
