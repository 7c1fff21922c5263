import { attachments } from "./ar/attachments";
import { account } from "./ar/account";
import { auth } from "./ar/auth";
import { board } from "./ar/board";
import type { Catalog } from "./catalog";
import { common } from "./ar/common";
import { customers } from "./ar/customers";
import { merges } from "./ar/merges";
import { activity } from "./ar/activity";
import { dashboard } from "./ar/dashboard";
import { priorities } from "./ar/priorities";
import { notes } from "./ar/notes";
import { moderation } from "./ar/moderation";
import { notifications } from "./ar/notifications";
import { roadmap } from "./ar/roadmap";
import { triage } from "./ar/triage";
import { tags } from "./ar/tags";
import { reports } from "./ar/reports";
import { approval } from "./ar/approval";
import { dataImport } from "./ar/import";
import { statuses } from "./ar/statuses";

/** The Arabic catalog: every key of en, with all six Arabic plural forms where a count is shown. */
export const ar: Catalog = { ...common, ...auth, ...account, ...attachments, ...board, ...notifications, ...roadmap, ...merges, ...activity, ...dashboard, ...priorities, ...customers, ...triage, ...notes, ...moderation, ...tags, ...reports, ...approval, ...dataImport, ...statuses };
