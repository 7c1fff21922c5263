/** Command-line options of the bench scripts, and the small numeric helpers they share. */

/** `raw` as a whole number from `min` to `max`, or an error that names the option. */
export function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** The options of a script that loads one page: which page, as whom, how hard. */
export const pageLoadOptions = (port: number) =>
  ({
    path: { type: "string", default: "/?sort=top" },
    "signed-in": { type: "boolean", default: false },
    // The bench staff member's session on every connection (staff pages: /admin/inbox, /admin/dashboard).
    staff: { type: "boolean", default: false },
    connections: { type: "string", default: "8" },
    port: { type: "string", default: String(port) },
    "anon-cache-ttl": { type: "string", default: "0" },
  }) as const;

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** CPU milliseconds this process has used so far (user and system, all threads). */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
