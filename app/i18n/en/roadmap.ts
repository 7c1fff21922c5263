/**
 * The surfaces that close the loop: roadmap, changelog (page and Atom feed), the notifications
 * page and bell, and on the idea page the status form, the timeline, Follow and the follower list.
 * Status labels and notification kinds are in board.ts and notifications.ts.
 */
export const roadmap = {
  // Header
  "nav.roadmap": "Roadmap",
  "nav.changelog": "Changelog",
  "nav.notifications": "Notifications",
  "nav.notificationsUnread": { one: "Notifications, {count} unread", other: "Notifications, {count} unread" },

  // Roadmap
  "roadmap.meta.title": "Roadmap · Loopboard",
  "roadmap.title": "Roadmap",
  "roadmap.intro": "What we are looking at, what is planned, what we are building and what shipped in the last {days} days.",
  "roadmap.filter.label": "Filter the roadmap",
  "roadmap.column.count": { one: "{n} idea", other: "{n} ideas" },
  "roadmap.column.empty": "Nothing here right now.",
  "roadmap.column.more": { one: "and {n} more", other: "and {n} more" },
  "roadmap.column.shippedWindow": "Shipped in the last {days} days",

  // Changelog
  "changelog.meta.title": "Changelog · Loopboard",
  "changelog.meta.description": "What has shipped lately, newest first, with the notes from the team.",
  "changelog.title": "Changelog",
  "changelog.titleBoard": "Changelog: {board}",
  "changelog.intro": "Ideas that shipped, newest first, with what the team said about them.",
  "changelog.empty": "Nothing has shipped yet.",
  "changelog.shippedOn": "Shipped {date}",
  "changelog.feed": "Subscribe to the Atom feed",
  "changelog.feedBoard": "Subscribe to the Atom feed for {board}",
  "changelog.older": "Older entries",
  "changelog.newest": "Back to the newest",
  "changelog.feed.title": "Loopboard changelog",
  "changelog.feed.titleBoard": "Loopboard changelog: {board}",
  "changelog.feed.subtitle": "Ideas that shipped",
  "changelog.feed.noNote": "“{title}” has shipped.",

  // Notifications page
  "notifications.meta.title": "Notifications · Loopboard",
  "notifications.title": "Notifications",
  "notifications.unreadSummary": { one: "{n} unread", other: "{n} unread" },
  "notifications.allRead": "You have read everything.",
  "notifications.empty": "No notifications yet. Vote for, comment on or follow an idea to hear when it moves.",
  "notifications.unread": "Unread",
  "notifications.markRead": "Mark as read",
  "notifications.markAllRead": "Mark all as read",
  "notifications.older": "Older notifications",
  "notifications.newest": "Back to the newest",
  "notifications.settings": "Choose which notifications also come by email",
  "notifications.text.shipped": "{title} shipped",
  "notifications.text.declined": "{title} was declined",
  "notifications.text.status": "{title} is now {status}",
  "notifications.text.staffComment": "{actor} (staff) commented on {title}",
  "notifications.text.reply": "{actor} replied to your comment on {title}",
  "notifications.text.comment": "{actor} commented on {title}",
  "notifications.text.deleted": "{title} was deleted",

  // Idea page: status form
  "statusForm.title": "Change the status",
  "statusForm.status": "New status",
  "statusForm.currentOption": "{status} (now)",
  "statusForm.note": "Public note",
  "statusForm.noteHint": "Shown on the timeline and in the email. Markdown works. Required when declining; up to {max} characters.",
  "statusForm.notify": { one: "Notify {n} person", other: "Notify {n} people" },
  "statusForm.notifyHint": "Everyone who follows the idea: its author, voters, commenters and people who pressed Follow.",
  "statusForm.submit": "Change status",
  "statusForm.changed": { one: "{status} — {n} person will be told.", other: "{status} — {n} people will be told." },
  "statusForm.changedQuietly": "{status} — nobody was told: notifying was switched off.",

  // Idea page: timeline
  "timeline.statusChange": "{actor} changed the status from {from} to {to}",
  "timeline.update": "{actor} posted an update ({to})",
  "timeline.quiet": "Followers were not notified of this change.",

  // Idea page: follow
  "follow.follow": "Follow",
  "follow.unfollow": "Unfollow",
  "follow.following": "You follow this idea: you hear about its status changes and comments.",
  "follow.notFollowing": "Follow this idea to hear about its status changes and comments.",
  "follow.count": { one: "{n} follower", other: "{n} followers" },
  "follow.seeWho": "See who follows",

  // Idea page: staff comment
  "comments.notifyFollowers": { one: "Notify {n} follower (a staff update, sent by email)", other: "Notify {n} followers (a staff update, sent by email)" },

  // Followers (admins)
  "followers.meta.title": "Followers · Loopboard",
  "followers.title": "Followers of “{title}”",
  "followers.intro": "Its author, voters and commenters and the people who pressed Follow, minus those who unfollowed or unsubscribed from it.",
  "followers.name": "Name",
  "followers.email": "Email",
  "followers.none": "Nobody follows this idea.",
  "followers.more": "More followers",
  "followers.first": "Back to the start",
  "followers.back": "Back to the idea",
} as const;
