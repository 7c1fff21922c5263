import { notFound } from "./errors.server";
import { INT4_MAX } from "../schemas/limits";

/** A positive int4 from a path segment; anything else names nothing (404). */
function idParam(value: string | undefined): number {
  const n = /^\d{1,10}$/.test(value ?? "") ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > INT4_MAX) throw notFound();
  return n;
}

/** The idea number in /ideas/:number/…: anything but a positive integer is a page that does not exist. */
export const ideaNumberParam = idParam;
/** The comment id in /api/v1/comments/:id. */
export const commentIdParam = idParam;
/** The person's id in /api/v1/users/:id. */
export const userIdParam = idParam;
/** The report's id in /api/v1/reports/:id/resolve. */
export const reportIdParam = idParam;
