import { notFound } from "./http.server";

/** The idea number in /ideas/:number/…: anything but a positive integer is a page that does not exist. */
export function ideaNumberParam(value: string | undefined): number {
  const number = /^\d{1,10}$/.test(value ?? "") ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 1 || number > 2147483647) throw notFound();
  return number;
}
