/**
 * A real SMTP server on 127.0.0.1 for email tests: every message it accepts is parsed with
 * mailparser and kept in `messages`. It can refuse the first N messages with a temporary (421)
 * or permanent (550) reply, to test retries and bounces.
 *
 *   const sink = await startSmtpSink();
 *   process.env.SMTP_URL = sink.url;
 *   …
 *   const [mail] = await sink.waitFor(1);
 *   await sink.close();
 */
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import { closeMailer } from "~/lib/mailer.server";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

export type ReceivedMessage = ParsedMail & {
  /** MAIL FROM and RCPT TO as the client sent them. */
  envelope: { from: string; to: string[] };
  raw: Buffer;
};

export interface SmtpSinkOptions {
  /** Refuse this many messages (at the end of DATA) before accepting any. */
  failFirst?: number;
  /** The reply code for refused messages: 421 (temporary, closes the connection) or 550 (permanent). */
  rejectWith?: 421 | 550;
  /** Listen on this port (e.g. the port of a sink that was stopped, to bring it back). */
  port?: number;
}

export interface SmtpSink {
  url: string;
  port: number;
  /** Messages accepted, in arrival order. */
  messages: ReceivedMessage[];
  /** Envelopes of the messages refused with failFirst. */
  rejected: { from: string; to: string[]; code: number }[];
  /** Connection-level errors (client hang-ups and the like), kept rather than logged. */
  errors: Error[];
  /** Resolves with the accepted messages once there are at least `count`; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  close(): Promise<void>;
}

export async function startSmtpSink({ failFirst = 0, rejectWith = 421, port: wantedPort = 0 }: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMessage[] = [];
  const rejected: SmtpSink["rejected"] = [];
  const errors: Error[] = [];
  const waiters = new Set<() => void>();
  let attempts = 0;
  let closing = false;

  const envelopeOf = (session: SMTPServerSession) => ({
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
    to: session.envelope.rcptTo.map((r) => r.address),
  });

  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    closeTimeout: 500,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error: Error) => callback(error));
      stream.on("end", () => {
        const envelope = envelopeOf(session);
        // Once the sink is stopping, its answers may never reach the client: a message is only
        // counted as accepted if the sink can still say so.
        if (closing) return callback(Object.assign(new Error("Shutting down (test sink)"), { responseCode: 421 }));
        attempts++;
        if (attempts <= failFirst) {
          rejected.push({ ...envelope, code: rejectWith });
          const error = Object.assign(
            new Error(rejectWith === 421 ? "Try again later (test sink)" : "Mailbox unavailable (test sink)"),
            { responseCode: rejectWith },
          );
          return callback(error);
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            if (closing) return callback(Object.assign(new Error("Shutting down (test sink)"), { responseCode: 421 }));
            messages.push(Object.assign(parsed, { envelope, raw }));
            for (const wake of waiters) wake();
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on("error", (error: Error) => errors.push(error));

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(wantedPort, "127.0.0.1", () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    rejected,
    errors,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP sink: expected ${count} message(s) within ${timeoutMs} ms, received ${messages.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      closing = true;
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * For a test file whose tests each send to a sink of their own: returns `useSink(options)`,
 * which starts one and makes it the app's SMTP server (SMTP_URL); after each test the app's
 * mailer and the sink are closed.
 */
export function sinkPerTest(): (options?: SmtpSinkOptions) => Promise<SmtpSink> {
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    closeMailer();
    delete process.env.SMTP_URL;
    await sink?.close();
    sink = undefined;
  });
  return async (options = {}) => {
    sink = await startSmtpSink(options);
    process.env.SMTP_URL = sink.url;
    return sink;
  };
}
