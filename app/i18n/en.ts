import { attachments } from "./en/attachments";
import { account } from "./en/account";
import { auth } from "./en/auth";
import { board } from "./en/board";
import { common } from "./en/common";
import { customers } from "./en/customers";
import { merges } from "./en/merges";
import { activity } from "./en/activity";
import { dashboard } from "./en/dashboard";
import { priorities } from "./en/priorities";
import { notes } from "./en/notes";
import { moderation } from "./en/moderation";
import { notifications } from "./en/notifications";
import { roadmap } from "./en/roadmap";
import { triage } from "./en/triage";
import { tags } from "./en/tags";
import { reports } from "./en/reports";
import { approval } from "./en/approval";
import { dataImport } from "./en/import";
import { statuses } from "./en/statuses";

/** The English catalog: the reference every other language is checked against. */
export const en = { ...common, ...auth, ...account, ...attachments, ...board, ...notifications, ...roadmap, ...merges, ...activity, ...dashboard, ...priorities, ...customers, ...triage, ...notes, ...moderation, ...tags, ...reports, ...approval, ...dataImport, ...statuses } as const;
