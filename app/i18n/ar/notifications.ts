import type { Translation } from "../catalog";
import type { notifications as en } from "../en/notifications";

/**
 * Statuses, follows, notifications and their emails, unsubscribe, delivery administration.
 * Sentences about what someone did are built around a noun ("تعليق من {actor}") rather than a
 * verb, because Arabic verbs agree with the gender of {actor}, which Loopboard does not know.
 */
export const notifications = {
  // Changing a status
  "status.error.unknown": "اختر إحدى الحالات.",
  "status.error.same": "للفكرة هذه الحالة بالفعل. اكتب ملاحظة لنشر تحديث دون تغيير الحالة.",
  "status.error.sameNote": "نُشر هذا التحديث للتو.",
  "status.error.noteRequired": "اذكر سبب رفض الفكرة: الملاحظة مطلوبة.",
  "status.notifyCount": {
    zero: "لا أحد لإبلاغه",
    one: "إبلاغ شخص واحد",
    two: "إبلاغ شخصين",
    few: "إبلاغ {count} أشخاص",
    many: "إبلاغ {count} شخصًا",
    other: "إبلاغ {count} شخص",
  },

  // Notification kinds (in the app and on the admin page)
  "notification.kind.status_changed": "تغيير الحالة",
  "notification.kind.staff_comment": "تعليق من الفريق",
  "notification.kind.reply": "رد",
  "notification.kind.comment": "تعليق",

  // Emails
  "email.greeting": "مرحبًا {name}،",
  "email.status.subject": "حالة «{title}» الآن: {status}",
  "email.update.subject": "تحديث بشأن «{title}»",
  "email.update.body": "هناك تحديث بشأن الفكرة «{title}» التي تتابعها (حالتها ما زالت: {status}).",
  "email.status.body": "انتقلت الفكرة «{title}» التي تتابعها من حالة «{from}» إلى «{to}».",
  "email.shipped.subject": "أُطلقت: «{title}»",
  "email.shipped.body": "أخبار سارة: أُطلقت الفكرة التي طالبت بها، «{title}»، وهي متاحة الآن.",
  "email.declined.subject": "رُفضت الفكرة «{title}»",
  "email.declined.body": "رُفضت الفكرة «{title}» التي تتابعها. يوضح الفريق السبب أدناه.",
  "email.status.note": "ملاحظة من {actor}:",
  "email.staffComment.subject": "تعليق من {actor} من الفريق على «{title}»",
  "email.staffComment.body": "تعليق جديد من {actor} من الفريق على الفكرة «{title}» التي تتابعها:",
  "email.reply.subject": "رد من {actor} على تعليقك في «{title}»",
  "email.reply.body": "رد جديد من {actor} على تعليقك في «{title}»:",
  "email.comment.subject": "تعليق جديد على «{title}»",
  "email.comment.body": "تعليق جديد من {actor} على الفكرة «{title}» التي تتابعها:",
  "email.viewIdea": "عرض الفكرة",
  "email.viewComment": "عرض التعليق",
  "email.why.follow": "تصلك هذه الرسالة لأنك تتابع هذه الفكرة: نشرتها أو صوّتَّ لها أو علّقت عليها أو ضغطت «متابعة».",
  "email.why.reply": "تصلك هذه الرسالة لأن أحدهم ردّ على تعليقك.",
  "email.unsubscribe": "إلغاء الاشتراك في رسائل هذه الفكرة أو في كل رسائل Loopboard",
  "email.settings": "اختر الرسائل التي تصلك",

  // Unsubscribe page
  "unsubscribe.title": "إلغاء الاشتراك",
  "unsubscribe.intro": "اختر الرسائل التي تريد إيقافها. لن تتأثر الإشعارات داخل Loopboard.",
  "unsubscribe.idea": "إيقاف الرسائل بشأن «{title}»",
  "unsubscribe.all": "إيقاف كل رسائل Loopboard",
  "unsubscribe.done.idea": "تم: لن تصلك رسائل بشأن «{title}» بعد الآن. لتصلك أخبارها من جديد، اضغط «متابعة» في صفحتها.",
  "unsubscribe.done.all": "تم: لن تصلك أي رسالة من Loopboard بعد الآن. يمكنك تفعيل البريد من جديد في إعداداتك.",
  "unsubscribe.already.all": "سبق أن أوقفت كل رسائل Loopboard.",
  "unsubscribe.invalid": "رابط إلغاء الاشتراك هذا غير صالح. ربما نُسخ ناقصًا.",
  "unsubscribe.viewIdea": "الذهاب إلى الفكرة",

  // Settings: which notifications also come by email
  "emailSettings.title": "الإشعارات بالبريد الإلكتروني",
  "emailSettings.intro": "تظهر الإشعارات دائمًا داخل Loopboard. اختر ما يصلك منها بالبريد أيضًا.",
  "emailSettings.legend": "أرسل إليّ بريدًا",
  "emailSettings.statusChange": "عندما تتغير حالة فكرة أتابعها",
  "emailSettings.staffComment": "عندما ينشر الفريق تحديثًا على فكرة أتابعها",
  "emailSettings.reply": "عندما يرد أحد على تعليقي",
  "emailSettings.comment": "عندما يعلّق أي شخص على فكرة أتابعها",
  "emailSettings.all": "لا ترسل إليّ أي بريد إطلاقًا (يلغي الخيارات أعلاه)",
  "emailSettings.saved": "حُفظت إعدادات البريد.",

  // Admin: email deliveries
  "admin.email.title": "البريد الإلكتروني",
  "admin.email.intro": "كيف يرسل Loopboard البريد، وكيف تسير الأمور. إن لم تصل الرسائل، فابدأ من هنا.",
  "admin.email.mode": "طريقة الإرسال",
  "admin.email.mode.smtp": "خادم SMTP: {host}:{port}",
  "admin.email.mode.smtps": "خادم SMTP: {host}:{port} (TLS)",
  "admin.email.mode.outbox": "لم يُضبط SMTP_URL: تُكتب كل رسالة ملفًا في {dir}",
  "admin.email.lastError": "آخر خطأ في الإرسال",
  "admin.email.lastError.none": "لا يوجد",
  "admin.email.lastError.at": "{error} ({date})",
  "admin.email.status": "الحالة",
  "admin.email.queued": "في قائمة الانتظار",
  "admin.email.retrying": "تُعاد المحاولة بعد إخفاق",
  "admin.email.failed": "أخفق الإرسال",
  "admin.email.failedLink": "عرض رسائل الإشعارات التي أخفق إرسالها",
  "admin.email.test.title": "إرسال رسالة تجريبية",
  "admin.email.test.intro": "يرسل إليك ({email}) رسالة قصيرة الآن، ويعرض لك ما أجاب به خادم البريد.",
  "admin.email.test.button": "إرسال رسالة تجريبية",
  "admin.email.test.sent": "أُرسلت إلى {email}. تفقّد بريدك الوارد (ومجلد الرسائل غير المرغوب فيها).",
  "admin.email.test.written": "كُتبت في صندوق الصادر باسم {file}.",
  "admin.email.test.failed": "تعذّر إرسال الرسالة التجريبية: {error}",
  "admin.deliveries.title": "رسائل أخفق إرسالها",
  "admin.deliveries.intro": "رسائل الإشعارات التي رفضها خادم البريد نهائيًا، أو التي أخفق إرسالها بعد استنفاد كل المحاولات.",
  "admin.deliveries.none": "لا توجد رسائل أخفق إرسالها.",
  "admin.deliveries.recipient": "المستلم",
  "admin.deliveries.idea": "الفكرة",
  "admin.deliveries.kind": "الحدث",
  "admin.deliveries.attempts": "المحاولات",
  "admin.deliveries.error": "الخطأ",
  "admin.deliveries.when": "آخر محاولة",
  "admin.deliveries.retry": "إعادة الإرسال",
  "admin.deliveries.retried": {
    zero: "لم تُعَد أي رسالة إلى قائمة الانتظار.",
    one: "أُعيدت رسالة واحدة إلى قائمة الانتظار.",
    two: "أُعيدت رسالتان إلى قائمة الانتظار.",
    few: "أُعيدت {count} رسائل إلى قائمة الانتظار.",
    many: "أُعيدت {count} رسالة إلى قائمة الانتظار.",
    other: "أُعيدت {count} رسالة إلى قائمة الانتظار.",
  },
  // English states the count in a plain sentence; Arabic needs the count's plural forms.
  "delivery.gaveUp": {
    zero: "أُوقف الإرسال دون أي محاولة: {error}",
    one: "أُوقف الإرسال بعد محاولة واحدة: {error}",
    two: "أُوقف الإرسال بعد محاولتين: {error}",
    few: "أُوقف الإرسال بعد {count} محاولات: {error}",
    many: "أُوقف الإرسال بعد {count} محاولة: {error}",
    other: "أُوقف الإرسال بعد {count} محاولة: {error}",
  },
} as const satisfies Translation<typeof en>;
