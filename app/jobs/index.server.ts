/** Every job this app runs; the web process and `npm run worker` both work this list. */
import type { JobDefinition } from "../lib/queue.server";
import { sendEmailJob } from "./send-email.server";

export const jobs: JobDefinition[] = [sendEmailJob];
