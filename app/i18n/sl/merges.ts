import type { Translation } from "../catalog";
import type { merges as en } from "../en/merges";

/** Merging duplicate ideas (združiti, združitev; undoing it: razdružiti, razdružitev). */
export const merges = {
  "merge.title": "Združi z drugim predlogom",
  "merge.intro": "Je predlog podvojen? Združite ga s predlogom, ki ga ponavlja: njegovi glasovi, komentarji in vsi, ki ga spremljajo, se preselijo tja, ti pa dobijo eno samo obvestilo.",
  "merge.into": "Številka predloga, s katerim ga združujete",
  "merge.submit": "Združi",
  "merge.unmerge": "Razdruži #{number}",
  "merge.error.into": "Vpišite številko predloga, na primer 42.",
  "merge.error.unknown": "Predloga s to številko ni.",
  "merge.error.self": "Predloga ni mogoče združiti s samim seboj.",
  "merge.error.circle": "Tisti predlog je združen s tem: združitev nazaj bi naredila krog.",
  "merge.error.already": "Ta predlog je že združen z drugim.",
  "merge.error.notMerged": "Ta predlog ni združen z nobenim drugim.",
  "merge.error.targetMerged": "Predlog, s katerim je združen, je medtem združen še z drugim: najprej razdružite #{number}.",
  "merge.error.changed": "Združitev se je medtem spremenila. Znova naložite stran in poskusite še enkrat.",
  "merge.notice": "Predlog #{number} je združen s tem predlogom. Zdaj so tu njegovi glasovi in komentarji, ta predlog pa spremljajo tudi vsi, ki so spremljali tistega.",
  "merge.unmerged": "#{number} je spet samostojen predlog.",
  "merge.fromIdea": "iz #{number}",
  "timeline.merged": "{actor}: združitev tega predloga s predlogom {other}",
  "timeline.mergedIn": "{actor}: združitev predloga {other} s tem predlogom",
  "timeline.unmerged": "{actor}: razdružitev predloga {other} od tega predloga",
  "timeline.unmergedOut": "{actor}: razdružitev tega predloga od predloga {other}",
  "timeline.ideaRef": "#{number} »{title}«",
  "notification.kind.merged": "Združitev",
  "notification.merged": "Predlog »{source}«, ki ste ga podprli, je združen s predlogom »{title}«",
  "email.merged.subject": "»{source}« je združen s predlogom »{title}«",
  "email.merged.body": "Predlog »{source}«, ki ste ga podprli, je združen s predlogom »{title}«, ki prosi za isto. Vaš glas šteje tam, in ko bo predlog uresničen, vas obvestimo.",
} satisfies Translation<typeof en>;
