/**
 * One HTTP load test with autocannon against 127.0.0.1: a short warm-up, then the measured run
 * (fixed duration and connection count). Reports mean req/s, p50/p99 latency and every failure.
 */
import autocannon, { type RequestSpec } from "autocannon";
import { cpuBetween } from "./processes";

export interface LoadOptions {
  name: string;
  origin: string;
  /** A fixed path, or a request sequence (with setupRequest) for varying requests. */
  path?: string;
  requests?: RequestSpec[];
  method?: string;
  headers?: Record<string, string>;
  durationSeconds: number;
  connections: number;
  warmupSeconds?: number;
  /**
   * CPU snapshots (pid → ms used so far) of the processes doing the work, taken around the
   * measured run: CPU per request stays meaningful on a busy machine, where req/s does not.
   */
  cpuMeters?: Record<string, () => Promise<Map<number, number>>>;
  /** Called just before the measured run starts (after the warm-up). */
  onMeasureStart?: () => void;
}

export interface LoadResult {
  name: string;
  durationSeconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU time per request, in ms, for each meter (e.g. server, postgres). */
  cpuMsPerRequest: Record<string, number>;
}

function assertLocal(origin: string) {
  const host = new URL(origin).hostname;
  if (host !== "127.0.0.1") throw new Error(`load tests only target 127.0.0.1, not ${host}`);
}

async function fire(options: LoadOptions, durationSeconds: number, connections: number) {
  return autocannon({
    url: options.origin + (options.path ?? "/"),
    method: options.method ?? "GET",
    headers: options.headers,
    requests: options.requests,
    duration: durationSeconds,
    connections,
    timeout: 10,
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  assertLocal(options.origin);
  if (options.warmupSeconds) await fire(options, options.warmupSeconds, Math.min(8, options.connections));
  const meters = Object.entries(options.cpuMeters ?? {});
  const before = await Promise.all(meters.map(([, snapshot]) => snapshot()));
  options.onMeasureStart?.();
  const r = await fire(options, options.durationSeconds, options.connections);
  const after = await Promise.all(meters.map(([, snapshot]) => snapshot()));
  const cpuMsPerRequest: Record<string, number> = {};
  meters.forEach(([name], i) => {
    const used = cpuBetween(before[i], after[i]);
    cpuMsPerRequest[name] = r.requests.total > 0 ? used / r.requests.total : 0;
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = stat.count;
  return {
    name: options.name,
    durationSeconds: options.durationSeconds,
    connections: options.connections,
    requests: r.requests.total,
    requestsPerSecond: r.requests.average,
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    latencyMax: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    cpuMsPerRequest,
  };
}

export function describeLoad(r: LoadResult): string {
  const codes = Object.entries(r.statusCodes)
    .map(([code, n]) => `${code}×${n}`)
    .join(" ");
  const cpu = Object.entries(r.cpuMsPerRequest)
    .map(([name, ms]) => `${name} ${ms.toFixed(2)}`)
    .join(", ");
  return (
    `${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.latencyP50} ms, p99 ${r.latencyP99} ms, ` +
    `${r.requests.toLocaleString("en")} requests, non-2xx ${r.non2xx}, errors ${r.errors} (timeouts ${r.timeouts}) [${codes}]` +
    (cpu ? `; CPU ms/request: ${cpu}` : "")
  );
}
