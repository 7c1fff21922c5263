/** Statuses, follows, notifications and their emails, unsubscribe, delivery administration. */
export const loop = {
  // Changing a status
  "loop.status.error.unknown": "Choose one of the statuses.",
  "loop.status.error.same": "The idea already has this status.",
  "loop.status.error.noteRequired": "Say why the idea is declined: a note is required.",
  "loop.status.notifyCount": { one: "Notify {count} person", other: "Notify {count} people" },

  // Notification kinds (in the app and on the admin page)
  "loop.kind.status_changed": "Status change",
  "loop.kind.staff_comment": "Staff comment",
  "loop.kind.reply": "Reply",
  "loop.kind.comment": "Comment",

  // Emails
  "loop.email.greeting": "Hi {name},",
  "loop.email.status.subject": "“{title}” is now {status}",
  "loop.email.status.body": "“{title}”, an idea you follow, has moved from {from} to {to}.",
  "loop.email.shipped.subject": "Shipped: “{title}”",
  "loop.email.shipped.body": "Good news: “{title}”, the idea you asked for, has shipped. It is available now.",
  "loop.email.declined.subject": "“{title}” has been declined",
  "loop.email.declined.body": "“{title}”, an idea you follow, has been declined. The team explains why below.",
  "loop.email.status.note": "{actor} wrote:",
  "loop.email.staffComment.subject": "{actor} from the team commented on “{title}”",
  "loop.email.staffComment.body": "{actor} from the team commented on “{title}”, an idea you follow:",
  "loop.email.reply.subject": "{actor} replied to your comment on “{title}”",
  "loop.email.reply.body": "{actor} replied to your comment on “{title}”:",
  "loop.email.comment.subject": "New comment on “{title}”",
  "loop.email.comment.body": "{actor} commented on “{title}”, an idea you follow:",
  "loop.email.viewIdea": "View the idea",
  "loop.email.viewComment": "View the comment",
  "loop.email.why.follow": "You get this email because you follow this idea: you posted it, voted for it, commented on it or pressed Follow.",
  "loop.email.why.reply": "You get this email because someone replied to your comment.",
  "loop.email.unsubscribe": "Unsubscribe from this idea or from all Loopboard email",
  "loop.email.settings": "Choose which emails you get",

  // Unsubscribe page
  "loop.unsubscribe.title": "Unsubscribe",
  "loop.unsubscribe.intro": "Choose which emails to stop. Notifications inside Loopboard are not affected.",
  "loop.unsubscribe.idea": "Stop emails about “{title}”",
  "loop.unsubscribe.all": "Stop all Loopboard email",
  "loop.unsubscribe.done.idea": "Done: you will no longer get email about “{title}”. To hear about it again, press Follow on its page.",
  "loop.unsubscribe.done.all": "Done: you will no longer get any email from Loopboard. You can turn email back on in your settings.",
  "loop.unsubscribe.already.all": "You have already turned off all Loopboard email.",
  "loop.unsubscribe.invalid": "This unsubscribe link is not valid. It may have been copied incompletely.",
  "loop.unsubscribe.viewIdea": "Go to the idea",

  // Settings: which notifications also come by email
  "loop.settings.title": "Email notifications",
  "loop.settings.intro": "Notifications always appear in Loopboard. Choose which ones also come by email.",
  "loop.settings.legend": "Email me",
  "loop.settings.statusChange": "When an idea I follow changes status",
  "loop.settings.staffComment": "When the team posts an update on an idea I follow",
  "loop.settings.reply": "When someone replies to my comment",
  "loop.settings.comment": "When anyone comments on an idea I follow",
  "loop.settings.all": "Send me no email at all (overrides the choices above)",
  "loop.settings.saved": "Your email settings are saved.",

  // Admin: email deliveries
  "loop.admin.deliveries.title": "Failed emails",
  "loop.admin.deliveries.intro": "Notification emails the mail server refused permanently, or that still failed after every retry.",
  "loop.admin.deliveries.none": "No failed emails.",
  "loop.admin.deliveries.recipient": "Recipient",
  "loop.admin.deliveries.idea": "Idea",
  "loop.admin.deliveries.kind": "Event",
  "loop.admin.deliveries.attempts": "Attempts",
  "loop.admin.deliveries.error": "Error",
  "loop.admin.deliveries.when": "Last attempt",
  "loop.admin.deliveries.retry": "Send again",
  "loop.admin.deliveries.retried": { one: "{count} email queued again.", other: "{count} emails queued again." },
  "loop.delivery.gaveUp": "Gave up after {count} attempts: {error}",
} as const;
