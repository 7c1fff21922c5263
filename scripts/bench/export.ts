/**
 * The export benchmark: staff download the three CSV exports of the whole bench database
 * (100,000 ideas, about a million votes, 200,000 comments) over the API, one after the other, as
 * `curl` would. Measured for each: the time to the last byte, its size and rows, and the server's
 * resident memory during the download (the export is streamed, so it must stay flat however big
 * the site). Budget: the three in under a minute together.
 */
import { STAFF_TOKEN } from "./load-data";
import { readMemory, startServer, tempDataDir, type Child } from "./processes";

export const EXPORT_BUDGET_SECONDS = 60;
const TABLES = ["ideas", "votes", "comments"] as const;

export interface ExportCase {
  table: (typeof TABLES)[number];
  status: number;
  seconds: number;
  bytes: number;
  rows: number;
  /** The server's resident memory, highest sample during this download (MB). */
  serverRssMb: number;
}

export interface ExportResults {
  cases: ExportCase[];
  /** The server's resident memory before the first download, and its peak (VmHWM) after the last. */
  serverRssBeforeMb: number;
  serverPeakMb: number;
  serverErrors: string[];
}

/** Reads a response to its end, counting bytes and lines, sampling the server's memory meanwhile. */
async function download(response: Response, server: Child): Promise<{ bytes: number; lines: number; rssMb: number }> {
  let bytes = 0;
  let lines = 0;
  let rssMb = readMemory(server.pid)?.rssMb ?? 0;
  let sampled = performance.now();
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
    if (performance.now() - sampled > 100) {
      rssMb = Math.max(rssMb, readMemory(server.pid)?.rssMb ?? 0);
      sampled = performance.now();
    }
  }
  return { bytes, lines, rssMb: Math.max(rssMb, readMemory(server.pid)?.rssMb ?? 0) };
}

export async function runExportBenchmark(options: { databaseUrl: string; buildDir: string; port: number; log: (line: string) => void }): Promise<ExportResults> {
  const { log } = options;
  const origin = `http://127.0.0.1:${options.port}`;
  let server: Child | undefined;
  try {
    server = await startServer(options.buildDir, { databaseUrl: options.databaseUrl, port: options.port, dataDir: tempDataDir("export"), workerInApp: false });
    const before = readMemory(server.pid)?.rssMb ?? 0;
    const cases: ExportCase[] = [];
    for (const table of TABLES) {
      const started = performance.now();
      const response = await fetch(`${origin}/api/v1/export/${table}.csv`, { headers: { authorization: `Bearer ${STAFF_TOKEN}` }, signal: AbortSignal.timeout(10 * 60_000) });
      if (!response.ok || !response.body) throw new Error(`GET /api/v1/export/${table}.csv answered ${response.status}`);
      const got = await download(response, server);
      const row: ExportCase = {
        table,
        status: response.status,
        seconds: (performance.now() - started) / 1000,
        bytes: got.bytes,
        // The header line is not a row; a quoted field may hold line breaks, so this is at least the row count.
        rows: Math.max(0, got.lines - 1),
        serverRssMb: got.rssMb,
      };
      log(`     ${table}.csv: ${row.seconds.toFixed(1)} s, ${(row.bytes / 1e6).toFixed(1)} MB, ${row.rows.toLocaleString("en")} lines, server ${row.serverRssMb.toFixed(0)} MB resident`);
      cases.push(row);
    }
    return { cases, serverRssBeforeMb: before, serverPeakMb: readMemory(server.pid)?.peakMb ?? 0, serverErrors: server.errorLines };
  } finally {
    await server?.stop();
  }
}

/** The export benchmark's section of docs/BENCHMARKS.md. */
export function exportSectionLines(heading: string, sameRun: string, results: ExportResults | undefined, error: string | undefined): string[] {
  const out = [`${heading} (budget: the three exports in < ${EXPORT_BUDGET_SECONDS} s)`, ""];
  if (!results) return [...out, error ? `Failed: ${error}` : "Not run in this invocation.", ""];
  const total = results.cases.reduce((s, c) => s + c.seconds, 0);
  const mb = (n: number) => `${n.toLocaleString("en", { maximumFractionDigits: 1 })} MB`;
  out.push(
    sameRun,
    "",
    "`GET /api/v1/export/{ideas,votes,comments}.csv` with a staff API token, one after the other, each read to its last byte. Lines are the CSV's lines less its header (a comment with a line break in it adds one).",
    "",
    "| Export | answer | time to last byte | size | lines | server resident memory, highest during it |",
    "|---|---|---:|---:|---:|---:|",
    ...results.cases.map((c) => `| \`${c.table}.csv\` | ${c.status} | ${c.seconds.toFixed(1)} s | ${mb(c.bytes / 1e6)} | ${c.rows.toLocaleString("en")} | ${mb(c.serverRssMb)} |`),
    `| **all three** | | **${total.toFixed(1)} s** | | | peak ${mb(results.serverPeakMb)} (${mb(results.serverRssBeforeMb)} before the first) |`,
    "",
    `Budget < ${EXPORT_BUDGET_SECONDS} s for the three: **${total < EXPORT_BUDGET_SECONDS ? "PASS" : "FAIL"}**.`,
    "",
  );
  if (results.serverErrors.length) out.push("Server stderr during the run:", "", "```", ...results.serverErrors.slice(-20), "```", "");
  return out;
}
