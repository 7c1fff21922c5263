/**
 * Who may do what, as pure predicates. Models call them to enforce (throwing forbidden()), and
 * components call the same functions to hide controls a person cannot use.
 */
export type Role = "admin" | "staff" | "member";
export interface Actor {
  id: number;
  role: Role;
}

export const isStaff = (user: Actor | null | undefined): boolean => user?.role === "admin" || user?.role === "staff";
export const isAdmin = (user: Actor | null | undefined): boolean => user?.role === "admin";

export const canManageBoards = (user: Actor | null | undefined) => isAdmin(user);
export const canManageUsers = (user: Actor | null | undefined) => isAdmin(user);
