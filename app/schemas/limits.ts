/**
 * Input limits as plain constants, for components: importing them from a zod schema module would
 * put the schema library into the page's browser bundle.
 */

/** The largest PostgreSQL integer: every id and number above it names nothing. */
export const INT4_MAX = 2147483647;
/** A positive int4: the only shape an id or an idea number can have. */
export const isPositiveInt4 = (n: number): boolean => Number.isSafeInteger(n) && n >= 1 && n <= INT4_MAX;

export const IDEA_TITLE_MIN = 3;
export const IDEA_TITLE_MAX = 120;
export const IDEA_BODY_MAX = 20000;
export const COMMENT_BODY_MAX = 10000;
export const SEARCH_QUERY_MAX = 200;
/** The reason staff give for hiding or rejecting something. */
export const HIDE_REASON_MAX = 500;
export const LIST_LIMIT_MAX = 100;
export const LIST_LIMIT_DEFAULT = 20;
export const IDEA_SORTS = ["top", "new", "trending"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];
