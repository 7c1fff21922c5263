import type { Translation } from "../catalog";
import type { merges as en } from "../en/merges";

/** Merging duplicate ideas (دمج، إلغاء الدمج): the staff form, the notice, the timeline, the notification and its email. */
export const merges = {
  "merge.title": "دمج في فكرة أخرى",
  "merge.intro": "هل هذه الفكرة مكررة؟ ادمجها في الفكرة التي تكررها: تنتقل إليها أصواتها ومتابعوها وتعليقاتها، ويُبلَّغ متابعوها مرة واحدة.",
  "merge.into": "رقم الفكرة المراد الدمج فيها",
  "merge.submit": "دمج",
  "merge.unmerge": "إلغاء دمج #{number}",
  "merge.error.into": "أدخل رقم فكرة، مثل 42.",
  "merge.error.unknown": "لا توجد فكرة بهذا الرقم.",
  "merge.error.self": "لا يمكن دمج فكرة في نفسها.",
  "merge.error.circle": "تلك الفكرة مدموجة في هذه الفكرة: الدمج في الاتجاه المعاكس يصنع حلقة.",
  "merge.error.already": "هذه الفكرة مدموجة بالفعل.",
  "merge.error.notMerged": "هذه الفكرة غير مدموجة.",
  "merge.error.targetMerged": "الفكرة التي دُمجت فيها هذه الفكرة دُمجت بدورها في فكرة أخرى: ألغِ دمج #{number} أولًا.",
  "merge.error.changed": "تغيّر الدمج أثناء عرضك للصفحة. أعد تحميل الصفحة وحاول مرة أخرى.",
  "merge.notice": "دُمجت الفكرة #{number} في هذه الفكرة. أصواتها ومتابعوها وتعليقاتها هنا الآن.",
  "merge.unmerged": "عادت #{number} فكرة مستقلة.",
  "merge.fromIdea": "من #{number}",
  "timeline.merged": "{actor}: دمج هذه الفكرة في {other}",
  "timeline.mergedIn": "{actor}: دمج الفكرة {other} في هذه الفكرة",
  "timeline.unmerged": "{actor}: إلغاء دمج الفكرة {other} من هذه الفكرة",
  "timeline.unmergedOut": "{actor}: إلغاء دمج هذه الفكرة من {other}",
  "timeline.ideaRef": "#{number} «{title}»",
  "notification.kind.merged": "دمج",
  "notification.merged": "دُمجت الفكرة «{source}» التي أيّدتها في «{title}»",
  "email.merged.subject": "دُمجت «{source}» في «{title}»",
  "email.merged.body": "دُمجت الفكرة التي أيّدتها، «{source}»، في «{title}» التي تطلب الشيء نفسه. صوتك محسوب هناك، وسنخبرك عندما تُطلق.",
} satisfies Translation<typeof en>;
