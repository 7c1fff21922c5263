/** Delivers one prepared email. Retried with backoff by pg-boss on temporary SMTP failures. */
import { isPermanentMailError, sendMail, type OutgoingMail } from "../lib/mailer.server";
import type { JobDefinition } from "../lib/queue.server";

declare module "../lib/queue.server" {
  interface JobPayloads {
    "send-email": OutgoingMail;
  }
}

export const sendEmailJob: JobDefinition<OutgoingMail> = {
  name: "send-email",
  queue: { retryLimit: 8, retryDelay: 5, retryBackoff: true },
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
