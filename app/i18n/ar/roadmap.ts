import type { Translation } from "../catalog";
import type { roadmap as en } from "../en/roadmap";

/**
 * The surfaces that close the loop: roadmap, changelog (page and Atom feed), the notifications
 * page and bell, and on the idea page the status form, the timeline, Follow and the follower list.
 * Status labels and notification kinds are in board.ts and notifications.ts.
 */
export const roadmap = {
  // Header
  "nav.roadmap": "خارطة الطريق",
  "nav.changelog": "سجل التغييرات",
  "nav.notifications": "الإشعارات",
  "nav.notificationsUnread": {
    zero: "الإشعارات، لا جديد",
    one: "الإشعارات، إشعار واحد غير مقروء",
    two: "الإشعارات، إشعاران غير مقروءين",
    few: "الإشعارات، {count} إشعارات غير مقروءة",
    many: "الإشعارات، {count} إشعارًا غير مقروء",
    other: "الإشعارات، {count} إشعار غير مقروء",
  },

  // Roadmap ("الأيام الـ{days} الماضية" reads correctly whatever the number of days)
  "roadmap.meta.title": "خارطة الطريق · Loopboard",
  "roadmap.title": "خارطة الطريق",
  "roadmap.intro": "ما ندرسه، وما خططنا له، وما نعمل على بنائه، وما أطلقناه خلال الأيام الـ{days} الماضية.",
  "roadmap.filter.label": "تصفية خارطة الطريق",
  "roadmap.column.count": {
    zero: "لا أفكار",
    one: "فكرة واحدة",
    two: "فكرتان",
    few: "{n} أفكار",
    many: "{n} فكرة",
    other: "{n} فكرة",
  },
  "roadmap.column.empty": "لا شيء هنا حاليًا.",
  "roadmap.column.more": {
    zero: "ولا شيء غيرها",
    one: "وفكرة أخرى",
    two: "وفكرتان أخريان",
    few: "و{n} أفكار أخرى",
    many: "و{n} فكرة أخرى",
    other: "و{n} فكرة أخرى",
  },
  "roadmap.column.shippedWindow": "أُطلقت خلال الأيام الـ{days} الماضية",

  // Changelog
  "changelog.meta.title": "سجل التغييرات · Loopboard",
  "changelog.meta.description": "ما أطلقناه مؤخرًا، من الأحدث إلى الأقدم، مع ملاحظات الفريق.",
  "changelog.title": "سجل التغييرات",
  "changelog.titleBoard": "سجل التغييرات: {board}",
  "changelog.intro": "الأفكار التي أُطلقت، من الأحدث إلى الأقدم، مع ما قاله الفريق عنها.",
  "changelog.empty": "لم يُطلَق شيء بعد.",
  "changelog.shippedOn": "أُطلقت في {date}",
  "changelog.feed": "اشترك في موجز Atom",
  "changelog.feedBoard": "اشترك في موجز Atom للوحة {board}",
  "changelog.older": "إدخالات أقدم",
  "changelog.newest": "العودة إلى الأحدث",
  "changelog.feed.title": "سجل تغييرات Loopboard",
  "changelog.feed.titleBoard": "سجل تغييرات Loopboard: {board}",
  "changelog.feed.subtitle": "الأفكار التي أُطلقت",
  "changelog.feed.noNote": "أُطلقت «{title}».",

  // Notifications page
  "notifications.meta.title": "الإشعارات · Loopboard",
  "notifications.title": "الإشعارات",
  "notifications.unreadSummary": {
    zero: "لا إشعارات غير مقروءة",
    one: "إشعار واحد غير مقروء",
    two: "إشعاران غير مقروءين",
    few: "{n} إشعارات غير مقروءة",
    many: "{n} إشعارًا غير مقروء",
    other: "{n} إشعار غير مقروء",
  },
  "notifications.allRead": "قرأت كل شيء.",
  "notifications.empty": "لا إشعارات بعد. صوّت لفكرة أو علّق عليها أو تابعها لتعرف متى تتقدم.",
  "notifications.unread": "غير مقروء",
  "notifications.markRead": "تعليم كمقروء",
  "notifications.markAllRead": "تعليم الكل كمقروء",
  "notifications.older": "إشعارات أقدم",
  "notifications.newest": "العودة إلى الأحدث",
  "notifications.settings": "اختر الإشعارات التي تصلك بالبريد أيضًا",
  "notifications.text.shipped": "أُطلقت: {title}",
  "notifications.text.declined": "رُفضت: {title}",
  "notifications.text.status": "حالة {title} الآن: {status}",
  "notifications.text.staffComment": "تعليق من {actor} (الفريق) على {title}",
  "notifications.text.reply": "رد من {actor} على تعليقك في {title}",
  "notifications.text.comment": "تعليق من {actor} على {title}",
  "notifications.text.deleted": "حُذفت: {title}",

  // Idea page: status form
  "statusForm.title": "تغيير الحالة",
  "statusForm.status": "الحالة الجديدة",
  "statusForm.currentOption": "{status} (الحالية)",
  "statusForm.note": "ملاحظة علنية",
  "statusForm.noteHint": "تظهر في الخط الزمني وفي الرسالة البريدية، ويمكنك استخدام Markdown. مطلوبة عند الرفض؛ الحد الأقصى لعدد الأحرف {max}.",
  "statusForm.notify": {
    zero: "لا أحد لإبلاغه",
    one: "إبلاغ شخص واحد",
    two: "إبلاغ شخصين",
    few: "إبلاغ {n} أشخاص",
    many: "إبلاغ {n} شخصًا",
    other: "إبلاغ {n} شخص",
  },
  "statusForm.notifyHint": "كل من يتابع الفكرة: صاحبها، ومن صوّتوا لها أو علّقوا عليها، ومن ضغطوا «متابعة».",
  "statusForm.submit": "تغيير الحالة",
  "statusForm.changed": {
    zero: "{status} — لا أحد لإبلاغه.",
    one: "{status} — سيُبلَّغ شخص واحد.",
    two: "{status} — سيُبلَّغ شخصان.",
    few: "{status} — سيُبلَّغ {n} أشخاص.",
    many: "{status} — سيُبلَّغ {n} شخصًا.",
    other: "{status} — سيُبلَّغ {n} شخص.",
  },
  "statusForm.changedQuietly": "{status} — لم يُبلَّغ أحد: كان الإبلاغ متوقفًا.",

  // Idea page: timeline (a noun after "{actor}:" so the sentence need not agree with their gender)
  "timeline.statusChange": "{actor}: تغيير الحالة من «{from}» إلى «{to}»",
  "timeline.update": "{actor}: تحديث جديد ({to})",
  "timeline.quiet": "لم يُبلَّغ المتابعون بهذا التغيير.",

  // Idea page: follow
  "follow.follow": "متابعة",
  "follow.unfollow": "إلغاء المتابعة",
  "follow.following": "أنت تتابع هذه الفكرة: ستصلك أخبار تغيّر حالتها والتعليقات عليها.",
  "follow.notFollowing": "تابع هذه الفكرة لتصلك أخبار تغيّر حالتها والتعليقات عليها.",
  "follow.count": {
    zero: "لا متابعين",
    one: "متابع واحد",
    two: "متابعان",
    few: "{n} متابعين",
    many: "{n} متابعًا",
    other: "{n} متابع",
  },
  "follow.seeWho": "عرض المتابعين",

  // Idea page: staff comment
  "comments.notifyFollowers": {
    zero: "لا متابعين لإبلاغهم",
    one: "إبلاغ متابع واحد (تحديث من الفريق يُرسل بالبريد)",
    two: "إبلاغ متابعَين اثنين (تحديث من الفريق يُرسل بالبريد)",
    few: "إبلاغ {n} متابعين (تحديث من الفريق يُرسل بالبريد)",
    many: "إبلاغ {n} متابعًا (تحديث من الفريق يُرسل بالبريد)",
    other: "إبلاغ {n} متابع (تحديث من الفريق يُرسل بالبريد)",
  },

  // Followers (admins)
  "followers.meta.title": "المتابعون · Loopboard",
  "followers.title": "متابعو «{title}»",
  "followers.intro": "صاحبها، ومن صوّتوا لها أو علّقوا عليها، ومن ضغطوا «متابعة»، باستثناء من ألغوا متابعتها أو ألغوا اشتراكهم في رسائلها.",
  "followers.name": "الاسم",
  "followers.email": "البريد الإلكتروني",
  "followers.none": "لا أحد يتابع هذه الفكرة.",
  "followers.more": "مزيد من المتابعين",
  "followers.first": "العودة إلى البداية",
  "followers.back": "العودة إلى الفكرة",
} as const satisfies Translation<typeof en>;
