/**
 * The SMTP pool: how many connections it opens (SMTP_POOL_SIZE) and that it keeps them open
 * for any number of messages instead of reconnecting every 100. Counted at a real SMTP server.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { closeMailer, sendMail, smtpPoolSize, SMTP_POOL_SIZE_DEFAULT } from "~/lib/mailer.server";

/** An SMTP server that counts connections (in all, and at most at once) and accepted messages. */
async function startCountingServer() {
  const stats = { connections: 0, open: 0, maxOpen: 0, messages: 0 };
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onConnect(_session, callback) {
      stats.connections++;
      stats.maxOpen = Math.max(stats.maxOpen, ++stats.open);
      callback();
    },
    onClose() {
      stats.open--;
    },
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        stats.messages++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { stats, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let close: (() => Promise<void>) | undefined;
const saved = { SMTP_URL: process.env.SMTP_URL, SMTP_POOL_SIZE: process.env.SMTP_POOL_SIZE };

afterEach(async () => {
  closeMailer();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await close?.();
  close = undefined;
});

const mail = (i: number) => ({ to: `reader${i}@example.test`, subject: `Message ${i}`, text: "Hello", html: "<p>Hello</p>", messageKey: `pool-test-${i}` });

async function sendAll(count: number, poolSize: string) {
  const server = await startCountingServer();
  close = server.close;
  process.env.SMTP_URL = server.url;
  process.env.SMTP_POOL_SIZE = poolSize;
  await Promise.all(Array.from({ length: count }, (_, i) => sendMail(mail(i))));
  return server.stats;
}

describe("SMTP pool", () => {
  it("is SMTP_POOL_SIZE connections (8 unless set) and refuses a size that is not a whole number from 1", () => {
    delete process.env.SMTP_POOL_SIZE;
    expect(smtpPoolSize()).toBe(SMTP_POOL_SIZE_DEFAULT);
    expect(SMTP_POOL_SIZE_DEFAULT).toBe(8);
    process.env.SMTP_POOL_SIZE = "16";
    expect(smtpPoolSize()).toBe(16);
    for (const bad of ["0", "-2", "2.5", "many"]) {
      process.env.SMTP_POOL_SIZE = bad;
      expect(() => smtpPoolSize()).toThrow(/SMTP_POOL_SIZE/);
    }
  });

  it("sends a burst over at most SMTP_POOL_SIZE connections at once", async () => {
    const stats = await sendAll(60, "3");
    expect(stats.messages).toBe(60);
    expect(stats.maxOpen).toBeGreaterThan(1);
    expect(stats.maxOpen).toBeLessThanOrEqual(3);
  });

  it("keeps a connection open past 100 messages instead of reconnecting, without waiting on delayed ACKs", async () => {
    const started = performance.now();
    const stats = await sendAll(250, "1");
    expect(stats.messages).toBe(250);
    expect(stats.connections).toBe(1);
    // With Nagle's algorithm on, each message waits ~40 ms for the server's delayed ACK (250
    // messages: over 10 s); without it they take well under a second here.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
