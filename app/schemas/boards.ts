import { z } from "zod";

export const BOARD_NAME_MAX = 80;
export const BOARD_SLUG_MAX = 60;
export const BOARD_DESCRIPTION_MAX = 500;

export const BoardForm = z.object({
  name: z
    .string({ required_error: "admin.boards.nameInvalid" })
    .transform((s) => s.replace(/\s+/gu, " ").trim())
    .refine((s) => [...s].length >= 1 && [...s].length <= BOARD_NAME_MAX && !/\p{Cc}/u.test(s), "admin.boards.nameInvalid"),
  slug: z
    .string({ required_error: "admin.boards.slugInvalid" })
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "admin.boards.slugInvalid").max(BOARD_SLUG_MAX, "admin.boards.slugInvalid")),
  description: z
    .string()
    .optional()
    .default("")
    .transform((s) => s.trim())
    .refine((s) => [...s].length <= BOARD_DESCRIPTION_MAX && !s.includes("\u0000"), "field.invalid"),
});
export type BoardInput = z.output<typeof BoardForm>;

/** "New ideas need approval" on a board: a form's checkbox value ("true"/"false") or a JSON boolean. */
export const BoardApprovalInput = z.object({
  requiresApproval: z.preprocess(
    (v) => (v === "true" ? true : v === "false" ? false : v),
    z.boolean({ required_error: "admin.boards.approvalInvalid", invalid_type_error: "admin.boards.approvalInvalid" }),
  ),
});
