/**
 * The tag palette: the colours an admin picks a tag's from. Each is a pair drawn in app.css
 * (`.tag--<colour>`): dark text on a light tint, at least 7:1, so a chip reads in any language
 * and passes axe on every page. A fixed list rather than any hex value: nobody can pick a colour
 * that fails contrast. See docs/decisions/0025-tags.md.
 */
export const TAG_COLOURS = ["grey", "red", "orange", "green", "teal", "blue", "purple", "pink"] as const;
export type TagColour = (typeof TAG_COLOURS)[number];

export const isTagColour = (value: unknown): value is TagColour => typeof value === "string" && (TAG_COLOURS as readonly string[]).includes(value);
