/**
 * A counting SMTP server on 127.0.0.1 for the delivery benchmark: it accepts every message and
 * keeps only counts (messages, recipients, distinct recipients, bytes, arrival times), so it can
 * take tens of thousands of messages without becoming the bottleneck. (tests/setup/smtp.ts parses
 * every message, which is what tests want and a benchmark cannot afford.)
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface SinkStats {
  messages: number;
  recipients: number;
  bytes: number;
  /** Recipients seen more than once (a repeated notification). */
  duplicates: number;
  firstAt: number | null;
  lastAt: number | null;
  /** Messages per whole second since `startedAt` (performance.now() based). */
  perSecond: number[];
  errors: string[];
}

export interface CountingSink {
  url: string;
  port: number;
  stats: SinkStats;
  /** Zeroes the counters (e.g. after a warm-up). */
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingSink(): Promise<CountingSink> {
  let seen = new Set<string>();
  let startedAt = performance.now();
  const fresh = (): SinkStats => ({ messages: 0, recipients: 0, bytes: 0, duplicates: 0, firstAt: null, lastAt: null, perSecond: [], errors: [] });
  let stats = fresh();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    size: 1024 * 1024,
    maxClients: 10_000,
    closeTimeout: 500,
    onData(stream, session, callback) {
      let bytes = 0;
      stream.on("data", (chunk: Buffer) => (bytes += chunk.length));
      stream.on("end", () => {
        const now = performance.now();
        stats.messages++;
        stats.bytes += bytes;
        for (const rcpt of session.envelope.rcptTo) {
          stats.recipients++;
          const address = rcpt.address.toLowerCase();
          if (seen.has(address)) stats.duplicates++;
          else seen.add(address);
        }
        stats.firstAt ??= now;
        stats.lastAt = now;
        const second = Math.floor((now - startedAt) / 1000);
        stats.perSecond[second] = (stats.perSecond[second] ?? 0) + 1;
        callback();
      });
    },
  });
  server.on("error", (error) => {
    if (stats.errors.length < 20) stats.errors.push(String(error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    get stats() {
      return stats;
    },
    reset() {
      stats = fresh();
      seen = new Set();
      startedAt = performance.now();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
