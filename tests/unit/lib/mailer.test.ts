/**
 * The SMTP pool: how many connections it opens (SMTP_POOL_SIZE) and that it keeps them open
 * for any number of messages instead of reconnecting every 100. Counted at a real SMTP server.
 */
import net, { type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { closeMailer, isPermanentMailError, sendMail, smtpPoolSize, SMTP_POOL_SIZE_DEFAULT } from "~/lib/mailer.server";
import { startSmtpSink } from "../../setup/smtp";

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
const saved = { SMTP_URL: process.env.SMTP_URL, SMTP_POOL_SIZE: process.env.SMTP_POOL_SIZE, SMTP_SEND_TIMEOUT_MS: process.env.SMTP_SEND_TIMEOUT_MS };

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
  it("is SMTP_POOL_SIZE connections (32 unless set) and refuses a size that is not a whole number from 1", () => {
    delete process.env.SMTP_POOL_SIZE;
    expect(smtpPoolSize()).toBe(SMTP_POOL_SIZE_DEFAULT);
    expect(SMTP_POOL_SIZE_DEFAULT).toBe(32);
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

  it("keeps a connection open past 100 messages instead of reconnecting", async () => {
    const stats = await sendAll(120, "1");
    expect(stats.messages).toBe(120);
    expect(stats.connections).toBe(1);
  });
});

/**
 * A server that takes the connection and then says nothing more: silent from the start, or after
 * answering the greeting and EHLO (so the silence falls on MAIL FROM).
 */
async function startSilentServer(options: { greet: boolean }, port = 0) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    if (!options.greet) return;
    socket.write("220 quiet.example.test ESMTP\r\n");
    socket.on("data", (chunk) => {
      if (/^(EHLO|HELO)/i.test(chunk.toString())) socket.write("250 quiet.example.test\r\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("a mail server that accepts the connection and never answers", () => {
  for (const greet of [false, true]) {
    it(`times every send out within SMTP_SEND_TIMEOUT_MS (${greet ? "silent after EHLO" : "no greeting"}), then sends once a real server answers`, async () => {
      const silent = await startSilentServer({ greet });
      close = silent.close;
      process.env.SMTP_URL = `smtp://127.0.0.1:${silent.port}`;
      process.env.SMTP_POOL_SIZE = "2";
      process.env.SMTP_SEND_TIMEOUT_MS = "1500";

      const started = performance.now();
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => sendMail(mail(i))));
      const elapsed = performance.now() - started;
      expect(outcomes.map((o) => o.status)).toEqual(Array(6).fill("rejected"));
      for (const outcome of outcomes) expect(isPermanentMailError((outcome as PromiseRejectedResult).reason)).toBe(false);
      // Six messages over two connections, all within one budget (and some slack): none waited behind another.
      expect(elapsed).toBeLessThan(1500 + 1500);
      expect(silent.connections()).toBeGreaterThan(0);

      // The server comes back as a real one on the same port: the next messages go out.
      await silent.close();
      const sink = await startSmtpSink({ port: silent.port });
      close = sink.close;
      await Promise.all([6, 7, 8].map((i) => sendMail(mail(i))));
      expect((await sink.waitFor(3)).map((m) => m.subject).sort()).toEqual(["Message 6", "Message 7", "Message 8"]);
    });
  }
});
