import type { Translation } from "../catalog";
import type { roadmap as en } from "../en/roadmap";

/**
 * The surfaces that close the loop: roadmap, changelog (page and Atom feed), the notifications
 * page and bell, and on the idea page the status form, the timeline, Follow and the follower list.
 */
export const roadmap = {
  // Header
  "nav.roadmap": "Načrt razvoja",
  "nav.changelog": "Novosti",
  "nav.notifications": "Obvestila",
  "nav.notificationsUnread": {
    one: "Obvestila, {count} neprebrano",
    two: "Obvestila, {count} neprebrani",
    few: "Obvestila, {count} neprebrana",
    other: "Obvestila, {count} neprebranih",
  },

  // Roadmap ({days} is a fixed 90: it cannot choose a plural form, and "v zadnjih … dneh" fits 2 and up)
  "roadmap.meta.title": "Načrt razvoja · Loopboard",
  "roadmap.title": "Načrt razvoja",
  "roadmap.intro": "Kaj pregledujemo, kaj načrtujemo, kaj izdelujemo in kaj smo uresničili v zadnjih {days} dneh.",
  "roadmap.filter.label": "Filtriraj načrt razvoja",
  "roadmap.column.count": { one: "{n} predlog", two: "{n} predloga", few: "{n} predlogi", other: "{n} predlogov" },
  "roadmap.column.empty": "Trenutno tu ni ničesar.",
  "roadmap.column.more": {
    one: "in še {n} predlog",
    two: "in še {n} predloga",
    few: "in še {n} predlogi",
    other: "in še {n} predlogov",
  },
  "roadmap.column.shippedWindow": "Uresničeno v zadnjih {days} dneh",

  // Changelog
  "changelog.meta.title": "Novosti · Loopboard",
  "changelog.meta.description": "Kaj smo nedavno uresničili, najnovejše na vrhu, z opombami ekipe.",
  "changelog.title": "Novosti",
  "changelog.titleBoard": "Novosti: {board}",
  "changelog.intro": "Uresničeni predlogi, najnovejši na vrhu, in kaj je o njih povedala ekipa.",
  "changelog.empty": "Nobenega predloga še nismo uresničili.",
  "changelog.shippedOn": "Uresničeno {date}",
  "changelog.feed": "Naročite se na vir Atom",
  "changelog.feedBoard": "Naročite se na vir Atom za tablo {board}",
  "changelog.older": "Starejši vnosi",
  "changelog.newest": "Nazaj na najnovejše",
  "changelog.feed.title": "Novosti Loopboard",
  "changelog.feed.titleBoard": "Novosti Loopboard: {board}",
  "changelog.feed.subtitle": "Uresničeni predlogi",
  "changelog.feed.noNote": "Predlog »{title}« je uresničen.",

  // Notifications page
  "notifications.meta.title": "Obvestila · Loopboard",
  "notifications.title": "Obvestila",
  "notifications.unreadSummary": {
    one: "{n} neprebrano obvestilo",
    two: "{n} neprebrani obvestili",
    few: "{n} neprebrana obvestila",
    other: "{n} neprebranih obvestil",
  },
  "notifications.allRead": "Prebrali ste vse.",
  "notifications.empty": "Obvestil še ni. Glasujte za predlog, ga komentirajte ali spremljajte, pa boste izvedeli, ko se kaj premakne.",
  "notifications.unread": "Neprebrano",
  "notifications.markRead": "Označi kot prebrano",
  "notifications.markAllRead": "Označi vse kot prebrano",
  "notifications.older": "Starejša obvestila",
  "notifications.newest": "Nazaj na najnovejša",
  "notifications.settings": "Izberite, katera obvestila želite prejemati tudi po e-pošti",
  "notifications.text.shipped": "Predlog {title} je uresničen",
  "notifications.text.declined": "Predlog {title} je zavrnjen",
  "notifications.text.status": "Predlog {title} ima novo stanje: {status}",
  "notifications.text.staffComment": "{actor} (ekipa) komentira predlog {title}",
  "notifications.text.reply": "{actor} odgovarja na vaš komentar pri predlogu {title}",
  "notifications.text.comment": "{actor} komentira predlog {title}",
  "notifications.text.deleted": "Predlog {title} je izbrisan",

  // Idea page: status form
  "statusForm.title": "Spremeni stanje",
  "statusForm.status": "Novo stanje",
  "statusForm.currentOption": "{status} (trenutno)",
  "statusForm.note": "Javna opomba",
  "statusForm.noteHint": {
    one: "Prikaže se na časovnici in v e-poštnem sporočilu. Deluje Markdown. Ob zavrnitvi je obvezna; do {max} znaka.",
    two: "Prikaže se na časovnici in v e-poštnem sporočilu. Deluje Markdown. Ob zavrnitvi je obvezna; do {max} znakov.",
    few: "Prikaže se na časovnici in v e-poštnem sporočilu. Deluje Markdown. Ob zavrnitvi je obvezna; do {max} znakov.",
    other: "Prikaže se na časovnici in v e-poštnem sporočilu. Deluje Markdown. Ob zavrnitvi je obvezna; do {max} znakov.",
  },
  "statusForm.notify": { one: "Obvesti {n} osebo", two: "Obvesti {n} osebi", few: "Obvesti {n} osebe", other: "Obvesti {n} oseb" },
  "statusForm.notifyHint": "Vse, ki spremljajo predlog: avtorja, glasovalce, komentatorje in tiste, ki so izbrali »Spremljaj«.",
  "statusForm.submit": "Spremeni stanje",
  "statusForm.changed": {
    one: "{status} – obvestili bomo {n} osebo.",
    two: "{status} – obvestili bomo {n} osebi.",
    few: "{status} – obvestili bomo {n} osebe.",
    other: "{status} – obvestili bomo {n} oseb.",
  },
  "statusForm.changedQuietly": "{status} – nikogar nismo obvestili, ker je bilo obveščanje izklopljeno.",

  // Idea page: timeline ({from} and {to} are status badges)
  "timeline.statusChange": "{actor}: sprememba stanja iz {from} v {to}",
  "timeline.update": "{actor}: posodobitev ({to})",
  "timeline.quiet": "Tisti, ki spremljajo predlog, o tej spremembi niso bili obveščeni.",

  // Idea page: follow
  "follow.follow": "Spremljaj",
  "follow.unfollow": "Ne spremljaj več",
  "follow.following": "Ta predlog spremljate: obveščeni boste o spremembah stanja in novih komentarjih.",
  "follow.notFollowing": "Spremljajte ta predlog in obveščeni boste o spremembah stanja in novih komentarjih.",
  "follow.count": {
    one: "Spremlja ga {n} oseba",
    two: "Spremljata ga {n} osebi",
    few: "Spremljajo ga {n} osebe",
    other: "Spremlja ga {n} oseb",
  },
  "follow.seeWho": "Kdo ga spremlja",

  // Idea page: staff comment
  "comments.notifyFollowers": {
    one: "Obvesti {n} osebo, ki spremlja predlog (posodobitev ekipe, po e-pošti)",
    two: "Obvesti {n} osebi, ki spremljata predlog (posodobitev ekipe, po e-pošti)",
    few: "Obvesti {n} osebe, ki spremljajo predlog (posodobitev ekipe, po e-pošti)",
    other: "Obvesti {n} oseb, ki spremljajo predlog (posodobitev ekipe, po e-pošti)",
  },

  // Followers (admins)
  "followers.meta.title": "Kdo spremlja predlog · Loopboard",
  "followers.title": "Kdo spremlja »{title}«",
  "followers.intro": "Avtor, tisti, ki so zanj glasovali ali ga komentirali, in tisti, ki so izbrali »Spremljaj«, razen oseb, ki so ga nehale spremljati ali so se odjavile od sporočil o njem.",
  "followers.name": "Ime",
  "followers.email": "E-poštni naslov",
  "followers.none": "Tega predloga nihče ne spremlja.",
  "followers.more": "Več oseb",
  "followers.first": "Nazaj na začetek",
  "followers.back": "Nazaj na predlog",
} as const satisfies Translation<typeof en>;
