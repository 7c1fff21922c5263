/** The staff audit trail on an idea's timeline: one sentence per kind of action (app/shapes.ts IDEA_ACTIVITY_KINDS). */
export const activity = {
  "activity.edited": "{actor}: urejanje naslova ali opisa",
  "activity.scored": "{actor}: ocena tega predloga",
} as const;
