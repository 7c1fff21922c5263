/**
 * Outgoing mail. With SMTP_URL set, messages go over SMTP; without it each message is written as
 * an .eml file under $DATA_DIR/outbox/, so a fresh install works with no mail server and an
 * operator (or a test) can read exactly what would have been sent.
 */
import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
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

let smtpTransport: { url: string; transporter: Transporter } | undefined;
const fileTransport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

function smtp(url: string): Transporter {
  if (smtpTransport?.url !== url) {
    smtpTransport?.transporter.close();
    smtpTransport = { url, transporter: nodemailer.createTransport(url, { pool: true, maxConnections: 4 } as any) };
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
