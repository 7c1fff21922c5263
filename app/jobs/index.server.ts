/** Every job this app runs; the web process and `npm run worker` both work this list. */
import type { JobDefinition } from "../lib/queue.server";
import { fanOutNotificationJob } from "./fan-out-notification.server";
import { reconcileCountsJob } from "./reconcile-counts.server";
import { recoverNotificationsJob } from "./recover-notifications.server";
import { sendNotificationEmailsJob } from "./send-notification-emails.server";
import { sendEmailJob } from "./send-email.server";

export const jobs: JobDefinition[] = [
  sendEmailJob,
  reconcileCountsJob,
  fanOutNotificationJob,
  sendNotificationEmailsJob,
  recoverNotificationsJob,
];
