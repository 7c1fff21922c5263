/**
 * Tags: an admin's tag (name, colour, private) and the tags staff put on an idea, shared by the
 * page forms and the JSON API. Messages are catalog keys (app/i18n/en/tags.ts).
 */
import { z } from "zod";
import { TAG_COLOURS } from "../tags";
import { flag } from "./statuses";

export const TAG_NAME_MAX = 40;
/** The most tags one idea carries (and one request may name). */
export const IDEA_TAGS_MAX = 20;

const name = z
  .string({ required_error: "tags.error.name", invalid_type_error: "tags.error.name" })
  .transform((s) => s.replace(/\s+/gu, " ").trim())
  .refine((s) => /[\p{L}\p{N}]/u.test(s) && [...s].length <= TAG_NAME_MAX && !/\p{Cc}|\p{Cs}/u.test(s), "tags.error.name");
const colour = z.enum(TAG_COLOURS, { errorMap: () => ({ message: "tags.error.colour" }) });

/** A new tag: a name, a colour from the palette, public unless said otherwise. */
export const TagForm = z.object({ name, colour, private: flag(false) });
export type TagInput = z.output<typeof TagForm>;
/** A change to a tag: any of its fields. */
export const TagPatch = z.object({ name: name.optional(), colour: colour.optional(), private: z.union([z.undefined(), flag(false)]) });

/** A tag's slug as a query or a path names it. */
export const tagSlug = z.string({ invalid_type_error: "tags.error.unknown" }).trim().toLowerCase().min(1, "tags.error.unknown").max(100, "tags.error.unknown");

/** The whole set of tags an idea carries: their slugs (duplicates dropped). */
export const IdeaTagsInput = z.object({
  tags: z
    .array(tagSlug, { required_error: "tags.error.list", invalid_type_error: "tags.error.list" })
    .max(IDEA_TAGS_MAX, "tags.error.tooMany")
    .transform((slugs) => [...new Set(slugs)]),
});
