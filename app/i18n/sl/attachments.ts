import type { attachments as en } from "../en/attachments";
import type { Translation } from "../catalog";

/** Posnetki zaslona ob predlogih in komentarjih. */
export const attachments: Translation<typeof en> = {
  "attachments.field": "Posnetki zaslona",
  "attachments.hint": "Neobvezno. PNG, JPEG, WebP ali GIF, vsak do {max} MB, največ {count}. Podatki o lokaciji in fotoaparatu se odstranijo.",
  "attachments.list": "Posnetki zaslona",
  "attachments.thumbnail": "Posnetek zaslona {n} v polni velikosti",
  "attachments.error.tooLarge": "Posnetek zaslona je lahko velik največ {max} MB.",
  "attachments.error.tooMany": {
    one: "Največ {max} posnetek zaslona.",
    two: "Največ {max} posnetka zaslona.",
    few: "Največ {max} posnetki zaslona.",
    other: "Največ {max} posnetkov zaslona.",
  },
  "attachments.error.notImage": "»{name}« ni slika PNG, JPEG, WebP ali GIF.",
  "attachments.error.none": "Izberite vsaj eno sliko, ki jo želite priložiti.",
};
