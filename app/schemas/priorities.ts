/** Prioritisation: the factors admins define and the scores staff give (1–10), for forms and the API. */
import { z } from "zod";

export const SCORE_MIN = 1;
export const SCORE_MAX = 10;
/** Scores at or above it are "high": the matrix's quadrants split there (the middle of 1–10). */
export const SCORE_SPLIT = 5.5;
export const FACTOR_NAME_MAX = 60;
export const SCORING_KINDS = ["impact", "effort"] as const;
export type ScoringKind = (typeof SCORING_KINDS)[number];
export const QUADRANTS = ["quickWins", "bigBets", "fillIns", "moneyPits"] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** Where an idea with these averages sits: high impact and low effort is a quick win, and so on. */
export function quadrantOf(impact: number, effort: number): Quadrant {
  const high = impact >= SCORE_SPLIT;
  const costly = effort >= SCORE_SPLIT;
  return high ? (costly ? "bigBets" : "quickWins") : costly ? "moneyPits" : "fillIns";
}

export const FactorForm = z.object({
  name: z
    .string({ required_error: "priorities.error.name" })
    .transform((s) => s.replace(/\s+/gu, " ").trim())
    .refine((s) => [...s].length >= 1 && [...s].length <= FACTOR_NAME_MAX && !/\p{Cc}/u.test(s), "priorities.error.name"),
  kind: z.enum(SCORING_KINDS, { errorMap: () => ({ message: "priorities.error.kind" }) }),
  weight: z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : v),
    z.number({ invalid_type_error: "priorities.error.weight", required_error: "priorities.error.weight" }).int("priorities.error.weight").min(1, "priorities.error.weight").max(100, "priorities.error.weight"),
  ),
});
export type FactorInput = z.output<typeof FactorForm>;

/** One score as typed or sent: 1–10, or empty/null to clear it. */
const ScoreValue = z.preprocess(
  (v) => (v === "" || v === null ? null : typeof v === "string" && /^\s*\d{1,2}\s*$/.test(v) ? Number(v) : v),
  z.number({ invalid_type_error: "priorities.error.score" }).int("priorities.error.score").min(SCORE_MIN, "priorities.error.score").max(SCORE_MAX, "priorities.error.score").nullable(),
);

/** `{ scores: { "<factor id>": 7, "<factor id>": null } }`; a form sends `score.<id>` fields. */
export const ScoresInput = z.object({
  scores: z.record(z.string().regex(/^\d{1,9}$/, "priorities.error.factor"), ScoreValue),
});

/** A posted score form's `score.<id>` fields as ScoresInput's `{ scores }`. */
export function scoresFromForm(raw: Record<string, unknown>): { scores: Record<string, unknown> } {
  const scores: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const match = /^scores\.(\d{1,9})$/.exec(name);
    if (match) scores[match[1]!] = value;
  }
  return { scores };
}
