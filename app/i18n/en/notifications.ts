/** Statuses, follows, notifications and their emails, unsubscribe, delivery administration. */
export const notifications = {
  // Changing a status
  "status.error.unknown": "Choose one of the statuses.",
  "status.error.same": "The idea already has this status.",
  "status.error.noteRequired": "Say why the idea is declined: a note is required.",
  "status.notifyCount": { one: "Notify {count} person", other: "Notify {count} people" },

  // Notification kinds (in the app and on the admin page)
  "notification.kind.status_changed": "Status change",
  "notification.kind.staff_comment": "Staff comment",
  "notification.kind.reply": "Reply",
  "notification.kind.comment": "Comment",

  // Emails
  "email.greeting": "Hi {name},",
  "email.status.subject": "“{title}” is now {status}",
  "email.status.body": "“{title}”, an idea you follow, has moved from {from} to {to}.",
  "email.shipped.subject": "Shipped: “{title}”",
  "email.shipped.body": "Good news: “{title}”, the idea you asked for, has shipped. It is available now.",
  "email.declined.subject": "“{title}” has been declined",
  "email.declined.body": "“{title}”, an idea you follow, has been declined. The team explains why below.",
  "email.status.note": "{actor} wrote:",
  "email.staffComment.subject": "{actor} from the team commented on “{title}”",
  "email.staffComment.body": "{actor} from the team commented on “{title}”, an idea you follow:",
  "email.reply.subject": "{actor} replied to your comment on “{title}”",
  "email.reply.body": "{actor} replied to your comment on “{title}”:",
  "email.comment.subject": "New comment on “{title}”",
  "email.comment.body": "{actor} commented on “{title}”, an idea you follow:",
  "email.viewIdea": "View the idea",
  "email.viewComment": "View the comment",
  "email.why.follow": "You get this email because you follow this idea: you posted it, voted for it, commented on it or pressed Follow.",
  "email.why.reply": "You get this email because someone replied to your comment.",
  "email.unsubscribe": "Unsubscribe from this idea or from all Loopboard email",
  "email.settings": "Choose which emails you get",

  // Unsubscribe page
  "unsubscribe.title": "Unsubscribe",
  "unsubscribe.intro": "Choose which emails to stop. Notifications inside Loopboard are not affected.",
  "unsubscribe.idea": "Stop emails about “{title}”",
  "unsubscribe.all": "Stop all Loopboard email",
  "unsubscribe.done.idea": "Done: you will no longer get email about “{title}”. To hear about it again, press Follow on its page.",
  "unsubscribe.done.all": "Done: you will no longer get any email from Loopboard. You can turn email back on in your settings.",
  "unsubscribe.already.all": "You have already turned off all Loopboard email.",
  "unsubscribe.invalid": "This unsubscribe link is not valid. It may have been copied incompletely.",
  "unsubscribe.viewIdea": "Go to the idea",

  // Settings: which notifications also come by email
  "emailSettings.title": "Email notifications",
  "emailSettings.intro": "Notifications always appear in Loopboard. Choose which ones also come by email.",
  "emailSettings.legend": "Email me",
  "emailSettings.statusChange": "When an idea I follow changes status",
  "emailSettings.staffComment": "When the team posts an update on an idea I follow",
  "emailSettings.reply": "When someone replies to my comment",
  "emailSettings.comment": "When anyone comments on an idea I follow",
  "emailSettings.all": "Send me no email at all (overrides the choices above)",
  "emailSettings.saved": "Your email settings are saved.",

  // Admin: email deliveries
  "admin.deliveries.title": "Failed emails",
  "admin.deliveries.intro": "Notification emails the mail server refused permanently, or that still failed after every retry.",
  "admin.deliveries.none": "No failed emails.",
  "admin.deliveries.recipient": "Recipient",
  "admin.deliveries.idea": "Idea",
  "admin.deliveries.kind": "Event",
  "admin.deliveries.attempts": "Attempts",
  "admin.deliveries.error": "Error",
  "admin.deliveries.when": "Last attempt",
  "admin.deliveries.retry": "Send again",
  "admin.deliveries.retried": { one: "{count} email queued again.", other: "{count} emails queued again." },
  "delivery.gaveUp": "Gave up after {count} attempts: {error}",
} as const;
