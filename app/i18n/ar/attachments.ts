import type { attachments as en } from "../en/attachments";
import type { Translation } from "../catalog";

/** لقطات الشاشة المرفقة بالأفكار والتعليقات. */
export const attachments: Translation<typeof en> = {
  "attachments.field": "لقطات الشاشة",
  "attachments.hint": "اختياري. PNG أو JPEG أو WebP أو GIF، حتى {max} ميغابايت لكل صورة، وبحدّ أقصى {count}. تُزال بيانات الموقع والكاميرا.",
  "attachments.list": "لقطات الشاشة",
  "attachments.thumbnail": "لقطة الشاشة {n} بالحجم الكامل",
  "attachments.error.tooLarge": "يمكن أن يبلغ حجم لقطة الشاشة {max} ميغابايت كحدّ أقصى.",
  "attachments.error.tooMany": {
    zero: "لا يمكن إرفاق لقطات شاشة.",
    one: "لقطة شاشة واحدة كحدّ أقصى.",
    two: "لقطتا شاشة كحدّ أقصى.",
    few: "{max} لقطات شاشة كحدّ أقصى.",
    many: "{max} لقطة شاشة كحدّ أقصى.",
    other: "{max} لقطة شاشة كحدّ أقصى.",
  },
  "attachments.error.notImage": "«{name}» ليست صورة PNG أو JPEG أو WebP أو GIF.",
  "attachments.error.none": "اختر صورة واحدة على الأقل لإرفاقها.",
};
