/**
 * Outgoing mail. With SMTP_URL set, messages go over SMTP; without it each message is written as
 * an .eml file under $DATA_DIR/outbox/, so a fresh install works with no mail server and an
 * operator (or a test) can read exactly what would have been sent.
 */
import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
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

export const SMTP_POOL_SIZE_DEFAULT = 32;
export const SMTP_SEND_TIMEOUT_MS_DEFAULT = 60_000;

function wholeNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** SMTP connections kept open at once (SMTP_POOL_SIZE): how many messages are on the wire together. */
export function smtpPoolSize(): number {
  return wholeNumber("SMTP_POOL_SIZE", SMTP_POOL_SIZE_DEFAULT, 1, 1000);
}

/**
 * The longest one message may take from sendMail() to the server's answer, waiting for a free
 * connection included (SMTP_SEND_TIMEOUT_MS). Past it the send fails as a temporary error and the
 * queue tries again later; it never holds up the messages behind it.
 */
export function smtpSendTimeoutMs(): number {
  return wholeNumber("SMTP_SEND_TIMEOUT_MS", SMTP_SEND_TIMEOUT_MS_DEFAULT, 100, 3_600_000);
}

function smtp(url: string): Transporter {
  const maxConnections = smtpPoolSize();
  const budget = smtpSendTimeoutMs();
  const key = `${maxConnections} ${budget} ${url}`;
  if (smtpTransport?.key !== key) {
    smtpTransport?.transporter.close();
    // nodemailer's own connection handling, with every wait bounded: the TCP connect, the server's
    // greeting and each command's answer (socketTimeout: inactivity on an open connection).
    // maxMessages: Infinity keeps connections open instead of reconnecting (TCP, TLS, EHLO, AUTH)
    // after every 100 messages. Each connection carries about 25 messages a second (see
    // docs/decisions/0005-exactly-once-delivery.md), so the pool size sets the rate of a fan-out.
    // The URL is parsed exactly as createTransport(url) would; the pool options go beside it
    // (createTransport's second argument holds message defaults, not transport options).
    const transporter = nodemailer.createTransport({
      ...parseConnectionUrl(url),
      pool: true,
      maxConnections,
      maxMessages: Infinity,
      connectionTimeout: Math.min(budget, 10_000),
      greetingTimeout: Math.min(budget, 10_000),
      socketTimeout: budget,
      dnsTimeout: Math.min(budget, 10_000),
    });
    smtpTransport = { key, transporter };
  }
  return smtpTransport.transporter;
}

/** Drops this pool (if it is still the current one), so the next send opens fresh connections. */
function resetPool(transporter: Transporter): void {
  if (smtpTransport?.transporter !== transporter) return;
  smtpTransport = undefined;
  transporter.close();
}

/**
 * One send through the pool, within the budget. A pool that stops answering (a server that
 * accepted the connection and went quiet, connections that never settle) is closed and replaced,
 * so the sends queued behind it fail fast and are retried, and later ones get new connections.
 */
function sendWithinBudget(transporter: Transporter, message: nodemailer.SendMailOptions, budget: number): Promise<{ messageId: string }> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      resetPool(transporter);
      reject(Object.assign(new Error(`No answer from the mail server within ${budget} ms`), { code: "ETIMEDOUT" }));
    }, budget);
  });
  return Promise.race([transporter.sendMail(message), expired]).finally(() => clearTimeout(timer));
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
    const info = await sendWithinBudget(smtp(url), message, smtpSendTimeoutMs());
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

export type MailMode = { kind: "smtp"; host: string; port: number; secure: boolean } | { kind: "outbox"; dir: string };

/** Where mail goes: the SMTP server (never its credentials) or the .eml outbox directory. */
export function mailMode(): MailMode {
  const url = env.smtpUrl;
  if (!url) return { kind: "outbox", dir: path.join(env.dataDir, "outbox") };
  const options = parseConnectionUrl(url) as { host?: string; port?: number; secure?: boolean };
  const secure = Boolean(options.secure);
  return { kind: "smtp", host: options.host || "localhost", port: Number(options.port) || (secure ? 465 : 587), secure };
}
