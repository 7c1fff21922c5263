/**
 * The demo site's content (db/seed.ts writes it). Every status note here is a claim about the
 * product: a "shipped" note must describe something Loopboard really does, and
 * tests/unit/scripts/demo-content.test.ts checks the pages and settings it names exist.
 */

/** Every demo account's password (printed by the seed; the screenshots sign in with it). */
export const DEMO_PASSWORD = "loopboard demo password";

export const IDEAS: Array<[board: string, title: string, body: string]> = [
  ["feature-requests", "Dark mode", "A dark theme for the whole app, following the system setting.\n\nMy eyes thank you at night."],
  ["feature-requests", "Export ideas to CSV", "We report to leadership monthly. A CSV export of ideas with votes and status would save hours."],
  ["feature-requests", "Merge duplicate ideas", "Staff should be able to merge two ideas, keeping votes and comments of both."],
  ["feature-requests", "Custom statuses", "Let us rename statuses or add our own, e.g. *Beta*."],
  ["feature-requests", "Keyboard shortcuts", "`j`/`k` to move through ideas, `v` to vote."],
  ["feature-requests", "Right-to-left support", "Our customers write in Arabic and Hebrew. The board should lay out right to left."],
  ["feature-requests", "Private boards", "A board only signed-in customers of a given company can see."],
  ["feature-requests", "Weekly digest email", "One email a week with what moved, instead of one per change."],
  ["feature-requests", "Attach screenshots to ideas", "A picture says more than a paragraph."],
  ["feature-requests", "Vote on behalf of a customer", "Sales hears requests on calls; let staff record a vote for that customer."],
  ["feature-requests", "Slovenian translation", "Prosimo za slovenski prevod — naše stranke so večinoma iz Slovenije."],
  ["feature-requests", "Single sign-on (SAML)", "We need SSO before we can roll this out company-wide."],
  ["integrations", "Slack notifications", "Post new ideas and status changes to a Slack channel."],
  ["integrations", "Jira sync", "Link an idea to a Jira issue and move the status when the issue closes."],
  ["integrations", "GitHub issues link", "Show the linked GitHub issue and its state on the idea page."],
  ["integrations", "Zapier app", "Triggers for new idea, new vote, status change."],
  ["integrations", "Webhooks", "A signed webhook for every event, with retries."],
  ["integrations", "Intercom widget", "Let customers vote from inside our Intercom messenger."],
  ["mobile", "Offline voting", "Queue votes while on the train and send them when back online."],
  ["mobile", "Push notifications", "Tell me on my phone when an idea I voted for ships."],
  ["mobile", "Share an idea", "A share button that opens the system share sheet."],
  ["mobile", "Larger tap targets", "The vote button is hard to hit on small phones."],
  ["feature-requests", "A feed of what shipped", "I would rather follow the changelog in my feed reader than keep checking the site."],
  ["integrations", "A public API", "We want to pull ideas and votes into our own dashboards."],
  ["feature-requests", "Email me when an idea I follow moves", "Tell me when something I voted for is planned or shipped, without having to check."],
  // Customers who write in Arabic, on a board of their own (the README's Arabic screenshots show it).
  ["arabic", "البحث يتجاهل الهمزات والتشكيل", "حين أكتب «الاولويه» لا أجد فكرة عنوانها «الأولويات». نريد أن يجد البحث الكلمة مهما كُتبت الهمزة أو التاء المربوطة."],
  ["arabic", "لوحة الاقتراحات من اليمين إلى اليسار", "عملاؤنا يكتبون ملاحظاتهم بالعربية، والقوائم والأزرار يجب أن تبدأ من اليمين."],
  ["arabic", "تصدير ملاحظات العملاء إلى جدول", "نرفع تقريرًا شهريًا إلى الإدارة بأكثر الأفكار طلبًا، ونحتاج إلى **ملف CSV** بالأصوات والحالة."],
  ["arabic", "إشعار العملاء عند إطلاق الميزة", "من صوّت لفكرة يريد أن يعرف متى أُطلقت، من غير أن يعود إلى اللوحة كل أسبوع."],
  ["arabic", "وسوم للأفكار حسب المنتج", "لدينا ثلاثة منتجات، ونريد تصنيف كل فكرة بوسم المنتج الذي تخصه."],
];

export const COMMENTS = [
  "This would help our team a lot.",
  "+1, we hit this every week.",
  "Any update on this? It is the main thing holding us back.",
  "We worked around it with a spreadsheet, but it is painful.",
  "Would this also cover the **API**?",
  "Same here — our customers ask for it constantly.",
];

/** Comments on the Arabic board's ideas. */
export const COMMENTS_AR = [
  "هذا ما يطلبه عملاؤنا في كل اجتماع.",
  "نؤيد الفكرة، فهي توفر علينا وقتًا كبيرًا.",
  "هل من موعد تقريبي؟",
  "نستعمل جدولًا مؤقتًا إلى أن تتوفر.",
];

export type DemoStatus = "under_review" | "planned" | "in_progress" | "shipped" | "declined";

/** [idea number (1-based position in IDEAS), new status, public note]. */
export const STATUS_MOVES: Array<[number, DemoStatus, string]> = [
  [23, "shipped", "The changelog has an Atom feed: subscribe to /changelog.atom in any feed reader (each board's changelog page links to its own feed)."],
  [24, "shipped", "The JSON API is live under /api/v1. Create a personal token under **Settings › API tokens** and send it as a Bearer token."],
  [25, "shipped", "Followers of an idea now get an email when its status changes; choose what you hear about under **Settings › Email notifications**."],
  [6, "shipped", "Loopboard now speaks Arabic, laid out right to left, in the language your browser asks for. Hebrew is not translated yet."],
  [11, "shipped", "Loopboard now speaks Slovenian: pages and emails follow the language your browser asks for."],
  [1, "under_review", "Tell us which screens you use most at night."],
  [13, "in_progress", "We are building the Slack app now."],
  [2, "planned", "Planned for next quarter."],
  [14, "planned", ""],
  [3, "under_review", ""],
  [17, "under_review", "Collecting use cases — tell us yours in the comments."],
  [12, "declined", "Not for now: we will revisit single sign-on after the enterprise plan launches."],
  [26, "shipped", "صار البحث يجد الكلمة مهما اختلفت الهمزة أو التشكيل أو التاء المربوطة: «الاولويه» تجد «الأولويات»."],
  [27, "shipped", "اللوحة الآن بالعربية من اليمين إلى اليسار، باللغة التي يطلبها متصفحك أو التي تختارها أسفل الصفحة."],
  [29, "shipped", "من صوّت لفكرة أو علّق عليها أو تابعها يصله إشعار في التطبيق وبالبريد، مرة واحدة، حين تتغير حالتها."],
  [30, "planned", "أخبرونا بالمنتجات التي تستخدمونها لنسمّي الوسوم بها."],
];
