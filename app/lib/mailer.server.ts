/**
 * Outgoing mail. With SMTP_URL set, messages go over SMTP; without it each message is written as
 * an .eml file under $DATA_DIR/outbox/, so a fresh install works with no mail server and an
 * operator (or a test) can read exactly what would have been sent.
 */
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import crypto from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import type SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import { env } from "./env.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** Stable Message-ID seed, so a retried send is recognisable as the same message. */
  messageKey?: string;
}

export interface SentMail {
  messageId: string;
  /** Where the .eml was written, when there is no SMTP server. */
  file?: string;
}

/** An SMTP error the server answered with a 5xx code: retrying will not help. */
export function isPermanentMailError(error: unknown): boolean {
  const code = Number((error as { responseCode?: number })?.responseCode);
  return code >= 500 && code < 600;
}

let smtpTransport: { key: string; transporter: Transporter } | undefined;
const fileTransport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

export const SMTP_POOL_SIZE_DEFAULT = 8;

/** SMTP connections kept open at once (SMTP_POOL_SIZE): how many messages are on the wire together. */
export function smtpPoolSize(): number {
  const raw = process.env.SMTP_POOL_SIZE;
  if (raw === undefined || raw.trim() === "") return SMTP_POOL_SIZE_DEFAULT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`SMTP_POOL_SIZE must be a whole number from 1 to 1000, got "${raw}"`);
  return n;
}

/**
 * Opens a pooled connection with Nagle's algorithm off. nodemailer ends each message with a small
 * write ("." after the body); with Nagle on, that write waits for the server to acknowledge the
 * body, which the server delays (40 ms on Linux), so one connection managed about 25 messages a
 * second. nodemailer still starts TLS on this socket (smtps://, STARTTLS) as usual.
 */
const connectWithoutDelay: NonNullable<SMTPPool.Options["getSocket"]> = (options, callback) => {
  const host = options.host || "localhost";
  const port = Number(options.port) || (options.secure ? 465 : 587);
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  let settled = false;
  const settle = (error: Error | null) => {
    if (settled) return;
    settled = true;
    socket.setTimeout(0);
    socket.removeListener("error", settle);
    if (error) {
      socket.destroy();
      callback(error, null);
    } else callback(null, { connection: socket });
  };
  socket.once("connect", () => settle(null));
  socket.once("error", settle);
  socket.setTimeout(options.connectionTimeout || 120_000, () =>
    settle(Object.assign(new Error(`Connection timeout to ${host}:${port}`), { code: "ETIMEDOUT" })),
  );
};

function smtp(url: string): Transporter {
  const maxConnections = smtpPoolSize();
  const key = `${maxConnections} ${url}`;
  if (smtpTransport?.key !== key) {
    smtpTransport?.transporter.close();
    // A fan-out sends thousands of messages in a burst: each waits for a free connection, so the
    // pool size sets the rate. maxMessages: Infinity keeps connections open instead of
    // nodemailer's default of reconnecting (TCP, TLS, EHLO, AUTH) after every 100 messages.
    // The URL is parsed exactly as createTransport(url) would; the pool options go beside it
    // (createTransport's second argument holds message defaults, not transport options).
    const transporter = nodemailer.createTransport({
      ...parseConnectionUrl(url),
      pool: true,
      maxConnections,
      maxMessages: Infinity,
      getSocket: connectWithoutDelay,
    });
    smtpTransport = { key, transporter };
  }
  return smtpTransport.transporter;
}

function messageId(mail: OutgoingMail): string {
  const host = new URL(env.appUrl).hostname || "loopboard.local";
  const seed = mail.messageKey ?? crypto.randomUUID();
  return `<${crypto.createHash("sha256").update(seed).digest("hex").slice(0, 32)}@${host}>`;
}

export async function sendMail(mail: OutgoingMail): Promise<SentMail> {
  const message = {
    from: env.mailFrom,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    messageId: messageId(mail),
  };
  const url = env.smtpUrl;
  if (url) {
    const info = await smtp(url).sendMail(message);
    return { messageId: info.messageId };
  }
  const info = await fileTransport.sendMail(message);
  const dir = path.join(env.dataDir, "outbox");
  await fs.mkdir(dir, { recursive: true });
  const safeTo = mail.to.replace(/[^a-z0-9@._-]/gi, "_").slice(0, 80);
  const file = path.join(dir, `${Date.now()}-${safeTo}-${crypto.randomBytes(4).toString("hex")}.eml`);
  await fs.writeFile(file, info.message as Buffer);
  return { messageId: info.messageId, file };
}

export function closeMailer(): void {
  smtpTransport?.transporter.close();
  smtpTransport = undefined;
}
