import type { Catalog } from "./catalog";
import { attachments } from "./sl/attachments";
import { account } from "./sl/account";
import { auth } from "./sl/auth";
import { board } from "./sl/board";
import { common } from "./sl/common";
import { customers } from "./sl/customers";
import { merges } from "./sl/merges";
import { activity } from "./sl/activity";
import { dashboard } from "./sl/dashboard";
import { priorities } from "./sl/priorities";
import { notes } from "./sl/notes";
import { moderation } from "./sl/moderation";
import { notifications } from "./sl/notifications";
import { roadmap } from "./sl/roadmap";
import { triage } from "./sl/triage";
import { tags } from "./sl/tags";
import { reports } from "./sl/reports";
import { approval } from "./sl/approval";
import { dataImport } from "./sl/import";
import { statuses } from "./sl/statuses";

/**
 * The Slovenian catalog. Vocabulary, kept the same everywhere: idea → predlog, vote → glas /
 * glasovati, board → tabla, roadmap → načrt razvoja, changelog → novosti, follow → spremljati,
 * staff → ekipa; statuses Odprto, V pregledu, Načrtovano, V izdelavi, Uresničeno, Zavrnjeno.
 * Counts have four forms (one, two — the dual —, few, other); sentences about a person avoid
 * past-tense verbs, which would need the person's gender.
 */
export const sl: Catalog = { ...common, ...auth, ...account, ...attachments, ...board, ...notifications, ...roadmap, ...merges, ...activity, ...dashboard, ...priorities, ...customers, ...triage, ...notes, ...moderation, ...tags, ...reports, ...approval, ...dataImport, ...statuses };
