/** The staff audit trail on an idea's timeline: one sentence per kind of action (app/shapes.ts IDEA_ACTIVITY_KINDS). */
export const activity = {
  "activity.edited": "{actor} edited the title or description",
  "activity.scored": "{actor} scored this idea",
  "activity.votedOnBehalf": "{actor} added a vote for {person}",
  "activity.removedVoteOnBehalf": "{actor} removed the vote of {person}",
  "activity.hidden": "{actor} hid the idea from members: {reason}",
  "activity.restored": "{actor} restored the idea",
  "activity.commentHidden": "{actor} hid comment {comment} from members: {reason}",
  "activity.commentRestored": "{actor} restored comment {comment}",
  "activity.commentsLocked": "{actor} locked the comments",
  "activity.commentsUnlocked": "{actor} unlocked the comments",
  "activity.pinned": "{actor} pinned the idea to the top of its board",
  "activity.unpinned": "{actor} unpinned the idea",
} as const;
