/** Reads the .eml files the mailer wrote to $DATA_DIR/outbox (no SMTP_URL in tests). */
import fs from "node:fs/promises";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { jobs } from "~/jobs/index.server";
import { drainQueue } from "~/lib/queue.server";

export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail["headers"];
  links: string[];
}

export async function readOutbox(): Promise<OutboxMessage[]> {
  const dir = path.join(process.env.DATA_DIR!, "outbox");
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".eml")).sort();
  const messages: OutboxMessage[] = [];
  for (const file of files) {
    const mail = await simpleParser(await fs.readFile(path.join(dir, file)));
    const to = Array.isArray(mail.to) ? mail.to[0]?.value[0]?.address : mail.to?.value[0]?.address;
    const text = mail.text ?? "";
    messages.push({
      to: to ?? "",
      subject: mail.subject ?? "",
      text,
      html: typeof mail.html === "string" ? mail.html : "",
      headers: mail.headers,
      links: [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]),
    });
  }
  return messages;
}

/** Runs queued jobs (the email sends), then returns the mail for `to`. */
export async function mailFor(to: string): Promise<OutboxMessage[]> {
  await drainQueue(jobs);
  return (await readOutbox()).filter((m) => m.to === to);
}

/** The path of the first link in a message (tests call routes by path). */
export function linkPath(message: OutboxMessage, pattern: RegExp): string {
  const link = message.links.find((l) => pattern.test(l));
  if (!link) throw new Error(`No link matching ${pattern} in: ${message.text}`);
  return new URL(link).pathname;
}
