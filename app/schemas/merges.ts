/** Merging one idea into another, shared by the idea page's staff form and the JSON API. */
import { z } from "zod";
import { INT4_MAX } from "./limits";

/** `into`: the number of the idea to merge into, as JSON (42) or as typed in a form ("42", "#42"). */
export const MergeInput = z.object({
  into: z.preprocess(
    (v) => (typeof v === "string" && /^\s*#?\d{1,10}\s*$/.test(v) ? Number(v.trim().replace(/^#/, "")) : v),
    z
      .number({ required_error: "merge.error.into", invalid_type_error: "merge.error.into" })
      .int("merge.error.into")
      .min(1, "merge.error.into")
      .max(INT4_MAX, "merge.error.into"),
  ),
});
export type Merge = z.output<typeof MergeInput>;
