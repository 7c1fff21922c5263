/** The staff audit trail on an idea's timeline: one sentence per kind of action (app/shapes.ts IDEA_ACTIVITY_KINDS). */
export const activity = {
  "activity.edited": "{actor}: تعديل العنوان أو الوصف",
  "activity.scored": "{actor}: تقييم هذه الفكرة",
  "activity.votedOnBehalf": "{actor}: إضافة صوت نيابة عن {person}",
  "activity.removedVoteOnBehalf": "{actor}: حذف صوت {person}",
  "activity.hidden": "{actor}: إخفاء الفكرة عن الأعضاء — {reason}",
  "activity.restored": "{actor}: استعادة الفكرة",
  "activity.commentHidden": "{actor}: إخفاء التعليق {comment} عن الأعضاء — {reason}",
  "activity.commentRestored": "{actor}: استعادة التعليق {comment}",
  "activity.commentsLocked": "{actor}: قفل التعليقات",
  "activity.commentsUnlocked": "{actor}: فتح التعليقات",
  "activity.pinned": "{actor}: تثبيت الفكرة في أعلى لوحتها",
  "activity.unpinned": "{actor}: إلغاء تثبيت الفكرة",
} as const;
