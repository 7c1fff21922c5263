/**
 * The roles a person can have: staff and admins run the board, members take part. The database
 * enum (db/schema.ts), the permission predicates and the admin CLI all read this one list.
 */
export const ROLES = ["admin", "staff", "member"] as const;
export type Role = (typeof ROLES)[number];
