/**
 * Delivers one prepared email (sign-in links, password resets, confirmations). Every send ends
 * within the mailer's budget; a temporary failure is retried by pg-boss with backoff starting at
 * a second, so a short outage delays a sign-in link by seconds, not minutes, and retries go on
 * for over an hour (the links themselves are valid 15 minutes to an hour).
 */
import { isPermanentMailError, sendMail, type OutgoingMail } from "../lib/mailer.server";
import type { JobDefinition } from "../lib/queue.server";

declare module "../lib/queue.server" {
  interface JobPayloads {
    "send-email": OutgoingMail;
  }
}

export const sendEmailJob: JobDefinition<OutgoingMail> = {
  name: "send-email",
  queue: { retryLimit: 12, retryDelay: 1, retryBackoff: true },
  batchSize: 5,
  concurrency: 2,
  async handle(mail) {
    try {
      await sendMail(mail);
    } catch (error) {
      // A 5xx answer will not change on retry: log it and let the job complete.
      if (isPermanentMailError(error)) {
        console.warn(`[send-email] permanent failure for ${mail.to}: ${(error as Error).message}`);
        return;
      }
      throw error;
    }
  },
};
