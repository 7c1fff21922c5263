/** The staff audit trail on an idea's timeline: one sentence per kind of action (app/shapes.ts IDEA_ACTIVITY_KINDS). */
export const activity = {
  "activity.edited": "{actor}: urejanje naslova ali opisa",
  "activity.scored": "{actor}: ocena tega predloga",
  "activity.votedOnBehalf": "{actor}: glas v imenu osebe {person}",
  "activity.removedVoteOnBehalf": "{actor}: odstranitev glasu osebe {person}",
  "activity.hidden": "{actor}: skritje predloga pred člani – {reason}",
  "activity.restored": "{actor}: obnovitev predloga",
  "activity.commentHidden": "{actor}: skritje komentarja {comment} pred člani – {reason}",
  "activity.commentRestored": "{actor}: obnovitev komentarja {comment}",
  "activity.commentsLocked": "{actor}: zaklenitev komentarjev",
  "activity.commentsUnlocked": "{actor}: odklenitev komentarjev",
  "activity.pinned": "{actor}: pripetje predloga na vrh table",
  "activity.unpinned": "{actor}: odpetje predloga",
} as const;
